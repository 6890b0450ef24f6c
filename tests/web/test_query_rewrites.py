"""The canned queries rewritten for speed give the rows the old queries gave.

``tests/data/rewrites/*.json`` hold the old queries' answers on the seed plus the 32
``tests/data`` articles (``news_store``), written by running the old text before the change.
The old queries gave a row once per named graph that described the agent in it (an agent in
two articles: its quote twice); the new ones give each row once, so the new answer is the set
of the old rows, without repeats. On a store where one agent is described in every article
(the serve benchmark's, in small), the old ``quotes`` page gave a row per quote per graph and
``view-agents`` the square of that."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.ingest import ingest_paths
from kg.queries import load_query
from kg.queries.binding import term_text
from kg.queries.run import _PAGE, run_canned
from kg.store import EmbeddedStore

EXPECTED = Path(__file__).resolve().parents[1] / "data" / "rewrites"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_eae76bf788f95f59.txt"


def _rows(store: EmbeddedStore, text: str) -> list[tuple[str | None, ...]]:
    answer = store.select(text)
    return [tuple(None if t is None else term_text(t) for t in row) for row in answer.rows]


@pytest.mark.parametrize("name", ["quotes", "view-agents"])
def test_rewritten_query_gives_the_old_rows(news_store: EmbeddedStore, name: str) -> None:
    old = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    text = _PAGE.sub("", load_query(name).text)  # the whole answer, not a page
    params = {k: URIRef(v) for k, v in old["params"].items()} if "params" in old else {}
    answer = news_store.select(text, params)
    new = [tuple(None if t is None else term_text(t) for t in row) for row in answer.rows]
    assert list(answer.variables) == old["variables"]
    assert old["rows"] and set(new) == {tuple(row) for row in old["rows"]}
    assert len(new) == len(set(new))  # each row once


@pytest.fixture(scope="module")
def repeated(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    """Twelve copies of the seed article under other bylines: its spokesperson, an agent
    described by each article, is in twelve graphs."""
    folder = tmp_path_factory.mktemp("repeated")
    text = SEED.read_text(encoding="utf-8")
    for i in range(12):
        (folder / f"{i:02}.txt").write_text(text.replace("Banyu Uwir", f"Penulis {i}"), "utf-8")
    store = EmbeddedStore()
    report = ingest_paths([folder], store)
    assert len(report.ingested) == 12, report.failed
    return store


def test_a_page_of_quotes_gives_each_quote_once(repeated: EmbeddedStore) -> None:
    rows = list(run_canned(repeated, "quotes"))
    statements = Counter(row[0] for row in rows)
    assert statements and max(statements.values()) == 1
    quoted = repeated.select("SELECT DISTINCT ?s WHERE { ?s cg:directQuote true }")
    assert len(statements) == min(100, len(list(quoted.rows)))


def test_the_view_reads_each_agent_fact_once(repeated: EmbeddedStore) -> None:
    rows = _rows(repeated, load_query("view-agents").text)
    assert max(Counter(rows).values()) == 1
    agents = {row[0] for row in rows}
    assert (
        "<https://w3id.org/claimgraph/id/agent/juru-bicara-kementerian-luar-negeri-rusia>" in agents
    )
