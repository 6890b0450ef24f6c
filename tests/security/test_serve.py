"""`kg serve`: loopback by default, no writes without a token, a CSP on every response."""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import Dataset, Graph, URIRef

from kg.errors import InputError
from kg.store import EmbeddedStore
from kg.web.app import create_app
from kg.web.write import check_token
from tests.security.conftest import http, kg, one_line_error, quads
from tests.security.test_files import NOT_CONFORMING

TOKEN = "correct-horse-battery-staple-42"
ARTICLE = URIRef("https://w3id.org/claimgraph/id/graph/eae76bf788f95f59")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def article_turtle(dataset: Dataset) -> str:
    graph = Graph()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if g is not None and str(g) == str(ARTICLE):
            graph.add((s, p, o))
    assert len(graph) > 100
    return graph.serialize(format="turtle")


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org"])
def test_serve_refuses_a_public_host_without_public(host: str, tmp_path: Any) -> None:
    line = one_line_error(kg("serve", "--host", host, "--store", str(tmp_path / "s")), 2)
    assert "--public" in line
    assert not (tmp_path / "s").exists()  # refused before the store was opened


def test_serve_defaults_to_loopback() -> None:
    from kg.cli.serve import serve_cmd

    host = next(p for p in serve_cmd.params if p.name == "host")
    assert host.default == "127.0.0.1"


@pytest.mark.parametrize("token", ["", "short", "x" * 15])
def test_short_tokens_are_refused_at_start(token: str, tmp_path: Any) -> None:
    with pytest.raises(InputError, match="at least 16"):
        check_token(token)
    line = one_line_error(kg("serve", "--write-token", token, "--store", str(tmp_path / "s")), 2)
    assert "at least 16 characters" in line
    with pytest.raises(InputError):
        create_app(EmbeddedStore(), write_token=token)


def test_without_a_token_there_is_no_write_route(seeded: EmbeddedStore, dataset: Dataset) -> None:
    app = create_app(seeded)
    before = quads(seeded)
    body = article_turtle(dataset)
    put = http(app, "PUT", "/store", params={"graph": str(ARTICLE)}, content=body,
               headers={**AUTH, "Content-Type": "text/turtle"})  # fmt: skip
    delete = http(app, "DELETE", "/store", params={"graph": str(ARTICLE)}, headers=AUTH)
    update = http(app, "POST", "/sparql", data={"update": "DROP ALL"}, headers=AUTH)
    assert put.status_code == 404 and delete.status_code == 404
    assert update.status_code == 400
    assert quads(seeded) == before


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token-wrong-token"}, {"Authorization": TOKEN},
     {"Authorization": f"Basic {TOKEN}"}, {"Authorization": f"Bearer {TOKEN}x"},
     {"Authorization": f"Bearer {TOKEN[:-1]}"}, {"Authorization": "Bearer "}],
)  # fmt: skip
def test_writes_need_the_exact_bearer_token(
    seeded: EmbeddedStore, dataset: Dataset, headers: dict[str, str]
) -> None:
    app = create_app(seeded, write_token=TOKEN)
    before = quads(seeded)
    put = http(app, "PUT", "/store", params={"graph": "urn:kg:new"},
               content=article_turtle(dataset),
               headers={**headers, "Content-Type": "text/turtle"})  # fmt: skip
    delete = http(app, "DELETE", "/store", params={"graph": str(ARTICLE)}, headers=headers)
    for response in (put, delete):
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
    assert quads(seeded) == before


def test_put_replaces_and_delete_retracts(seeded: EmbeddedStore, dataset: Dataset) -> None:
    app = create_app(seeded, write_token=TOKEN)
    body = article_turtle(dataset)
    before = quads(seeded)
    # the same article again: replaced (204), nothing changed
    put = http(app, "PUT", "/store", params={"graph": str(ARTICLE)}, content=body,
               headers={**AUTH, "Content-Type": "text/turtle"})  # fmt: skip
    assert put.status_code == 204, put.text
    assert quads(seeded) == before
    # as N-Triples into a new graph: created (201)
    nt = Graph().parse(data=body, format="turtle").serialize(format="nt")
    put = http(app, "PUT", "/store", params={"graph": "urn:kg:copy"}, content=nt,
               headers={**AUTH, "Content-Type": "application/n-triples"})  # fmt: skip
    assert put.status_code == 201, put.text
    assert URIRef("urn:kg:copy") in seeded.graphs()
    delete = http(app, "DELETE", "/store", params={"graph": "urn:kg:copy"}, headers=AUTH)
    assert delete.status_code == 204
    assert quads(seeded) == before
    missing = http(app, "DELETE", "/store", params={"graph": "urn:kg:copy"}, headers=AUTH)
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("params", "body", "kind", "match"),
    [
        ({"graph": str(ARTICLE)}, NOT_CONFORMING, "text/turtle", "SHACL"),
        ({"graph": str(ARTICLE)}, "<a> <b> .", "text/turtle", "not valid turtle"),
        ({"graph": str(ARTICLE)}, "", "text/turtle", "no triples"),
        ({"graph": str(ARTICLE)}, NOT_CONFORMING, "application/rdf+xml", "unsupported"),
        ({}, NOT_CONFORMING, "text/turtle", "?graph=IRI"),
        ({"graph": "file:///etc/passwd"}, NOT_CONFORMING, "text/turtle", "?graph=IRI"),
        ({"graph": "http://x> } ; DROP ALL ; {"}, NOT_CONFORMING, "text/turtle", "not a valid"),
    ],
)  # fmt: skip
def test_bad_writes_are_refused_and_change_nothing(
    seeded: EmbeddedStore, params: dict[str, str], body: str, kind: str, match: str
) -> None:
    app = create_app(seeded, write_token=TOKEN)
    before = quads(seeded)
    response = http(app, "PUT", "/store", params=params, content=body.encode(),
                    headers={**AUTH, "Content-Type": kind})  # fmt: skip
    assert response.status_code == 400, response.text
    assert match in response.text and len(response.text.strip().splitlines()) == 1
    assert quads(seeded) == before


def test_every_kind_of_response_has_a_restrictive_csp(seeded: EmbeddedStore) -> None:
    app = create_app(seeded, write_token=TOKEN)
    requests: list[tuple[str, str, dict[str, Any]]] = [
        ("GET", "/", {}),
        ("GET", "/index.json", {}),
        ("GET", "/graph.html", {}),
        ("GET", "/claim/containers-shipped", {}),
        ("GET", "/claim/containers-shipped.json", {}),
        ("GET", "/claim/no-such-claim", {}),
        ("GET", "/no/such/page", {}),
        ("GET", "/sparql", {"params": {"query": "ASK {}"}}),
        ("GET", "/sparql", {"params": {"query": "DROP ALL"}}),
        ("GET", "/sparql", {"params": {"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"}}),
        ("DELETE", "/sparql", {}),
        ("PUT", "/store", {"params": {"graph": "urn:x"}}),
        ("DELETE", "/store", {"params": {"graph": "urn:kg:none"}, "headers": AUTH}),
    ]
    statuses = set()
    for method, url, kwargs in requests:
        response = http(app, method, url, **kwargs)
        statuses.add(response.status_code)
        policy = response.headers.get("content-security-policy", "")
        assert policy.startswith("default-src 'none'"), (method, url, policy)
        assert "unsafe-inline" not in policy and "*" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
    assert {200, 400, 401, 404, 405} <= statuses
