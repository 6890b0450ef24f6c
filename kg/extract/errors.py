"""Errors the extractor raises on purpose; all are `kg.errors.InputError` subclasses."""

from __future__ import annotations

from kg.errors import InputError

__all__ = ["ArticleError", "UnsupportedLanguageError"]


class ArticleError(InputError):
    """The article file cannot be read as an article (empty, binary, too big, bad encoding...)."""


class UnsupportedLanguageError(InputError):
    """The article is not in a language the extractor has data for (id, en)."""
