"""Store fixtures: the embedded store and the two real servers (tests/servers.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.store import EmbeddedStore, RemoteStore
from kg.store.base import Store
from kg.store.writes import STATS_GRAPH
from tests.servers import Server, oxigraph_server, virtuoso_server

BACKENDS = ["embedded", "oxigraph-server", "virtuoso"]


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from oxigraph_server(tmp_path_factory.mktemp("oxigraph"))


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from virtuoso_server(tmp_path_factory.mktemp("virtuoso"))


def _empty(store: RemoteStore) -> None:
    for graph in store.graphs():
        store.drop_graph(graph)
    store._update(f"DROP SILENT GRAPH <{STATS_GRAPH}>")


@pytest.fixture(params=BACKENDS)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """An empty store of each kind."""
    if request.param == "embedded":
        embedded = EmbeddedStore(tmp_path_factory.mktemp("embedded") / "store")
        yield embedded
        embedded.close()
        return
    server: Server = request.getfixturevalue(
        "oxigraph" if request.param == "oxigraph-server" else "virtuoso"
    )
    remote = RemoteStore(server.query_url)
    _empty(remote)
    yield remote
    _empty(remote)
    remote.close()
