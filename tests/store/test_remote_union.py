"""A remote store whose default graph is not the union of its named graphs (the Oxigraph
server's own default) is refused on first use with one line naming the option, instead of
accepting `kg build` and then answering every query with 0 rows; started with
``--union-default-graph`` (and Virtuoso, union by default) it works."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef

from kg.cli import main
from kg.errors import StoreError
from kg.store import RemoteStore
from tests.servers import Server, oxigraph_server

GRAPH = URIRef("https://w3id.org/claimgraph/id/graph/import/probe-test")
QUERY = "SELECT ?o WHERE { <urn:kg:test:s> <urn:kg:test:p> ?o }"


@pytest.fixture(scope="module")
def plain_oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from oxigraph_server(tmp_path_factory.mktemp("oxigraph-plain"), union=False)


def _one_graph() -> Dataset:
    dataset = Dataset()
    dataset.graph(GRAPH).add((URIRef("urn:kg:test:s"), URIRef("urn:kg:test:p"), Literal("x")))
    return dataset


def _write_then_query(url: str) -> list[object]:
    store = RemoteStore(url)
    try:
        store.replace_graphs(_one_graph(), [GRAPH])
        return [row[0] for row in store.select(QUERY)]
    finally:
        store.close()


def test_a_server_without_union_default_graph_is_refused(plain_oxigraph: Server) -> None:
    with pytest.raises(StoreError, match="--union-default-graph") as info:
        _write_then_query(plain_oxigraph.query_url)
    assert "\n" not in str(info.value)
    result = CliRunner().invoke(main, ["check", "--store", plain_oxigraph.query_url])
    assert result.exit_code != 0
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("kg: error: ") and "union" in line


def test_a_union_server_works(oxigraph: Server) -> None:
    assert _write_then_query(oxigraph.query_url) == [Literal("x")]
    store = RemoteStore(oxigraph.query_url)
    try:
        assert store.check_union_default_graph() is True
        store.drop_graph(GRAPH)
    finally:
        store.close()


def test_virtuoso_is_union_by_default(virtuoso: Server, tmp_path: Path) -> None:
    assert _write_then_query(virtuoso.query_url) == [Literal("x")]
    store = RemoteStore(virtuoso.query_url)
    try:
        assert store.check_union_default_graph() is True
        store.drop_graph(GRAPH)
    finally:
        store.close()
