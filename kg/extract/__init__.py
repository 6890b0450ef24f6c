"""Claim extraction: turn an article (Indonesian or English) into attributed statements.

Public API::

    from kg.extract import extract_text, read_article, extract_article
    article = read_article("seeds/000_eae76bf788f95f59.txt")
    result = extract_article(article)          # -> Extraction (pydantic)
    result = extract_text(text, lang="id")     # same, from a string

The JSON contract is documented in docs/extraction.md.
"""

from __future__ import annotations

from kg.extract.api import Extractor, extract_article, extract_text
from kg.extract.detect import detect_language
from kg.extract.errors import ArticleError, UnsupportedLanguageError
from kg.extract.reader import MAX_BYTES, article_from_text, read_article
from kg.extract.result import Article, Claimant, Extraction, Quantity, SourceMeta, Statement
from kg.extract.rules import RuleExtractor

__all__ = [
    "MAX_BYTES",
    "Article",
    "ArticleError",
    "Claimant",
    "Extraction",
    "Extractor",
    "Quantity",
    "RuleExtractor",
    "SourceMeta",
    "Statement",
    "UnsupportedLanguageError",
    "article_from_text",
    "detect_language",
    "extract_article",
    "extract_text",
    "read_article",
]
