"""The canned queries rewritten for speed give the rows the old queries gave.

``tests/data/rewrites/*.old.rq`` are the queries as they were before the rewrite; both run on
the seed plus the 32 ``tests/data`` articles (``news_store``).
The old queries gave a row once per named graph that described the agent in it (an agent in
two articles: its quote twice); the new ones give each row once, so the new answer is the set
of the old rows, without repeats. On a store where one agent is described in every article
(the serve benchmark's, in small), the old ``quotes`` page gave a row per quote per graph and
``view-agents`` the square of that."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kg.ingest import ingest_paths
from kg.queries import load_query
from kg.queries.run import _PAGE, run_canned
from kg.store import EmbeddedStore
from kg.store.binding import term_text

EXPECTED = Path(__file__).resolve().parents[1] / "data" / "rewrites"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_eae76bf788f95f59.txt"


def _rows(store: EmbeddedStore, text: str) -> list[tuple[str | None, ...]]:
    return _terms(store.select(text).rows)


def _terms(rows: Any) -> list[tuple[str | None, ...]]:
    return [tuple(None if t is None else term_text(t) for t in row) for row in rows]


@pytest.mark.parametrize("name", ["quotes", "view-agents"])
def test_rewritten_query_gives_the_old_rows(news_store: EmbeddedStore, name: str) -> None:
    old_text = (EXPECTED / f"{name}.old.rq").read_text(encoding="utf-8")
    old = news_store.select(_PAGE.sub("", old_text))  # whole answers, not a page
    new = news_store.select(_PAGE.sub("", load_query(name).text))
    assert new.variables == old.variables
    old_rows, new_rows = _terms(old.rows), _terms(new.rows)
    assert old_rows and set(new_rows) == set(old_rows)
    assert len(new_rows) == len(set(new_rows))  # each row once


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
