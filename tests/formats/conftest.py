"""Fixtures for the format tests: in-memory stores holding the real seed graph."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.curation.reviews import record_review
from kg.store import EmbeddedStore

DATA = Path(__file__).resolve().parent.parent / "data" / "claimreview"
VALID = DATA / "valid"
INVALID = DATA / "invalid"


@pytest.fixture
def store(dataset: Dataset) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore()
    s.replace_graphs(dataset)
    yield s
    s.close()


@pytest.fixture
def reviewed(store: EmbeddedStore) -> EmbeddedStore:
    """The seed graph with three reviews of two claims."""
    record_review(
        store,
        "containers-shipped",
        "False",
        "Tempo Cek Fakta",
        url="https://example.org/cek-fakta/kontainer",
        date=dt.date(2024, 6, 1),
        value=1,
        best=5,
        worst=1,
    )
    record_review(
        store, "containers-shipped", "Unproven", "AFP Fact Check", date=dt.date(2024, 6, 2)
    )
    record_review(store, "russia-complies-un", "Misleading", "Example Fact Check")
    return store


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
