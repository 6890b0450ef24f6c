"""Readers while one writes (issue 18): query latency during an ingest versus idle, and the
ingest rate with readers versus alone, in the same run.

``python bench/concurrency_bench.py [--articles 40] [--clients 8] [--seconds 15]``

Builds a store of ``--articles`` copies of the seed and test articles (distinct bylines), starts
``kg serve`` on it (the store's owner), then:

1. idle: ``--clients`` threads query ``/sparql`` for ``--seconds`` (p50/p99 latency);
2. ``kg ingest`` of ``--articles`` more articles, written through the server, alone (no
   readers): articles per second;
3. the same ingest of fresh copies while the clients query: latency during the ingest and the
   ingest rate with readers;
4. ``kg store-info`` run again and again during a last ingest (both through the server): the
   CLI's round trip, process start included (p50/p99);
5. with the server stopped, in one process owning the store: user queries idle and while a
   thread rewrites a graph every 0.2 s, and the time they waited for checkpoints.

The first ingest (into the empty store, before the server starts) owns the store: its rate is
printed too.

Prints the figures and the ratios (during / idle, with readers / alone).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = [
    ROOT / "seeds" / "000_eae76bf788f95f59.txt",
    *sorted((ROOT / "tests/data/extract").glob("*.txt")),
]
QUERY = """PREFIX cg: <https://w3id.org/claimgraph/ns#>
SELECT ?g (COUNT(?st) AS ?n) WHERE { GRAPH ?g { ?st a cg:Statement } } GROUP BY ?g"""


def articles(folder: Path, n: int, start: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(start, start + n):
        lines = TEMPLATES[i % len(TEMPLATES)].read_text(encoding="utf-8").split("\n")
        lines.insert(1, f"\nReporter {i}\n")
        (folder / f"{i:05}.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


def kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0


class Clients:
    """``n`` threads querying ``/sparql`` until stopped; latencies in ms."""

    def __init__(self, base: str, n: int) -> None:
        self.base, self.stop = base, threading.Event()
        self.times: list[float] = []
        self.errors = 0
        self.threads = [threading.Thread(target=self.run) for _ in range(n)]

    def run(self) -> None:
        with httpx.Client(timeout=120) as http:
            while not self.stop.is_set():
                t = time.perf_counter()
                r = http.get(f"{self.base}/sparql", params={"query": QUERY},
                             headers={"Accept": "application/sparql-results+json"})  # fmt: skip
                if r.status_code != 200:
                    self.errors += 1
                self.times.append((time.perf_counter() - t) * 1000)

    def __enter__(self) -> Clients:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join()


def ingest(folder: Path, store: Path) -> float:
    """Seconds ``kg ingest`` took (from the process's start)."""
    t = time.perf_counter()
    subprocess.run(kg("ingest", str(folder), "--store", str(store)), check=True,
                   capture_output=True)  # fmt: skip
    return time.perf_counter() - t


def in_process(store_path: Path, queries: int = 60) -> dict[str, list[float]]:
    """User queries (query processes) in the owner itself, idle and while a thread rewrites a
    graph every 0.2 s, and the checkpoints they waited for, in ms: the mechanism's own cost,
    without the HTTP server and the extraction sharing the cores."""
    from kg.store import EmbeddedStore

    store = EmbeddedStore(store_path)
    graphs = store.graphs()[:20]
    data = {g: list(store.select("SELECT ?s ?p ?o WHERE { GRAPH $g { ?s ?p ?o } }",
                                 {"g": g}).rows) for g in graphs}  # fmt: skip
    made: list[float] = []
    readable = store.readable

    def timed() -> str:
        t = time.perf_counter()
        try:
            return readable()
        finally:
            made.append((time.perf_counter() - t) * 1000)

    store.readable = timed  # type: ignore[method-assign]

    def ask() -> list[float]:
        times = []
        for _ in range(queries):
            t = time.perf_counter()
            list(store.execute(QUERY, isolated=True, timeout=60))  # type: ignore[call-overload]
            times.append((time.perf_counter() - t) * 1000)
        return times

    stop = threading.Event()

    def write() -> None:
        i = 0
        while not stop.is_set():
            store.replace_graph_triples(graphs[i % len(graphs)], data[graphs[i % len(graphs)]])
            i += 1
            time.sleep(0.2)

    try:
        idle = ask()
        made.clear()
        writer = threading.Thread(target=write)
        writer.start()
        busy = ask()
        stop.set()
        writer.join()
    finally:
        store.close()
    return {"idle": idle, "writing": busy, "checkpoints": made}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    path = [str(ROOT), os.environ.get("PYTHONPATH")]
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, path))
    with tempfile.TemporaryDirectory() as tmp:
        work, n = Path(tmp), args.articles
        store = work / "store"
        own = ingest(articles(work / "a0", n, 0), store)  # the ingest owns the store
        port = free_port()
        server = subprocess.Popen(kg("serve", "--store", str(store), "--port", str(port)),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=5)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            with Clients(base, args.clients) as idle:
                time.sleep(args.seconds)
            alone = ingest(articles(work / "a1", n, n), store)
            with Clients(base, args.clients) as busy:
                with_readers = ingest(articles(work / "a2", n, 2 * n), store)
            cli: list[float] = []
            folder = articles(work / "a3", n, 4 * n)
            quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
            writer = subprocess.Popen(kg("ingest", str(folder), "--store", str(store)), **quiet)  # type: ignore[call-overload]
            while writer.poll() is None:
                t = time.perf_counter()
                subprocess.run(kg("store-info", "--store", str(store)), check=True,
                               capture_output=True)  # fmt: skip
                cli.append((time.perf_counter() - t) * 1000)
            writer.wait()
        finally:
            server.terminate()
            server.wait()
        own_cost = in_process(store)
    p = {name: (statistics.median(t.times), percentile(t.times, 99), len(t.times))
         for name, t in (("idle", idle), ("ingest", busy))}  # fmt: skip
    print(f"{args.clients} clients on kg serve /sparql, {n} articles per ingest")
    for name, (p50, p99, count) in p.items():
        print(f"  {name:<7} p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  ({count} queries)")
    print(f"  errors: idle {idle.errors}, during ingest {busy.errors}")
    print(f"  ratio during/idle: p50 {p['ingest'][0] / p['idle'][0]:.2f}x, "
          f"p99 {p['ingest'][1] / p['idle'][1]:.2f}x")  # fmt: skip
    print(f"ingest owning the store (no server): {n / own:.2f} articles/s")
    print(
        f"ingest through kg serve: alone {n / alone:.2f} articles/s, with {args.clients} "
        f"readers {n / with_readers:.2f} articles/s, rate with/alone {alone / with_readers:.2f}x"
    )
    idle_q, busy_q, made = own_cost["idle"], own_cost["writing"], own_cost["checkpoints"]
    print(f"user queries in the owner itself: idle p50 {statistics.median(idle_q):.1f} ms "
          f"p99 {percentile(idle_q, 99):.1f} ms; a write every 0.2 s: p50 "
          f"{statistics.median(busy_q):.1f} ms p99 {percentile(busy_q, 99):.1f} ms; "
          f"waiting for checkpoints p50 {statistics.median(made):.1f} ms, "
          f"max {max(made):.1f} ms")  # fmt: skip
    if cli:
        print(f"kg store-info during an ingest (process start included): p50 "
              f"{statistics.median(cli):.0f} ms, p99 {percentile(cli, 99):.0f} ms "
              f"({len(cli)} runs)")  # fmt: skip


if __name__ == "__main__":
    main()
