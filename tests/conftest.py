"""Shared fixtures: the real seed corpus, built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings
from rdflib import Dataset

from kg.curation.seeds import Corpus, load_corpus

# Timing lives in bench/, not in tests: no per-example deadline (CI machines are shared).
settings.register_profile("claimgraph", deadline=None, print_blob=True)
settings.load_profile("claimgraph")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_eae76bf788f95f59.txt"
SEED_CLAIMS = SEEDS / "000_eae76bf788f95f59.claims.yaml"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def dataset(corpus: Corpus) -> Dataset:
    return corpus.dataset()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of seeds/ that a test may break."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target, ignore=shutil.ignore_patterns("README.md"))
    return target


# Markers (pyproject.toml): tests that start a SPARQL server or drive Chromium, so that a quick
# local run can leave them out (`pytest -m "not server and not browser"`). CI runs everything.
_BROWSER_FIXTURES = {"browser", "chromium"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        params = getattr(getattr(item, "callspec", None), "params", {})
        remote = any(str(v) in ("oxigraph-server", "virtuoso") for v in params.values())
        if names & {"oxigraph", "virtuoso"} or remote or "test_view_remote" in item.nodeid:
            item.add_marker(pytest.mark.server)
        if names & _BROWSER_FIXTURES or "browser" in item.nodeid.split("::")[0]:
            item.add_marker(pytest.mark.browser)
