"""Fixtures for the security tests: the real seed graph, quads to compare, no network."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset

from kg.cli import main
from kg.store import EmbeddedStore
from kg.store.base import Store


@pytest.fixture
def seeded(dataset: Dataset) -> Iterator[EmbeddedStore]:
    """A fresh in-memory store holding the seed graph."""
    store = EmbeddedStore()
    store.replace_graphs(dataset)
    yield store
    store.close()


def quads(store: Store) -> list[tuple[str, ...]]:
    """Every data quad of the store, sorted (to compare before and after)."""
    rows = store.select("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    return sorted(tuple(str(t) for t in row) for row in rows)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Sockets may not connect anywhere; the addresses tried are recorded."""
    tried: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        tried.append(address)
        raise OSError("network blocked in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)

    def no_lookup(*args: Any, **kwargs: Any) -> list[Any]:
        tried.append(args)
        raise OSError("name lookup blocked in tests")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    return tried


def kg(*args: str, stdin: str | None = None) -> Result:
    """Run the ``kg`` command line in-process."""
    return CliRunner().invoke(main, list(args), input=stdin)


def one_line_error(result: Result, code: int) -> str:
    """Assert a one-line ``kg: error:`` and the exit code; return the line."""
    assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.stderr
    return lines[0]


def http(app: Any, method: str, url: str, **kwargs: Any) -> httpx.Response:
    """One request to an ASGI app, in-process."""

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://kg") as client:
            return await client.request(method, url, **kwargs)

    return asyncio.run(go())
