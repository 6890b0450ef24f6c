"""Fixtures for the browsing tests: the seed graph in an in-memory store, and its view."""

from __future__ import annotations

import pytest

from kg.curation.seeds import Corpus
from kg.store import EmbeddedStore
from kg.view import View, read_view

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
