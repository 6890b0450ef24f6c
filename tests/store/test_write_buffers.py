"""A long write session keeps RocksDB's write buffers small: what it wrote reaches the folder's
tables as it goes (issue 19: an ingest's write cost grew with the articles written since the
store was opened, every one of them still in the in-memory buffers; it fell back once the
store was closed and opened again)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef

from kg.store import EmbeddedStore


def tables(folder: Path) -> int:
    """Bytes in the store folder's table files (what RocksDB wrote out of its buffers). A file
    RocksDB's background compaction removes between the listing and its size counts nothing
    (the suite once failed on that race)."""
    total = 0
    for f in folder.glob("*.sst"):
        try:
            total += f.stat().st_size
        except FileNotFoundError:
            continue
    return total


def write(store: EmbeddedStore, graphs: range) -> None:
    for i in graphs:
        subject = URIRef(f"urn:x-test:s{i}")
        store.replace_graph_triples(
            URIRef(f"urn:x-test:g{i}"),
            [(subject, URIRef(f"urn:x-test:p{j}"), Literal(f"value {i} {j}")) for j in range(50)],
        )


def test_writes_reach_the_tables_while_the_store_is_open(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store", publish=False)
    try:
        store.FLUSH_AFTER = 20_000  # characters of updates: a few graphs
        before = tables(tmp_path / "store")
        write(store, range(40))
        assert tables(tmp_path / "store") > before + 10_000  # flushed, with the store open
        assert len(store) == 40 * 50
        row = store.select("SELECT ?o WHERE { GRAPH <urn:x-test:g7> { ?s <urn:x-test:p3> ?o } }")
        assert row.column("o") == [Literal("value 7 3")]
    finally:
        store.close()


def test_a_short_session_leaves_the_buffers_alone(tmp_path: Path) -> None:
    """Below the threshold nothing is flushed early (a flush blocks the writer)."""
    store = EmbeddedStore(tmp_path / "store", publish=False)
    try:
        before = tables(tmp_path / "store")
        write(store, range(3))
        assert tables(tmp_path / "store") < before + 10_000
    finally:
        store.close()
