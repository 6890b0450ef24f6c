"""Deeply nested input and bytes that are not UTF-8 are refused in one line (issue 14, item 3).

Before: Turtle with 20,000 nested lists and SPARQL with 3,000 nested braces ended in a
``RecursionError`` traceback (exit 1, or HTTP 500 with the traceback in the server's log), and
a query body that is not UTF-8 gave HTTP 500. Oxigraph itself overflows its stack (SIGSEGV) on
3,000 nested groups, so the refusal must come before the engine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.store import EmbeddedStore
from kg.web.app import create_app
from tests.security.conftest import http, kg, one_line_error

DEEP_QUERY = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o" + " }" * 3000
DEEP_FILTER = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 3000 + "1" + ")" * 3000 + ") }"
DEEP_TURTLE = (
    "@prefix : <http://example.org/> .\n:s :p " + "( " * 20_000 + ":o" + " )" * 20_000 + " .\n"
)


def _store(tmp_path: Path) -> str:
    path = tmp_path / "store"
    EmbeddedStore(path).close()
    return str(path)


def test_deep_turtle_is_refused_in_one_line(tmp_path: Path) -> None:
    store = _store(tmp_path)
    path = tmp_path / "deep.ttl"
    path.write_text(DEEP_TURTLE, encoding="utf-8")
    line = one_line_error(kg("import", "rdf", str(path), "--store", store), 2)
    assert str(path) in line and "nested too deeply" in line


def test_deep_trig_is_refused_in_one_line(tmp_path: Path) -> None:
    store = _store(tmp_path)
    path = tmp_path / "deep.trig"
    path.write_text(DEEP_TURTLE.replace(":s :p", "<http://example.org/g> { :s :p") + "}\n",
                    encoding="utf-8")  # fmt: skip
    line = one_line_error(kg("import", "rdf", str(path), "--store", store), 2)
    assert "nested too deeply" in line


@pytest.mark.parametrize("text", [DEEP_QUERY, DEEP_FILTER], ids=["braces", "parentheses"])
def test_deep_query_is_refused_by_the_cli_in_one_line(tmp_path: Path, text: str) -> None:
    store = _store(tmp_path)
    # a process of its own, as a user runs it: no traceback, no crash of the engine
    done = subprocess.run([sys.executable, "-m", "kg", "query", "-", "--store", store],
                          input=text, capture_output=True, text=True, timeout=300,
                          check=False)  # fmt: skip
    assert done.returncode == 6, done.stderr[-500:]
    assert done.stderr.count("\n") == 1 and "nested too deeply" in done.stderr


@pytest.mark.parametrize("text", [DEEP_QUERY, DEEP_FILTER], ids=["braces", "parentheses"])
def test_deep_query_gets_a_short_400(text: str) -> None:
    store = EmbeddedStore()
    app = create_app(store)
    try:
        answers = [
            http(app, "POST", "/sparql", data={"query": text}),
            http(app, "POST", "/sparql", content=text.encode(),
                 headers={"Content-Type": "application/sparql-query"}),
        ]  # fmt: skip
    finally:
        store.close()
    for response in answers:
        assert response.status_code == 400
        assert len(response.content) < 200 and "nested too deeply" in response.text


@pytest.mark.parametrize("kind", ["application/sparql-query", "application/x-www-form-urlencoded"])
def test_query_body_that_is_not_utf8_gets_a_400(kind: str) -> None:
    store = EmbeddedStore()
    app = create_app(store)
    body = b"SELECT * WHERE { ?s ?p \xff\xfe }"
    if kind.endswith("urlencoded"):
        body = b"query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%FF%FE%20%7D"
    try:
        response = http(app, "POST", "/sparql", content=body, headers={"Content-Type": kind})
        get = http(app, "GET", "/sparql?query=ASK%20%7B%20%FF%20%7D")
    finally:
        store.close()
    assert response.status_code == 400, response.text
    assert "UTF-8" in response.text and len(response.text.splitlines()) == 1
    assert get.status_code == 400, get.text


def test_cli_query_that_is_not_utf8_is_refused_in_one_line(tmp_path: Path) -> None:
    store = _store(tmp_path)
    path = tmp_path / "q.rq"
    path.write_bytes(b"SELECT * WHERE { ?s ?p \xff }")
    for args, stdin in [(["--file", str(path)], None), (["-"], path.read_bytes())]:
        done = subprocess.run([sys.executable, "-m", "kg", "query", *args, "--store", store],
                              input=stdin, capture_output=True, timeout=300,
                              check=False)  # fmt: skip
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode in (2, 6), err[-500:]
        assert err.count("\n") == 1 and err.startswith("kg: error: ") and "UTF-8" in err, err
