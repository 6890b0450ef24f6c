"""Load test of ``kg serve``: concurrent clients asking the canned queries over HTTP.

Builds (once, cached) an on-disk store of about ``--claims`` claims with the synthetic corpus of
``bench/synth.py``, starts ``kg serve`` (uvicorn) on a free 127.0.0.1 port in a subprocess, and
runs ``--clients`` threads (one httpx client each) for ``--seconds``, each cycling through the
user-facing canned queries (those ``kg queries`` lists, without ``--all``) with their parameters
bound (``kg.store.binding.bind``, the same escaping the stores use) and the first page of 100
rows, as ``kg query NAME`` asks. Prints throughput, p50/p99 latency overall and per query, and
the errors (must be zero).

Usage: python bench/load_bench.py [--claims 100000] [--seconds 60] [--clients 8] [--cache DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
from rdflib import Literal, URIRef
from rdflib.term import Node

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import Corpus  # noqa: E402
from kg.queries import Query, list_queries  # noqa: E402
from kg.store import EmbeddedStore  # noqa: E402
from kg.store.binding import bind  # noqa: E402

PAGE = re.compile(r"LIMIT\s+\d+\s+OFFSET\s+\d+\s*#\s*page\b")
ACCEPT = "application/sparql-results+json"


def build_store(claims: int, cache: Path) -> Path:
    """An on-disk store of about ``claims`` synthetic claims, built once under ``cache``."""
    folder = cache / f"store-{claims}"
    ready = folder / "READY"
    if ready.exists():
        print(f"reusing {folder}", flush=True)
        return folder / "store"
    folder.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(claims * 40)  # the quad target only sizes the agent pool here
    nq = folder / "corpus.nq"
    start = time.perf_counter()
    with nq.open("w", encoding="utf-8") as out:
        out.writelines(corpus.agent_quads())
        n = 0
        while len(corpus.claims) < claims:
            out.writelines(corpus.article_quads(n))
            n += 1
    print(f"generated {corpus.count} quads, {len(corpus.claims)} claims "
          f"in {time.perf_counter() - start:.0f} s", flush=True)  # fmt: skip
    start = time.perf_counter()
    store = EmbeddedStore(folder / "store")
    store.bulk_load(nq)
    quads = len(store)
    store.close()
    nq.unlink()
    print(f"loaded {quads} quads in {time.perf_counter() - start:.0f} s", flush=True)
    ready.write_text(f"{quads}\n", encoding="utf-8")
    return folder / "store"


def pick_params(store_path: Path) -> dict[str, Node]:
    """A denied claim and its claimant's label, as the store benchmark picks them, and one
    article's graph."""
    store = EmbeddedStore(store_path, read_only=True)
    try:
        text = (ROOT / "bench" / "queries" / "denied-claim.rq").read_text(encoding="utf-8")
        claim, agent = store.select(text).rows[0]
        graph = next(iter(store.graphs()))
    finally:
        store.close()
    n = str(agent).rsplit("/a", 1)[1]
    assert isinstance(claim, URIRef)
    return {
        "claim": claim,
        "agent": Literal(f"OFFICE{n}"),
        "hash": Literal("sha256:00"),
        "g": URIRef(str(graph)),
    }


def query_texts(params: dict[str, Node]) -> dict[str, str]:
    """Each user-facing canned query's first page, with its parameters bound."""
    out: dict[str, str] = {}
    for query in list_queries(internal=False):  # the queries `kg queries` lists
        out[query.name] = page_of(query, {p: params[p] for p in query.params})
    return out


def page_of(query: Query, params: dict[str, Node]) -> str:
    """The query text as ``kg query NAME`` runs it: page one of 100 rows, values bound."""
    text = query.text.rstrip()
    if PAGE.search(text):
        text = PAGE.sub("LIMIT 100 OFFSET 0", text)
    else:
        text += "\nLIMIT 100 OFFSET 0"
    return bind(text, params)


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(store_path: Path, port: int) -> subprocess.Popen[bytes]:
    """``kg serve`` in a subprocess, once it answers."""
    cmd = [sys.executable, "-m", "kg", "serve", "--store", str(store_path), "--port", str(port)]
    proc = subprocess.Popen(
        cmd, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    url = f"http://127.0.0.1:{port}/sparql"
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(
                f"kg serve exited: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("kg serve did not start")


def client(url: str, queries: list[tuple[str, str]], offset: int, deadline: float,
           out: list[tuple[str, float, str]]) -> None:  # fmt: skip
    """Ask queries round-robin until ``deadline``; record (name, seconds, error or '')."""
    with httpx.Client(timeout=120) as http:
        i = offset
        while time.perf_counter() < deadline:
            name, text = queries[i % len(queries)]
            i += 1
            start = time.perf_counter()
            error = ""
            try:
                response = http.post(url, data={"query": text}, headers={"Accept": ACCEPT})
                if response.status_code != 200:
                    error = f"HTTP {response.status_code}: {response.text[:200]}"
                else:
                    response.json()
            except (httpx.HTTPError, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            out.append((name, time.perf_counter() - start, error))


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``, in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(results: list[tuple[str, float, str]], seconds: float, clients: int) -> int:
    """Print the figures; return the number of errors."""
    errors = [r for r in results if r[2]]
    times = [r[1] for r in results]
    print(f"\n{clients} clients, {seconds:.0f} s: {len(results)} requests, "
          f"{len(results) / seconds:.1f} req/s, p50 {pct(times, 0.5):.1f} ms, "
          f"p99 {pct(times, 0.99):.1f} ms, errors {len(errors)}")  # fmt: skip
    by_name: dict[str, list[float]] = defaultdict(list)
    for name, t, _ in results:
        by_name[name].append(t)
    print("\n| query | requests | p50 ms | p99 ms | mean ms |\n|---|---|---|---|---|")
    for name in sorted(by_name):
        ts = by_name[name]
        print(f"| {name} | {len(ts)} | {pct(ts, 0.5):.1f} | {pct(ts, 0.99):.1f} | "
              f"{1000 * statistics.mean(ts):.1f} |")  # fmt: skip
    for name, _, error in errors[:5]:
        print(f"error in {name}: {error}")
    return len(errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "claimgraph-load-bench")  # fmt: skip
    args = parser.parse_args()
    store_path = build_store(args.claims, args.cache)
    queries = sorted(query_texts(pick_params(store_path)).items())
    port = free_port()
    proc = start_server(store_path, port)
    url = f"http://127.0.0.1:{port}/sparql"
    results: list[tuple[str, float, str]] = []
    try:
        deadline = time.perf_counter() + args.seconds
        threads = [
            threading.Thread(target=client, args=(url, queries, k, deadline, results))
            for k in range(args.clients)
        ]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        errors = report(results, elapsed, args.clients)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
