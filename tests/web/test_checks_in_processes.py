"""``kg serve`` checks new query texts in worker processes (rdflib's parser is pure Python and
not thread-safe: in the server's process they were checked one at a time, holding its GIL).
Queries never seen before are answered as the in-process check answers them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import Literal, URIRef

from kg.queries import list_queries, safety
from kg.queries.run import run_user
from kg.store import EmbeddedStore
from kg.store.binding import bind
from kg.web.app import create_app
from tests.security.conftest import http

CLAIM = URIRef("https://w3id.org/claimgraph/id/claim/containers-shipped")
PARAMS = {"claim": CLAIM, "agent": Literal("ministry of transport"), "hash": Literal("sha256:0")}


def _texts() -> list[tuple[str, str]]:
    """Every user-facing canned query, parameters bound, and two plain user queries."""
    texts = []
    for query in list_queries():
        if query.name.startswith(("fmt-", "view-", "track-", "check-", "keep-", "graph-")):
            continue
        if not set(query.params) <= set(PARAMS):
            continue
        texts.append((query.name, bind(query.text, {p: PARAMS[p] for p in query.params})))
    texts.append(("count", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    texts.append(("ask", "ASK { ?s a <https://w3id.org/claimgraph/ns#Claim> }"))
    return texts


@pytest.fixture
def pooled() -> Iterator[None]:
    safety._verdict.cache_clear()
    safety.check_in_processes(2)
    yield
    safety.stop_checking_in_processes()
    safety._verdict.cache_clear()


def _answers(store: EmbeddedStore, texts: list[tuple[str, str]], mark: str) -> dict[str, str]:
    app = create_app(store)
    out = {}
    for name, text in texts:
        response = http(app, "POST", "/sparql", data={"query": f"{text}\n# {mark}"},
                        headers={"Accept": "text/csv"})  # fmt: skip
        assert response.status_code == 200, (name, response.text)
        out[name] = "\n".join(sorted(response.text.splitlines()))
    return out


def test_never_seen_queries_answer_the_same_checked_in_processes(
    seed_store: EmbeddedStore, pooled: None
) -> None:
    texts = _texts()
    assert len(texts) > 8
    pooled_answers = _answers(seed_store, texts, "pooled")
    assert any(len(a.splitlines()) > 2 for a in pooled_answers.values())
    safety.stop_checking_in_processes()
    here = _answers(seed_store, texts, "here")
    assert pooled_answers == here


def test_the_check_runs_in_the_workers(
    seed_store: EmbeddedStore, pooled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str) -> None:
        raise AssertionError("parsed in the server's process")

    monkeypatch.setattr(safety, "parseQuery", broken)  # this process's parser only
    assert run_user(seed_store, "ASK { ?s ?p ?o } # new text") is True
    with pytest.raises(safety.QueryError, match="SERVICE is refused"):
        run_user(seed_store, "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
