"""Small inputs cannot take huge memory, and one bad file fails alone (issue 14, item 8).

Before: 1 KB of YAML front matter with aliases used over 6 GB, a 5 MB article over 8 GB, and
``kg search`` with 20,000 words 2.5 GB; one such file aborted a whole ``kg ingest`` batch.
The command-line runs here happen in a process whose data segment is capped at 1 GB, so that
an unbounded parser fails the test instead of the machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.ingest import prepare
from kg.store import EmbeddedStore
from kg.web.app import create_app
from tests.conftest import SEED_ARTICLE, SEEDS
from tests.security.conftest import http, kg, one_line_error

#: Nine lines, a billion strings once the aliases are expanded.
BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "title: *i\n"
)
DEEP = "title: " + "[" * 20_000 + "]" * 20_000 + "\n"
_CAPPED = (
    "import resource, sys\n"
    "resource.setrlimit(resource.RLIMIT_DATA, (1 << 30, 1 << 30))\n"
    "from kg.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def capped_kg(*args: str) -> subprocess.CompletedProcess[str]:
    """``kg ARGS`` in a process whose memory is capped at 1 GB."""
    return subprocess.run([sys.executable, "-c", _CAPPED, *args], capture_output=True,
                          text=True, timeout=600, check=False)  # fmt: skip


def _article(folder: Path, name: str, front: str) -> Path:
    # the seed text with a line of its own: no claim file covers it
    text = SEED_ARTICLE.read_text(encoding="utf-8").replace("\n", f"\n{name} baru.\n", 1)
    path = folder / name
    path.write_text(f"---\n{front}---\n{text}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("front", "why"), [(BOMB, "aliases expanded"), (DEEP, "too deeply")], ids=["aliases", "deep"]
)
def test_front_matter_bombs_fail_their_file_only(tmp_path: Path, front: str, why: str) -> None:
    bad = _article(tmp_path, "bad.txt", front)
    good = _article(tmp_path, "good.txt", "title: Baik\n")
    done = capped_kg("ingest", str(bad), str(good), "--store", str(tmp_path / "store"))
    assert done.returncode == 2, done.stderr[-800:]
    errors = [line for line in done.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(errors) == 1 and "bad.txt" in errors[0] and why in errors[0], done.stderr[-800:]
    assert "Traceback" not in done.stderr
    assert "ingested 1 article(s)" in done.stdout


def test_claim_file_alias_bomb_is_refused_in_one_line(seeds_copy: Path, tmp_path: Path) -> None:
    claims = next(iter(sorted(seeds_copy.glob("*.claims.yaml"))))
    claims.write_text(BOMB + claims.read_text(encoding="utf-8"), encoding="utf-8")
    done = capped_kg("build", "--seeds", str(seeds_copy), "--store", str(tmp_path / "store"),
                     "--exports", str(tmp_path / "exports"))  # fmt: skip
    assert done.returncode == 2, done.stderr[-800:]
    assert done.stderr.count("\n") == 1 and claims.name in done.stderr
    assert "aliases expanded" in done.stderr


def test_an_article_over_the_text_limit_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = len(SEED_ARTICLE.read_text(encoding="utf-8")) + 1000
    monkeypatch.setattr(prepare, "MAX_ARTICLE_CHARS", limit)
    big = _article(tmp_path, "big.txt", "title: Besar\n")
    big.write_text(big.read_text(encoding="utf-8") + "Kalimat panjang lagi. " * 200,
                   encoding="utf-8")  # fmt: skip
    small = _article(tmp_path, "small.txt", "title: Kecil\n")
    result = kg("ingest", str(big), str(small), "--store", str(tmp_path / "store"))
    assert result.exit_code == 2
    assert "big.txt: article text is" in result.stderr
    assert f"over the {limit} limit" in result.stderr
    assert "ingested 1 article(s)" in result.stdout


def test_an_extractor_error_fails_its_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = prepare.extract_article

    def fragile(article: object, lang: str) -> object:
        if "bad.txt" in str(getattr(article, "path", "")):
            raise IndexError("string index out of range")  # a bug in the extractor
        return real(article, lang)  # type: ignore[arg-type]

    monkeypatch.setattr(prepare, "extract_article", fragile)
    bad = _article(tmp_path, "bad.txt", "title: Buruk\n")
    good = _article(tmp_path, "good.txt", "title: Baik\n")
    result = kg("ingest", str(bad), str(good), "--store", str(tmp_path / "store"))
    assert result.exit_code == 2
    assert "bad.txt: could not be processed (IndexError" in result.stderr
    assert "ingested 1 article(s)" in result.stdout


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bounds") / "store"
    done = kg("build", "--seeds", str(SEEDS), "--store", str(path), "--exports",
              str(path.parent / "exports"))  # fmt: skip
    assert done.exit_code == 0, done.output
    return path


def test_search_with_too_many_words_is_refused(store_dir: Path) -> None:
    words = " ".join(f"{i:x}" for i in range(20_000))  # one argument: under 128 KB
    done = capped_kg("search", words, "--store", str(store_dir))
    assert done.returncode == 6, done.stderr[-500:]
    assert done.stderr.count("\n") == 1 and "at most" in done.stderr
    line = one_line_error(kg("search", "kata " * 10 + "x", "--limit", "10000000",
                             "--store", str(store_dir)), 6)  # fmt: skip
    assert "limit" in line


def test_search_page_with_too_many_words_is_a_400(store_dir: Path) -> None:
    store = EmbeddedStore(store_dir, read_only=True)
    try:
        words = " ".join(f"kata{i}" for i in range(100))
        response = http(create_app(store), "GET", "/search", params={"q": words})
    finally:
        store.close()
    assert response.status_code == 400 and "at most" in response.text
