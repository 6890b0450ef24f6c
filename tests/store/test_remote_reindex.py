"""`kg reindex` on a server: after its own bulk loader (Virtuoso's `ld_dir`) filled it, one
update recomputes the summaries the writes would have kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.ingest import ingest_paths
from kg.store import RemoteStore
from kg.store.writes import STATS_GRAPH

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = [ROOT / "seeds" / "000_eae76bf788f95f59.txt", ROOT / "tests" / "data" / "track"]
STATS = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{STATS_GRAPH}> {{ ?s ?p ?o }} }}"


@pytest.mark.parametrize("backend", ["oxigraph", "virtuoso"])
def test_reindex_recomputes_a_servers_summaries(
    backend: str, request: pytest.FixtureRequest
) -> None:
    server = request.getfixturevalue(backend)
    store = RemoteStore(server.query_url)
    try:
        for graph in store.graphs():
            store.drop_graph(graph)
        ingest_paths(ARTICLES, store)
        kept = set(store.select(STATS))
        assert len(kept) > 100
        store._update(f"DROP SILENT GRAPH <{STATS_GRAPH}>")  # a bulk load writes no summaries
        assert not set(store.select(STATS))
        result = CliRunner().invoke(main, ["reindex", "--store", server.query_url])
        assert result.exit_code == 0, result.output
        assert set(store.select(STATS)) == kept
    finally:
        for graph in store.graphs():
            store.drop_graph(graph)
        store._update(f"DROP SILENT GRAPH <{STATS_GRAPH}>")
        store.close()
