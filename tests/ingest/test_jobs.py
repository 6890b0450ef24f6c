"""`kg ingest --jobs N`: articles read and extracted in worker processes, written by one
process in input order: the store does not depend on N."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.ingest import find_articles
from tests.ingest.test_scale_out import ARTICLES, state

COPIES = 3


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and the test articles, each also in three copies under other URLs and dates
    (so the copies' claims link to the originals': the order of writing matters), and one file
    that cannot be read."""
    folder = tmp_path_factory.mktemp("corpus")
    files, _ = find_articles(ARTICLES)
    for i, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        (folder / f"{i:02d}-0-{path.name}").write_text(text, encoding="utf-8")
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        for copy in range(1, COPIES + 1):
            url = f"https://copies.example.org/{i}/{copy}"
            front = f"---\nurl: {url}\ndate: 2024-0{copy}-1{i % 9}\n---\n"
            (folder / f"{i:02d}-{copy}-{path.name}").write_text(front + body, encoding="utf-8")
    (folder / "05-9-broken.html").write_bytes(b"\xff\xfe\x00 not text")
    return folder


def ingest(corpus: Path, store: Path, jobs: int) -> str:
    result = CliRunner().invoke(
        main, ["ingest", str(corpus), "--store", str(store), "-j", str(jobs), "-v"]
    )
    assert result.exit_code == 2, result.output  # the broken file
    return result.output


def test_two_workers_give_the_store_one_gives(corpus: Path, tmp_path: Path) -> None:
    one = ingest(corpus, tmp_path / "one", 1)
    two = ingest(corpus, tmp_path / "two", 2)
    assert one.count("ingested ") >= 36
    same_report = one == two.replace(str(tmp_path / "two"), str(tmp_path / "one"))
    written = state(tmp_path / "one")
    assert len(written) > 10_000
    assert state(tmp_path / "two") == written
    assert same_report  # the same articles reported written, in the same order
