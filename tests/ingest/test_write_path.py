"""The embedded write path takes what it needs from the article, not from the store (issue 19:
cost per article independent of the store's size)."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest_files
from kg.store import EmbeddedStore
from tests.indexes import graph_docs, indexed_docs

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_eae76bf788f95f59.txt"


def articles(folder: Path, n: int) -> list[Path]:
    """``n`` copies of the seed under other bylines (distinct articles whose claims link)."""
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        path = folder / f"{i:03}.txt"
        path.write_text(text.replace("Banyu Uwir", f"Penulis {i}"), encoding="utf-8")
        paths.append(path)
    return paths


def test_text_index_rows_from_the_written_triples_are_the_queried_ones(tmp_path: Path) -> None:
    """Each article's index rows come from its N-Triples (no query reading the graph back):
    they are exactly what ``search-docs.rq`` selects from the stored graphs."""
    store = EmbeddedStore(tmp_path / "store", publish=False)
    try:
        ingest_files(articles(tmp_path / "a", 3), store)
        store.index.commit()
        docs = indexed_docs(store)
        assert docs == graph_docs(store)
        assert {row[1] for row in docs} == {"claim", "quote", "agent"}
    finally:
        store.close()
