"""The embedded write path takes what it needs from the article, not from the store (issue 19:
cost per article independent of the store's size)."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest_files
from kg.store import EmbeddedStore
from tests.articles import seed_shaped
from tests.indexes import graph_docs, indexed_docs


def test_text_index_rows_from_the_written_triples_are_the_queried_ones(tmp_path: Path) -> None:
    """Each article's index rows come from its N-Triples (no query reading the graph back):
    they are exactly what ``search-docs.rq`` selects from the stored graphs."""
    store = EmbeddedStore(tmp_path / "store", publish=False)
    try:
        ingest_files(seed_shaped(tmp_path / "a", 3), store)
        store.index.commit()
        docs = indexed_docs(store)
        assert docs == graph_docs(store)
        assert {row[1] for row in docs} == {"claim", "quote", "agent"}
    finally:
        store.close()
