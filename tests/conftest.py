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
