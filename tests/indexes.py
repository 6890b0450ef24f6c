"""What the embedded store's text index should hold, and what it holds (for tests)."""

from __future__ import annotations

from kg.integrity import expected_documents
from kg.store import EmbeddedStore


def graph_docs(store: EmbeddedStore) -> list[tuple[str, ...]]:
    """The documents the graphs call for (``search-docs.rq``), sorted."""
    return sorted(expected_documents(store).elements())


def indexed_docs(store: EmbeddedStore) -> list[tuple[str, ...]]:
    """The documents the text index holds, sorted."""
    return sorted(store.index.rows())
