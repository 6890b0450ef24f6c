"""SPARQL the stores run internally (write paths, summaries, search fallback), as files.

Templates use ``{NAME}`` placeholders that are filled only with escaped IRIs
(:func:`kg.store.binding.term_text`) or N-Triples produced by rdflib, never with user text.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["template"]


@cache
def template(name: str) -> str:
    """The text of ``kg/store/sparql/<name>``.

    >>> "GRAPH" in template("replace.ru")
    True
    """
    return (resources.files(__name__) / name).read_text(encoding="utf-8")
