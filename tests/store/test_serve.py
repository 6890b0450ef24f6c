"""``kg serve``'s SPARQL 1.1 Protocol endpoint, used by off-the-shelf clients unchanged:
SPARQLWrapper and rdflib's SPARQLStore against a real uvicorn server, and httpx in-process."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import httpx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from kg.ids import claim_iri
from kg.store import EmbeddedStore
from kg.web.app import create_app
from kg.web.sparql import Limits
from tests.servers import serve_app

DENIERS = """
PREFIX cg: <https://w3id.org/claimgraph/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?denier WHERE {
  ?st cg:stance cg:denies ; prov:wasAttributedTo ?denier .
} ORDER BY ?denier
"""
WANTED = [
    "https://w3id.org/claimgraph/id/agent/north-korea",
    "https://w3id.org/claimgraph/id/agent/russia",
]


@pytest.fixture(scope="module")
def seeded(dataset: Dataset) -> EmbeddedStore:
    store = EmbeddedStore()
    store.replace_graphs(dataset)
    return store


@pytest.fixture(scope="module")
def endpoint(seeded: EmbeddedStore) -> Iterator[str]:
    for base in serve_app(create_app(seeded, Limits(cap=1000, timeout=10))):
        yield base + "/sparql"


def test_sparqlwrapper_select_ask_construct(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(DENIERS)
    client.setReturnFormat(JSON)
    data = client.query().convert()
    assert [b["denier"]["value"] for b in data["results"]["bindings"]] == WANTED  # type: ignore[index]
    client.setQuery("ASK { ?s ?p ?o }")
    assert client.query().convert()["boolean"] is True  # type: ignore[index]
    client.setQuery(
        f"CONSTRUCT {{ <{claim_iri('containers-shipped')}> ?p ?o }} "
        f"WHERE {{ <{claim_iri('containers-shipped')}> ?p ?o }}"
    )
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert len(graph) >= 4


def test_sparqlwrapper_post(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setMethod("POST")
    client.setQuery(DENIERS)
    client.setReturnFormat(JSON)
    data = client.query().convert()
    assert len(data["results"]["bindings"]) == 2  # type: ignore[index]


def test_rdflib_sparqlstore(endpoint: str) -> None:
    graph = Graph(store=SPARQLStore(query_endpoint=endpoint))
    rows = list(graph.query(DENIERS))
    assert [str(r[0]) for r in rows] == WANTED  # type: ignore[index]
    assert all(isinstance(r[0], URIRef) for r in rows)  # type: ignore[index]


def test_updates_are_refused_over_http(endpoint: str, seeded: EmbeddedStore) -> None:
    before = len(seeded)
    for data in ({"update": "DROP ALL"}, {"query": "DROP ALL"}):
        response = httpx.post(endpoint, data=data)
        assert response.status_code == 400
    assert len(seeded) == before


def asgi(store: EmbeddedStore, method: str, **kwargs: object) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(store))
        async with httpx.AsyncClient(transport=transport, base_url="http://kg") as client:
            return await client.request(method, "/sparql", **kwargs)  # type: ignore[arg-type]

    return asyncio.run(go())


@pytest.mark.parametrize(
    ("accept", "media"),
    [("application/sparql-results+json", "application/sparql-results+json"),
     ("application/sparql-results+xml", "application/sparql-results+xml"),
     ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values")],
)  # fmt: skip
def test_result_formats_and_headers(seeded: EmbeddedStore, accept: str, media: str) -> None:
    response = asgi(seeded, "GET", params={"query": DENIERS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert response.headers["content-security-policy"] == "default-src 'none'"
    assert "north-korea" in response.text


def test_sparql_query_body_and_refusals(seeded: EmbeddedStore) -> None:
    response = asgi(
        seeded, "POST", content=DENIERS.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/json"},
    )  # fmt: skip
    assert [
        b["denier"]["value"] for b in json.loads(response.text)["results"]["bindings"]
    ] == WANTED
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    assert asgi(seeded, "GET", params={"query": service}).status_code == 400
    graph_uri = {"query": "ASK {}", "default-graph-uri": "file:///etc/passwd"}
    assert asgi(seeded, "GET", params=graph_uri).status_code == 400
    assert asgi(seeded, "GET", params={"query": "SELECT ( WHERE"}).status_code == 400
    assert asgi(seeded, "GET", params={"format": "json"}).status_code == 400  # no query
    described = asgi(seeded, "GET")  # no query string at all: the service description
    assert described.status_code == 200 and "sparql-service-description" in described.text
