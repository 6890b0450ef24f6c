"""What the embedded store's text index should hold, and what it holds (for tests)."""

from __future__ import annotations

from kg.store import EmbeddedStore
from kg.store.sparql import template


def graph_docs(store: EmbeddedStore) -> list[tuple[str, ...]]:
    """The documents the graphs call for (``search-docs.rq``), sorted."""
    rows = store.select(template("search-docs.rq"))
    return sorted(
        (str(g), str(k), str(i), str(a or ""), str(t), getattr(t, "language", None) or "")
        for g, k, i, a, t in rows
    )


def indexed_docs(store: EmbeddedStore) -> list[tuple[str, ...]]:
    """The documents the text index holds, sorted."""
    return sorted(store.index.rows())
