"""Untrusted queries, through `kg query --file`, `kg query -` and `kg serve` (in-process).

tests/store already covers DROP/INSERT DATA/LOAD/FROM/SERVICE through `run_user`, the CLI exit
code of a few refusals, the row cap and timeout of `run_user`, and two injection strings; this
module covers what is left: every refusal through both doors with the store unchanged, DELETE
WHERE / CLEAR / FROM NAMED / GRAPH stores, the timeout and the cap through the HTTP endpoint
(CONSTRUCT too), injection strings of every shape bound into every canned query that takes a
parameter, and concurrent parsing (rdflib's parser is not thread-safe).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.curation.seeds import load_corpus
from kg.errors import QueryError
from kg.queries import list_queries
from kg.queries.run import run_canned
from kg.queries.safety import check_query
from kg.store import EmbeddedStore
from kg.web.app import create_app
from kg.web.sparql import Limits
from tests.conftest import SEEDS
from tests.security.conftest import http, kg, one_line_error, quads

REFUSED = [
    "DROP ALL",
    "CLEAR ALL",
    "DELETE WHERE { ?s ?p ?o }",
    "INSERT { <urn:a> <urn:b> <urn:c> } WHERE { }",
    "LOAD <file:///etc/passwd>",
    "LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <urn:g>",
    "CREATE GRAPH <urn:x> ; DROP ALL",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "ASK FROM <http://127.0.0.1:9/x> { ?s ?p ?o }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <file:///etc/passwd> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://127.0.0.1:9/> { ?s ?q ?r } } }",
    "SELECT ( WHERE",
]
#: Values a user could give for a parameter, each an attempt to leave the string.
INJECTIONS = [
    'x" || true || "',
    '"} ; DROP ALL ; {',
    "x' } UNION { ?s ?p ?o } #",
    "<http://evil>",
    'line\n} ; DROP ALL ; { "',
    'back\\" || true || \\"',
    "tab\t\r\u2028\u0000end",
    '""" } DELETE WHERE { ?s ?p ?o } #',
]
#: Counts ~13 million rows: seconds of work, far past the 0.2 s allowed. (Oxigraph cannot stop
#: inside an aggregate, so an abandoned count runs on in a daemon thread: keep it bounded.)
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g cg:stance ?i }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An on-disk store holding the seed graph, for the command line."""
    path = tmp_path_factory.mktemp("q") / "store"
    store = EmbeddedStore(path)
    store.replace_graphs(load_corpus(SEEDS).dataset())
    store.close()
    return str(path)


def disk_quads(path: str) -> list[tuple[str, ...]]:
    store = EmbeddedStore(Path(path), read_only=True)
    try:
        return quads(store)
    finally:
        store.close()


@pytest.mark.parametrize("text", REFUSED)
def test_cli_refuses_with_one_line_and_changes_nothing(
    store_dir: str, text: str, tmp_path: Path
) -> None:
    before = disk_quads(store_dir)
    one_line_error(kg("query", "-", "--store", store_dir, stdin=text), 6)
    query_file = tmp_path / "q.rq"
    query_file.write_text(text, encoding="utf-8")
    line = one_line_error(kg("query", "--file", str(query_file), "--store", store_dir), 6)
    assert "refused" in line or "syntax error" in line
    assert disk_quads(store_dir) == before


@pytest.mark.parametrize("text", REFUSED)
def test_endpoint_refuses_every_way_and_changes_nothing(seeded: EmbeddedStore, text: str) -> None:
    app = create_app(seeded)
    before = quads(seeded)
    answers = [
        http(app, "GET", "/sparql", params={"query": text}),
        http(app, "POST", "/sparql", data={"query": text}),
        http(app, "POST", "/sparql", data={"update": text}),
        http(app, "POST", "/sparql", content=text.encode(),
             headers={"Content-Type": "application/sparql-query"}),
        http(app, "POST", "/sparql", content=text.encode(),
             headers={"Content-Type": "application/sparql-update"}),
    ]  # fmt: skip
    for response in answers:
        assert response.status_code == 400, response.text
        assert len(response.text.strip().splitlines()) == 1
        assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert quads(seeded) == before


def test_endpoint_times_out_with_a_clear_message(seeded: EmbeddedStore) -> None:
    app = create_app(seeded, Limits(timeout=0.2))
    before = quads(seeded)
    response = http(app, "GET", "/sparql", params={"query": FOREVER})
    assert response.status_code == 400
    assert response.text.strip() == "query refused or failed: query timed out after 0.2 s"
    # the endpoint still answers, and nothing changed
    assert http(app, "GET", "/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]
    assert quads(seeded) == before


def test_cli_times_out_with_a_clear_message(store_dir: str, tmp_path: Path) -> None:
    # a process of its own: the abandoned count dies with it (and the store's lock with it)
    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    done = subprocess.run([sys.executable, "-m", "kg", "query", "-", "--timeout", "0.2",
                           "--store", str(copy)], input=FOREVER, capture_output=True,
                          text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 6
    assert done.stderr == "kg: error: query timed out after 0.2 s\n"


def test_property_path_explosion_is_bounded(seeded: EmbeddedStore) -> None:
    app = create_app(seeded, Limits(cap=5, timeout=0.5))
    text = "SELECT * WHERE { ?a (!<urn:x>)* ?b . ?c (!<urn:x>)* ?d }"
    response = http(app, "GET", "/sparql", params={"query": text})
    if response.status_code == 200:  # finished its first rows within the time: capped
        assert len(response.json()["results"]["bindings"]) == 5
    else:
        assert "timed out" in response.text


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples"])
def test_construct_is_capped_too(seeded: EmbeddedStore, accept: str) -> None:
    app = create_app(seeded, Limits(cap=7))
    response = http(app, "GET", "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                    headers={"Accept": accept})  # fmt: skip
    assert response.status_code == 200
    from rdflib import Graph

    fmt = "turtle" if accept == "text/turtle" else "nt"
    assert len(Graph().parse(data=response.text, format=fmt)) == 7


def test_select_is_capped(seeded: EmbeddedStore) -> None:
    app = create_app(seeded, Limits(cap=3))
    response = http(app, "GET", "/sparql", params={"query": "SELECT * { ?s ?p ?o }"},
                    headers={"Accept": "application/sparql-results+json"})  # fmt: skip
    assert len(json.loads(response.text)["results"]["bindings"]) == 3


PARAM_QUERIES = [q for q in list_queries() if q.params]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_stay_values_in_every_canned_query(
    seeded: EmbeddedStore, value: str
) -> None:
    before = quads(seeded)
    for query in PARAM_QUERIES:
        literal = {p: Literal(value) for p in query.params}
        answer = run_canned(seeded, query.name, literal, timeout=10)
        found = answer if isinstance(answer, bool) else bool(list(answer))
        assert found is False, query.name
    assert quads(seeded) == before


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_through_the_cli(store_dir: str, value: str) -> None:
    before = disk_quads(store_dir)
    for name in ("claims-by", "denied-by"):
        result = kg("query", name, "--param", f"agent={value}", "--store", store_dir)
        assert result.exit_code == 0, result.output
        assert "(0 rows)" in result.output
    # an IRI-looking value that is not a clean IRI is refused, never pasted
    result = kg("query", "deniers", "--param", "claim=http://evil> } ; DROP ALL ; {",
                "--store", store_dir)  # fmt: skip
    assert result.exit_code == 6 and "not a valid IRI" in result.stderr
    assert disk_quads(store_dir) == before


def test_bad_iris_and_language_tags_cannot_be_bound(seeded: EmbeddedStore) -> None:
    for bad in ("http://evil> } ; DROP ALL ; { <x:", "no-scheme", "x:a b", "x:{}"):
        with pytest.raises(QueryError, match="not a valid IRI"):
            run_canned(seeded, "deniers", {"claim": URIRef(bad)})
    with pytest.raises((QueryError, ValueError)):
        run_canned(seeded, "claims-by", {"agent": Literal("x", lang='en" } DROP ALL {')})


def test_parsing_is_safe_from_many_threads() -> None:
    """rdflib's SPARQL grammar is not thread-safe; `kg serve` parses in a thread pool."""
    texts = [q.text for q in list_queries() if not q.params][:8]
    errors: list[BaseException] = []

    def parse_all() -> None:
        try:
            for _ in range(3):
                for text in texts:
                    check_query(text)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=parse_all) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_abandoned_queries_cannot_pile_up(seeded: EmbeddedStore) -> None:
    """Timed-out queries Oxigraph cannot stop keep their threads; past a limit the endpoint
    answers 503 instead of starting more (threads standing in for them here)."""
    release = threading.Event()
    stuck = [threading.Thread(target=release.wait, name="kg-query") for _ in range(3)]
    for t in stuck:
        t.start()
    try:
        app = create_app(seeded, Limits(max_running=3))
        busy = http(app, "GET", "/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert busy.status_code == 503 and "busy" in busy.text
    finally:
        release.set()
        for t in stuck:
            t.join()
    ok = http(create_app(seeded, Limits(max_running=3)), "GET", "/sparql",
              params={"query": "ASK { ?s ?p ?o }"})  # fmt: skip
    assert ok.status_code == 200
