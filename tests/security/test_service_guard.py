"""SERVICE (and FROM) can never make the engine fetch, whatever escapes or syntax the query uses.

Issue 14, item 1: the guard parsed with rdflib, which expands ``\\u`` escapes before parsing,
while Oxigraph reads them inside strings only, so ``BIND("\\u0022" AS ?x) SERVICE <...> {...}
BIND("\\u0022" AS ?y)`` hid the SERVICE from the guard and the engine fetched. Each query below
is sent through every door (``run_user``, ``kg serve``'s /sparql, ``kg query -`` on an embedded
store, ``kg query -`` on a remote Oxigraph server, which would make the fetch itself) while a
loopback listener counts the connections it receives: it must receive none. A control query
with ``allow_remote`` proves the listener does see the engine's fetches.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.curation.seeds import load_corpus
from kg.errors import KgError, QueryError
from kg.queries import safety
from kg.queries.run import run_user
from kg.queries.safety import refuse_clauses, runnable
from kg.store import EmbeddedStore, RemoteStore
from kg.web.app import create_app
from kg.web.sparql import Limits
from tests.conftest import SEEDS
from tests.security.conftest import http, kg, one_line_error
from tests.servers import Server, oxigraph_server

#: ``{U}`` is the listener's URL, ``{HOST}`` its ``127.0.0.1:port``. Raw strings: every
#: backslash below is one backslash in the query.
ATTACKS = {
    "plain": r"SELECT * WHERE { SERVICE <{U}> { ?s ?p ?o } }",
    "u0022-strings": r'SELECT * WHERE { BIND("\u0022" AS ?x) SERVICE <{U}> { ?s ?p ?o } '
    r'BIND("\u0022" AS ?y) }',
    "u0027-strings": r"SELECT * WHERE { BIND('\u0027' AS ?x) SERVICE <{U}> { ?s ?p ?o } "
    r"BIND('\u0027' AS ?y) }",
    "U00000022-strings": r'SELECT * WHERE { BIND("\U00000022" AS ?x) SERVICE <{U}> '
    r'{ ?s ?p ?o } BIND("\U00000022" AS ?y) }',
    "long-strings": r"SELECT * WHERE { BIND('''\u0027''' AS ?x) SERVICE <{U}> { ?s ?p ?o } "
    r"BIND('''\u0027''' AS ?y) }",
    "u005C-backslash": r'SELECT * WHERE { BIND("\u005C" AS ?x) SERVICE <{U}> { ?s ?p ?o } '
    r'BIND("\u005C" AS ?y) }',
    "escaped-keyword": r"SELECT * WHERE { \u0053ERVICE <{U}> { ?s ?p ?o } }",
    "escaped-keyword-U": r"SELECT * WHERE { \U00000053ERVICE <{U}> { ?s ?p ?o } }",
    "escape-spelling-escape": r'SELECT * WHERE { BIND("\u005Cu0022" AS ?x) SERVICE <{U}> '
    r'{ ?s ?p ?o } BIND("\u005Cu0022" AS ?y) }',
    "iri-escapes": r"SELECT * WHERE { SERVICE <http\u003A//{HOST}/\u0073parql> { ?s ?p ?o } }",
    "string-escapes": r"""SELECT * WHERE { BIND("a\"b\\" AS ?x) BIND('c\'d' AS ?y) """
    r"SERVICE <{U}> { ?s ?p ?o } }",
    "comments": "SELECT * WHERE { # SERVICE in a comment\n BIND('#' AS ?h) SERVICE#x\n<{U}>#y\n"
    "{ ?s ?p ?o } }",
    "u000A-in-comment": r"SELECT * WHERE { ?s ?p ?o # \u000A } SERVICE <{U}> { ?s ?p ?o "
    "\n}",
    "lower-case": r"select * where { service silent <{U}> { ?s ?p ?o } }",
    "mixed-case": r"SELECT * WHERE { sErViCe <{U}> { ?s ?p ?o } }",
    "prefixed": r"PREFIX r: <http://{HOST}/> SELECT * WHERE { SERVICE r:sparql { ?s ?p ?o } }",
    "empty-prefix": r"PREFIX : <http://{HOST}/> SELECT * WHERE { SERVICE :sparql { ?s ?p ?o } }",
    "base": r"BASE <http://{HOST}/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    "variable": r"SELECT * WHERE { VALUES ?u { <{U}> } SERVICE ?u { ?s ?p ?o } }",
    "nested": r"SELECT * WHERE { { { OPTIONAL { { SERVICE SILENT <{U}> { ?s ?p ?o } } } } } }",
    "union-minus": r"SELECT * WHERE { { ?s ?p ?o } UNION { ?s ?p ?o MINUS "
    r"{ SERVICE <{U}> { ?s ?p ?o } } } }",
    "exists": r"SELECT * WHERE { FILTER EXISTS { SERVICE <{U}> { ?s ?p ?o } } }",
    "subquery": r"SELECT * WHERE { { SELECT * WHERE { SERVICE <{U}> { ?s ?p ?o } } LIMIT 1 } }",
    "ask": r"ASK { SERVICE <{U}> { ?s ?p ?o } }",
    "construct": r"CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{U}> { ?s ?p ?o } }",
    "describe": r"DESCRIBE ?s WHERE { SERVICE <{U}> { ?s ?p ?o } }",
    "from": r"SELECT * FROM <{U}> WHERE { ?s ?p ?o }",
    "from-named": r"SELECT * FROM NAMED <{U}> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "from-u0022": r'SELECT * FROM <{U}> WHERE { BIND("\u0022" AS ?x) BIND("\u0022" AS ?y) }',
}


class Listener:
    """A loopback TCP listener that counts the connections it accepts (and answers nothing)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.host = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.url = f"http://{self.host}/sparql"
        self.connections = 0
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def query(self, name: str) -> str:
        return ATTACKS[name].replace("{U}", self.url).replace("{HOST}", self.host)

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    ear = Listener()  # one per test: a late connection cannot count for the next test
    yield ear
    ear.close()


@pytest.fixture(scope="module")
def in_processes() -> Iterator[None]:
    """New query texts checked in worker processes, as ``kg serve`` checks them."""
    safety._verdict.cache_clear()
    safety.check_in_processes(2)
    yield
    safety.stop_checking_in_processes()
    safety._verdict.cache_clear()


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("svc") / "store"
    store = EmbeddedStore(path)
    store.replace_graphs(load_corpus(SEEDS).dataset())
    store.close()
    return str(path)


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from oxigraph_server(tmp_path_factory.mktemp("svc-oxigraph"))


def test_the_listener_sees_the_engine_fetch(listener: Listener) -> None:
    # the control: with --allow-remote the engine does call the service
    before = listener.connections
    store = EmbeddedStore()
    try:
        with pytest.raises(KgError):
            list(run_user(store, listener.query("plain"), allow_remote=True, timeout=10))  # type: ignore[call-overload]
    finally:
        store.close()
    assert listener.connections > before


@pytest.mark.parametrize("name", ATTACKS)
def test_run_user_refuses_and_never_connects(listener: Listener, name: str) -> None:
    before = listener.connections
    store = EmbeddedStore()
    try:
        with pytest.raises(QueryError, match=r"refused|syntax error"):
            run_user(store, listener.query(name), timeout=10)
    finally:
        store.close()
    assert listener.connections == before


@pytest.mark.parametrize("name", ATTACKS)
def test_endpoint_refuses_and_never_connects(listener: Listener, name: str) -> None:
    before = listener.connections
    store = EmbeddedStore()
    app = create_app(store, Limits(timeout=10))
    text = listener.query(name)
    try:
        answers = [
            http(app, "GET", "/sparql", params={"query": text}),
            http(app, "POST", "/sparql", data={"query": text}),
            http(app, "POST", "/sparql", content=text.encode(),
                 headers={"Content-Type": "application/sparql-query"}),
        ]  # fmt: skip
    finally:
        store.close()
    for response in answers:
        assert response.status_code == 400, response.text
        assert len(response.text.strip().splitlines()) == 1
    assert listener.connections == before


@pytest.mark.parametrize("name", ATTACKS)
def test_endpoint_checking_in_processes_refuses_and_never_connects(
    in_processes: None, listener: Listener, name: str
) -> None:
    # kg serve parses new texts in worker processes: the same verdict, decided there
    before = listener.connections
    store = EmbeddedStore()
    app = create_app(store, Limits(timeout=10))
    try:
        answer = http(app, "POST", "/sparql", data={"query": listener.query(name)})
    finally:
        store.close()
    assert answer.status_code == 400, answer.text
    assert "refused" in answer.text or "syntax error" in answer.text
    assert listener.connections == before


@pytest.mark.parametrize("name", ATTACKS)
def test_cli_refuses_and_never_connects(listener: Listener, disk_store: str, name: str) -> None:
    before = listener.connections
    one_line_error(kg("query", "-", "--store", disk_store, stdin=listener.query(name)), 6)
    assert listener.connections == before


@pytest.mark.parametrize("name", ATTACKS)
def test_remote_store_never_sends_it_to_the_server(
    listener: Listener, remote: Server, name: str
) -> None:
    before = listener.connections
    one_line_error(kg("query", "-", "--store", remote.query_url, stdin=listener.query(name)), 6)
    assert listener.connections == before


def test_the_remote_server_would_fetch(listener: Listener, remote: Server) -> None:
    # the control for the remote door: the server does fetch when the guard lets it through
    before = listener.connections
    store = RemoteStore(remote.query_url, timeout=10)
    try:
        answer = run_user(store, listener.query("plain"), allow_remote=True, timeout=10)
        list(answer)  # type: ignore[call-overload]
    except KgError:
        pass  # the server reports the service's failure
    finally:
        store.close()
    assert listener.connections > before


@pytest.mark.parametrize("name", ATTACKS)
def test_the_check_without_a_parser_refuses_each_form_alone(name: str) -> None:
    # the second line of defence, which a disagreement between two parsers cannot fool
    text = ATTACKS[name].replace("{U}", "http://127.0.0.1:9/s").replace("{HOST}", "127.0.0.1:9")
    try:
        expanded = runnable(text, allow_remote=True)  # escapes expanded, parsed, not refused
    except QueryError:
        return  # an escape spelling an escape: refused before any check
    with pytest.raises(QueryError, match="refused"):
        refuse_clauses(expanded)


def test_legitimate_queries_mentioning_service_still_run(tmp_path: Path) -> None:
    store = EmbeddedStore()
    try:
        for text in [
            'SELECT * WHERE { ?s ?p ?o FILTER(CONTAINS(?o, "customer service")) }',
            "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
            'SELECT * WHERE { BIND("from here" AS ?x) BIND("\\u00e9t\\u00E9" AS ?y) }',
            "PREFIX schema: <http://schema.org/> SELECT * WHERE { ?s a schema:Service }",
            "# claims from ?source, with\nSELECT * WHERE { ?s ?p ?o } # drop them later",
        ]:
            run_user(store, text, timeout=10)
    finally:
        store.close()
