"""One request cannot exhaust the server (issue 14, item 2).

Before: a user query that timed out kept running in a thread after the "timed out" reply (a
sorted cartesian product grew to 6.7 GB), and request bodies were read whole before their size
was checked. Now a user query on a store folder runs in a query process that is killed at the
timeout and whose memory is capped, and bodies are refused as soon as they pass the limit.
"""

from __future__ import annotations

import asyncio
import os
import resource
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from kg.curation.seeds import load_corpus
from kg.errors import QueryError
from kg.queries.run import run_user
from kg.store import EmbeddedStore
from kg.web.app import create_app
from kg.web.sparql import Limits
from tests.conftest import SEEDS
from tests.security.conftest import http

#: Counts ~13 million rows of the seed graph: many seconds of CPU, no memory.
COUNT_FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g cg:stance ?i }"
#: Sorts a million rows of 80-character strings: about 1 GB in Oxigraph.
_V = "VALUES ?{} {{ 0 1 2 3 4 5 6 7 8 9 }} "
SORT_BIG = (
    "SELECT ?x WHERE { " + "".join(_V.format(c) for c in "abcdef")
    + 'BIND(CONCAT(STR(?a), STR(?b), STR(?c), STR(?d), STR(?e), STR(?f), "'
    + "x" * 74 + '") AS ?x) } ORDER BY DESC(?x) LIMIT 1'
)  # fmt: skip


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graphs(load_corpus(SEEDS).dataset())
    yield store
    store.close()


def query_processes() -> list[int]:
    """The ids of this process's children running ``kg.querychild``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == os.getpid() and b"kg.querychild" in cmdline:
            found.append(int(entry.name))
    return found


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_a_timed_out_query_stops_working_at_the_reply(disk: EmbeddedStore) -> None:
    app = create_app(disk, Limits(timeout=0.5))
    response = http(app, "GET", "/sparql", params={"query": COUNT_FOREVER})
    assert response.status_code == 400
    assert response.text.strip() == "query refused or failed: query timed out after 0.5 s"
    # nothing goes on computing: no query process is left, and this process stays idle
    assert query_processes() == []
    before = cpu_seconds()
    time.sleep(2)
    assert cpu_seconds() - before < 0.25
    # and the endpoint still answers
    ok = http(app, "GET", "/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert ok.status_code == 200 and ok.json()["boolean"] is True


def test_a_query_over_its_memory_is_stopped_in_one_line(
    disk: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_QUERY_MEMORY", "256")
    grown_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(QueryError, match=r"^query stopped: its process ended \(over 256 MB"):
        run_user(disk, SORT_BIG, timeout=120)
    # the sort never ran in this process
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - grown_before < 256 * 1024
    # the next query gets a new process
    assert run_user(disk, "ASK { ?s ?p ?o }", timeout=60) is True


def test_an_early_stop_keeps_the_process_for_the_next_query(disk: EmbeddedStore) -> None:
    capped = run_user(disk, "SELECT * WHERE { ?s ?p ?o }", cap=3, timeout=60)
    assert len(list(capped)) == 3  # type: ignore[arg-type]
    again = run_user(disk, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout=60)
    # the data's triples, summaries left out (users' queries see the data only)
    data = disk.select("SELECT (COUNT(DISTINCT *) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    expected = int(next(iter(data))[0])  # type: ignore[arg-type]
    assert int(next(iter(again))[0]) == expected > 500  # type: ignore[call-overload,index]


def test_the_query_process_sees_the_stores_writes(disk: EmbeddedStore) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = int(next(iter(run_user(disk, count, timeout=60)))[0])  # type: ignore[call-overload,index]
    graph = disk.graphs()[0]
    disk.drop_graph(graph)
    after = int(next(iter(run_user(disk, count, timeout=60)))[0])  # type: ignore[call-overload,index]
    assert after < before


class Body:
    """A request body of ``total`` bytes in 64 KB chunks that counts what was taken."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.sent = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunk = b"x" * 65536
        while self.sent < self.total:
            self.sent += len(chunk)
            yield chunk


def _send(app: object, method: str, url: str, body: Body, kind: str) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://kg") as client:
            return await client.request(method, url, content=body,
                                        headers={"Content-Type": kind})  # fmt: skip

    return asyncio.run(go())


@pytest.mark.parametrize("kind", ["application/sparql-query", "application/x-www-form-urlencoded"])
def test_a_large_chunked_query_is_refused_without_being_read(kind: str) -> None:
    store = EmbeddedStore()
    try:
        body = Body(200 * 2**20)
        response = _send(create_app(store), "POST", "/sparql", body, kind)
    finally:
        store.close()
    assert response.status_code == 413
    assert body.sent < 4 * 2**20, body.sent  # the limit is 1 MB


def test_a_large_chunked_upload_is_refused_without_being_read() -> None:
    store = EmbeddedStore()
    token = "t" * 32
    try:
        body = Body(200 * 2**20)
        app = create_app(store, write_token=token)

        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://kg") as client:
                return await client.put(
                    "/store", params={"graph": "http://example.org/g"}, content=body,
                    headers={"Content-Type": "text/turtle",
                             "Authorization": f"Bearer {token}"},
                )  # fmt: skip

        response = asyncio.run(go())
    finally:
        store.close()
    assert response.status_code == 413
    assert body.sent < 60 * 2**20, body.sent  # the limit is 50 MB
