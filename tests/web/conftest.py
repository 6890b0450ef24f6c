"""Fixtures for the browsing tests: the seed graph in an in-memory store, and its view."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.curation.seeds import Corpus
from kg.ingest import ingest_paths
from kg.store import EmbeddedStore
from kg.view import View, read_view
from tests.web.chromium import Chromium, chromium_path

CLAIM = "https://w3id.org/claimgraph/id/claim/containers-shipped"
NORTH_KOREA = "https://w3id.org/claimgraph/id/agent/north-korea"
RUSSIA = "https://w3id.org/claimgraph/id/agent/russia"
US = "https://w3id.org/claimgraph/id/agent/united-states"


@pytest.fixture(scope="session")
def seed_store(corpus: Corpus) -> EmbeddedStore:
    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    return store


@pytest.fixture(scope="session")
def seed_view(seed_store: EmbeddedStore) -> View:
    return read_view(seed_store)


ROOT = Path(__file__).resolve().parents[2]
#: Invented news-style articles (see each folder's README): 32 articles, English and Indonesian.
ARTICLE_DIRS = [ROOT / "tests" / "data" / d for d in ("browse", "extract", "track")]


@pytest.fixture(scope="session")
def news_store(corpus: Corpus) -> EmbeddedStore:
    """The seed plus 32 short articles of varied shape, ingested by the real extractor."""
    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    report = ingest_paths(ARTICLE_DIRS, store)
    assert len(report.ingested) >= 30 and not report.failed, report.failed
    return store


@pytest.fixture(scope="session")
def news_view(news_store: EmbeddedStore) -> View:
    return read_view(news_store)


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    """Debian's headless Chromium. With CI=true a missing Chromium fails instead of skipping."""
    binary = chromium_path()
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed: run `make services` (scripts/services.sh)")
        pytest.skip("chromium is not installed (scripts/services.sh installs it)")
    with Chromium(binary) as b:
        yield b
