"""The read model is the same from a remote SPARQL endpoint (Oxigraph server, Virtuoso) as from
the embedded store: the view-*.rq queries are plain SPARQL 1.1."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.store import RemoteStore
from kg.view import View, read_view
from tests.servers import Server, oxigraph_server, virtuoso_server

SERVERS = {"oxigraph-server": oxigraph_server, "virtuoso": virtuoso_server}


@pytest.fixture(params=sorted(SERVERS), scope="module")
def remote(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, dataset: Dataset
) -> Iterator[RemoteStore]:
    folder: Path = tmp_path_factory.mktemp(request.param)
    servers: Iterator[Server] = SERVERS[request.param](folder)
    server = next(servers)
    store = RemoteStore(server.query_url)
    store.replace_graphs(dataset)
    yield store
    store.close()
    for _ in servers:  # stop the server
        pass


def as_dicts(view: View) -> dict[str, object]:
    def norm(table: dict[str, object]) -> dict[str, object]:
        out = {}
        for iri, item in table.items():
            data = dataclasses.asdict(item)  # type: ignore[call-overload]
            for key, value in data.items():
                if isinstance(value, list):
                    data[key] = sorted(value)
            out[iri] = data
        return out

    return {
        name: norm(getattr(view, name))
        for name in ("claims", "agents", "sources", "statements", "reviews")
    }


def test_remote_view_equals_embedded_view(remote: RemoteStore, seed_view: View) -> None:
    assert as_dicts(read_view(remote)) == as_dicts(seed_view)
