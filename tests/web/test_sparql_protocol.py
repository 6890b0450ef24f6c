"""``/sparql`` speaks the SPARQL 1.1 Protocol as browser clients expect: CORS for reads (never
for writes), the OPTIONS preflight, a service description, content negotiation with q-values
and 406, CONSTRUCT/DESCRIBE in four RDF syntaxes, CSV with CRLF line ends."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from rdflib import Dataset, Graph, URIRef

from kg.ids import claim_iri
from kg.store import EmbeddedStore
from kg.web.app import create_app
from kg.web.sparql import Limits
from tests.security.conftest import http

SELECT = "SELECT ?c WHERE { ?c a <https://w3id.org/claimgraph/ns#Claim> } ORDER BY ?c LIMIT 3"
CLAIM = claim_iri("containers-shipped")
CONSTRUCT = f"CONSTRUCT {{ <{CLAIM}> ?p ?o }} WHERE {{ <{CLAIM}> ?p ?o }}"
SD = "http://www.w3.org/ns/sparql-service-description#"
TOKEN = "a-write-token-of-enough-length"
TSV = "text/tab-separated-values"


@pytest.fixture(scope="module")
def store(dataset: Dataset) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore()
    s.replace_graphs(dataset)
    yield s
    s.close()


@pytest.fixture(scope="module")
def app(store: EmbeddedStore) -> object:
    return create_app(store, Limits(cap=1000, timeout=10), write_token=TOKEN)


def get(app: object, query: str, accept: str | None = None, **params: str):  # type: ignore[no-untyped-def]
    headers = {"Origin": "https://yasgui.example"}
    if accept is not None:
        headers["Accept"] = accept
    return http(app, "GET", "/sparql", params={"query": query, **params}, headers=headers)


# ------------------------------------------------------------------ CORS


def test_reads_allow_any_origin_by_default(app: object) -> None:
    response = get(app, SELECT)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    headers = {"Content-Type": "application/sparql-query", "Origin": "https://x.example"}
    posted = http(app, "POST", "/sparql", content=SELECT, headers=headers)
    assert posted.headers["access-control-allow-origin"] == "*"
    refused = get(app, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert refused.status_code == 400  # read-only; the browser may still read why
    assert refused.headers["access-control-allow-origin"] == "*"


def test_preflight_answers_options(app: object) -> None:
    response = http(app, "OPTIONS", "/sparql", headers={
        "Origin": "https://yasgui.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    })  # fmt: skip
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "content-type" in response.headers["access-control-allow-headers"].lower()
    assert "OPTIONS" in response.headers["allow"]


def test_configured_origins_only(store: EmbeddedStore) -> None:
    app = create_app(store, Limits(cors_origins=("https://ok.example",)))
    ok = http(app, "GET", "/sparql", params={"query": SELECT},
              headers={"Origin": "https://ok.example"})  # fmt: skip
    assert ok.headers["access-control-allow-origin"] == "https://ok.example"
    assert "origin" in ok.headers["vary"].lower()
    other = http(app, "GET", "/sparql", params={"query": SELECT},
                 headers={"Origin": "https://evil.example"})  # fmt: skip
    assert "access-control-allow-origin" not in other.headers
    none = create_app(store, Limits(cors_origins=()))
    assert "access-control-allow-origin" not in get(none, SELECT).headers


def test_writes_never_send_cors_headers(app: object) -> None:
    origin = {"Origin": "https://yasgui.example"}
    preflight = http(app, "OPTIONS", "/store", params={"graph": "urn:g"}, headers=origin)
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status_code in (404, 405)
    put = http(app, "PUT", "/store", params={"graph": "urn:g"}, content="<urn:a> <urn:b> <urn:c> .",
               headers={**origin, "Content-Type": "text/turtle"})  # fmt: skip
    assert put.status_code == 401  # no token
    assert "access-control-allow-origin" not in put.headers


# ------------------------------------------------------------------ service description


def test_service_description_without_a_query(app: object) -> None:
    response = http(app, "GET", "/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert response.headers["access-control-allow-origin"] == "*"
    graph = Graph().parse(data=response.text, format="turtle")
    service = next(graph.subjects(URIRef(SD + "endpoint"), URIRef("http://kg/sparql")))
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in graph
    assert (service, URIRef(SD + "feature"), URIRef(SD + "UnionDefaultGraph")) in graph
    assert (None, None, URIRef(SD + "SPARQL11Update")) not in graph
    formats = set(graph.objects(service, URIRef(SD + "resultFormat")))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_CSV") in formats
    as_jsonld = http(app, "GET", "/sparql", headers={"Accept": "application/ld+json"})
    assert as_jsonld.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=as_jsonld.text, format="json-ld")) == len(graph)


# ------------------------------------------------------------------ negotiation


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("text/csv;q=0.9, application/sparql-results+xml;q=0.5", "text/csv"),
        ("application/sparql-results+json;q=0.2, text/tab-separated-values", TSV),
        ("text/*;q=0.5, application/sparql-results+json;q=0.4", "text/csv"),
        ("*/*", "application/sparql-results+json"),
        (None, "application/sparql-results+json"),
        ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
    ],
)  # fmt: skip
def test_select_follows_q_values(app: object, accept: str | None, media: str) -> None:
    response = get(app, SELECT, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media


def test_unacceptable_types_get_406(app: object) -> None:
    for query in (SELECT, CONSTRUCT, "ASK { ?s ?p ?o }"):
        response = get(app, query, "image/png, text/html;q=0.9")
        assert response.status_code == 406, query
        assert "application/" in response.text
        assert response.headers["access-control-allow-origin"] == "*"
    assert http(app, "GET", "/sparql", headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize(
    ("accept", "media", "syntax"),
    [
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/rdf+xml;q=0.5, application/ld+json;q=0.8", "application/ld+json", "json-ld"),
    ],
)
def test_construct_in_each_rdf_syntax(app: object, accept: str, media: str, syntax: str) -> None:
    response = get(app, CONSTRUCT, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    graph = Graph().parse(data=response.text, format=syntax)
    assert len(graph) >= 3 and set(graph.subjects()) == {CLAIM}
    described = get(app, f"DESCRIBE <{CLAIM}>", accept)
    assert described.headers["content-type"].split(";")[0] == media
    assert len(Graph().parse(data=described.text, format=syntax)) >= 3


def test_construct_format_parameter(app: object) -> None:
    response = get(app, CONSTRUCT, None, format="json-ld")
    assert response.headers["content-type"].startswith("application/ld+json")
    assert isinstance(json.loads(response.text), list | dict)


# ------------------------------------------------------------------ CSV


def test_csv_lines_end_in_crlf(app: object) -> None:
    response = get(app, SELECT, "text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("c\r\n") and body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(body, newline="")))
    assert len(rows) == 4
    ask = get(app, "ASK { ?s ?p ?o }", "text/csv").content.decode("utf-8")
    assert ask == "_askResult\r\ntrue\r\n"
