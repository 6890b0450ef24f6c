"""`kg retract` takes a source id, its IRI, the ingested file, the article's URL or its title."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ARTICLE = """---
title: Bupati membantah tuduhan politik uang
url: https://example.org/berita/bupati-membantah
language: id
---
Bupati membantah tuduhan politik uang
Aktivis Budi Santoso menuding Bupati Hendra Wijaya membagikan uang kepada pemilih.
"""


@pytest.fixture
def ingested(tmp_path: Path) -> tuple[Path, str]:
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = str(tmp_path / "store")
    result = CliRunner().invoke(main, ["ingest", str(article), "--store", store])
    assert result.exit_code == 0, result.output
    return article, store


def graphs(store: str) -> str:
    return CliRunner().invoke(main, ["store-info", "--store", store]).output


@pytest.mark.parametrize(
    "how",
    ["file", "url", "title", "id", "iri"],
)
def test_retract_by_any_name(ingested: tuple[Path, str], how: str) -> None:
    article, store = ingested
    info = graphs(store)
    source = next(
        line.strip().rsplit("/graph/", 1)[1]
        for line in info.splitlines()
        if "/id/graph/" in line and not line.strip().endswith(("/agents", "/kept-claims"))
    )
    name = {
        "file": str(article),
        "url": "https://example.org/berita/bupati-membantah",
        "title": "Bupati membantah tuduhan politik uang",
        "id": source,
        "iri": f"https://w3id.org/claimgraph/id/source/{source}",
    }[how]
    result = CliRunner().invoke(main, ["retract", name, "--store", store])
    assert result.exit_code == 0, result.output
    assert f"/id/graph/{source}" not in graphs(store)


def test_an_unknown_name_says_what_is_accepted(ingested: tuple[Path, str]) -> None:
    _, store = ingested
    result = CliRunner().invoke(main, ["retract", "no such article", "--store", store])
    assert result.exit_code != 0
    assert "ingested file, the article's URL or its exact title" in result.output
