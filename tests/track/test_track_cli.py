"""`kg matches`, `kg merge`, `kg split`, `kg timeline` on an on-disk store."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "track"


@pytest.fixture
def store(tmp_path: Path) -> str:
    location = str(tmp_path / "store")
    result = CliRunner().invoke(main, ["ingest", str(DATA), "--store", location])
    assert result.exit_code == 0, result.output
    return location


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _linked_pair(store: str) -> tuple[str, str]:
    code, out, _ = run("matches", "--store", store)
    assert code == 0
    iris = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    assert len(iris) == 2
    return iris[0], iris[1]


def test_matches_lists_the_ingest_link(store: str) -> None:
    code, out, _ = run("matches", "--store", store, "--status", "confirmed", "--min-score", "0.7")
    assert code == 0
    assert "exactMatch  confirmed by kg ingest" in out
    assert out.rstrip().endswith("1 match candidate(s)")
    code, out, _ = run("matches", "--store", store, "--status", "candidate")
    assert out.strip() == "0 match candidate(s)"


def test_timeline_text_json_and_html(store: str, tmp_path: Path) -> None:
    kept, _minted = _linked_pair(store)
    code, out, _ = run("timeline", kept, "--store", store)
    assert code == 0
    assert "status: disputed" in out
    assert "first appearance: 2023-10-13" in out
    assert "independent: 2" in out
    assert "(pada hari Jumat)" in out and "(last Friday)" in out
    page = tmp_path / "t.html"
    code, out, _ = run("timeline", kept, "--store", store, "--json", "--html", str(page))
    assert code == 0 and '"independent_sources": 2' in out
    assert "<table>" in page.read_text(encoding="utf-8")


def test_split_then_merge_is_recorded(store: str) -> None:
    a, b = _linked_pair(store)
    code, out, _ = run("split", a, b, "--by", "Ana Putri", "--store", store)
    assert code == 0 and out.startswith("split ")
    _, out, _ = run("matches", "--store", store, "--status", "rejected")
    assert "rejected by Ana Putri" in out
    code, out, _ = run("merge", a, b, "--by", "Budi", "--kind", "close", "--store", store)
    assert code == 0 and "closeMatch" in out
    _, out, _ = run("matches", "--store", store, "--status", "confirmed")
    assert "closeMatch  confirmed by Budi" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("merge", "no-such-claim", "other-claim", "--by", "Ana"), "no claim"),
        (("merge", "a-claim", "a-claim", "--by", "Ana"), "itself"),
        (("merge", "a", "b", "--by", "  "), "--by needs"),
        (
            ("split", "Not A Slug Or Text", "b", "--by", "Ana"),
            "no claim has this IRI, slug or text",
        ),
        (("timeline", "no-such-claim"), "no claim"),
    ],
)
def test_errors_are_one_line_and_write_nothing(
    store: str, args: tuple[str, ...], message: str
) -> None:
    _, before, _ = run("matches", "--store", store)
    code, out, err = run(*args, "--store", store)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("kg: error: ") and message in err
    _, after, _ = run("matches", "--store", store)
    assert after == before
