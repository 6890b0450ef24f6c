"""``kg export csv``: two tables, UTF-8 with BOM, safe against formula injection."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import Dataset, Literal

from kg.export.csv_tables import (
    STATEMENT_COLUMNS,
    claim_rows,
    neutralise,
    statement_rows,
    write_csv_tables,
)
from kg.ids import agent_iri
from kg.namespace import CGID, SKOS
from kg.store import EmbeddedStore


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_tables_read_back_row_for_row(reviewed: EmbeddedStore, tmp_path: Path) -> None:
    claims_path, statements_path = write_csv_tables(reviewed, tmp_path)
    assert claims_path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    assert b"\r\n" in claims_path.read_bytes()
    claims = _read(claims_path)
    statements = _read(statements_path)
    assert claims == [[neutralise(c) for c in row] for row in claim_rows(reviewed)]
    assert statements == [[neutralise(c) for c in row] for row in statement_rows(reviewed)]
    assert statements[0] == list(STATEMENT_COLUMNS)
    assert len(statements) - 1 == 18  # the seed's (statement, claim) pairs
    header = claims[0]
    assert header[:4] == ["claim", "slug", "text_en", "text_id"]
    by_slug = {row[1]: dict(zip(header, row, strict=True)) for row in claims[1:]}
    shipped = by_slug["containers-shipped"]
    assert shipped["quantities"] == "moreThan 1000 container"
    assert (shipped["statements"], shipped["asserts"], shipped["denies"]) == ("3", "1", "2")
    assert shipped["reviews"] == "2"
    assert "kontainer" in shipped["text_id"]


def test_statement_row_fields(store: EmbeddedStore) -> None:
    rows = list(statement_rows(store))
    header, body = rows[0], rows[1:]
    records = [dict(zip(header, r, strict=True)) for r in body]
    denials = [
        r for r in records if r["claim"].endswith("/containers-shipped") and r["stance"] == "denies"
    ]
    assert {r["claimant_label"] for r in denials} == {
        "Government of North Korea",
        "Government of Russia",
    }
    assert all(r["quote"] and r["source_title"].startswith("Lavrov") for r in denials)


@pytest.mark.parametrize("payload", ["=1+1", "+1", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR"])
def test_formula_cells_are_neutralised(store: EmbeddedStore, tmp_path: Path, payload: str) -> None:
    extra = Dataset()
    extra.graph(CGID["graph/test-injection"]).add(
        (agent_iri("oleg-burmistrov"), SKOS.prefLabel, Literal(payload, lang="fr"))
    )
    store.replace_graphs(extra)
    _claims, statements_path = write_csv_tables(store, tmp_path, lang="fr")
    rows = _read(statements_path)
    labels = {r[4] for r in rows[1:] if r[3].endswith("/oleg-burmistrov")}
    assert labels == {"'" + payload}


def test_neutralise_leaves_ordinary_text() -> None:
    assert neutralise("North Korea") == "North Korea"
    assert neutralise("") == ""
    assert neutralise("1,000") == "1,000"
