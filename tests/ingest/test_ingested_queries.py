"""Canned queries on an ingested Indonesian article whose agents have Indonesian labels only.

The article is written for this test, modelled on the shape of real Indonesian news: a
dateline, a spokesman who denies an accusation, a short name after a full name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ids import agent_iri
from kg.ingest import ingest_paths
from kg.queries.run import run_canned
from kg.store import EmbeddedStore
from kg.store.base import Rows

ARTICLE = """Juru bicara partai membantah tuduhan politik uang
JAKARTA, WARTAKITA.com - Aktivis Budi Santoso menuding Partai Maju membagikan uang kepada \
pemilih menjelang pemungutan suara.
Juru bicara Partai Maju, Dewi Lestari, membantah tuduhan tersebut.
"Partai kami tidak pernah membagikan uang kepada pemilih," kata Dewi di Jakarta, Senin (4/3/2024).
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    folder: Path = tmp_path_factory.mktemp("ingested")
    path = folder / "artikel.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    store = EmbeddedStore()
    report = ingest_paths([path], store)
    assert not report.failed
    return store


def rows(store: EmbeddedStore, name: str) -> list[dict[str, object]]:
    answer = run_canned(store, name, {}, limit=None)
    assert isinstance(answer, Rows)
    return [dict(zip(answer.variables, row, strict=True)) for row in answer]


def test_agents_lists_agents_only_with_their_indonesian_labels(store: EmbeddedStore) -> None:
    got = {str(r["agent"]): r for r in rows(store, "agents") if r["statements"]}
    assert set(got) == {str(agent_iri("budi-santoso")), str(agent_iri("dewi-lestari"))}
    assert {str(r["label"]) for r in got.values()} == {"Budi Santoso", "Dewi Lestari"}


def test_denials_show_the_claim_text_and_labels_in_indonesian(store: EmbeddedStore) -> None:
    got = rows(store, "denials")
    assert got and all(r["claimText"] and str(r["denierLabel"]) == "Dewi Lestari" for r in got)
    assert any(str(r["claimantLabel"]) == "Budi Santoso" for r in got)
