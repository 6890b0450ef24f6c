"""Ingest throughput: articles of the seed's size per second, extraction + writing, on one core.

Prints extraction-only and full-ingest (extract, map, link claims, write one named graph per
article to an on-disk embedded store) rates, and the mean cost of one article over the first and
the last tenth of the run: flat if the store's size does not matter. Every article is the seed
under another byline, so its claims link to the first article's (the worst case for hub claims
and agents). It also prints the floor under any ingest into the on-disk store: Oxigraph's own
time to write one article's triples into the filled store (``INSERT DATA`` of its graph,
nothing else) plus the extraction; ``1000 / floor`` is the most articles/s this design can
reach on the machine.
With ``--jobs 1,2`` the full ingest runs once per worker count (``kg ingest --jobs``), on every
core, and the rates' ratio is printed (same run, same articles).
Usage: python bench/ingest_bench.py [--articles 200] [--jobs 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from kg.extract import extract_article, read_article
from kg.ids import graph_iri, slug_of
from kg.ingest import find_articles, ingest_files
from kg.store import EmbeddedStore
from kg.store.counts import line

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_eae76bf788f95f59.txt"


def make_articles(folder: Path, n: int) -> list[Path]:
    """``n`` distinct articles shaped like the seed (distinct bylines, so distinct hashes)."""
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        path = folder / f"{i:05}.txt"
        path.write_text(text.replace("Banyu Uwir", f"Penulis {i}"), encoding="utf-8")
        paths.append(path)
    return paths


def write_floor_ms(store: EmbeddedStore, source: str, runs: int = 30) -> tuple[float, int]:
    """Median ms for Oxigraph alone to write one ingested article's graph (``source``'s) again,
    as a new graph, into the store the run filled (one ``INSERT DATA``; nothing else), and the
    article's triple count."""
    graph = graph_iri(slug_of(source))
    rows = store.select("SELECT ?s ?p ?o WHERE { GRAPH $g { ?s ?p ?o } }", {"g": graph})
    data = "\n".join(line(s, p, o) for s, p, o in rows)
    times = []
    for i in range(runs):
        text = f"INSERT DATA {{ GRAPH <urn:x-floor:{i}> {{ {data} }} }}"
        start = time.perf_counter()
        store._store.update(text)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(rows)


def run_ingest(folder: Path, store_path: Path, jobs: int) -> tuple[float, list[float], object, int]:
    """One full ingest of ``folder`` with ``jobs`` workers: seconds, write stamps, report,
    quads."""
    store = EmbeddedStore(store_path)
    stamps: list[float] = []
    start = time.perf_counter()
    files, _ = find_articles([folder])
    report = ingest_files(
        files, store, done=lambda *_: stamps.append(time.perf_counter()), jobs=jobs
    )
    seconds = time.perf_counter() - start
    quads = len(store)
    store.close()
    return seconds, stamps, report, quads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument(
        "--jobs", default="1", help="comma-separated worker counts, each run in the same process"
    )
    args = parser.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    if jobs == [1] and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    n = args.articles
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        paths = make_articles(folder, n)
        start = time.perf_counter()
        statements = 0
        for path in paths:
            statements += len(extract_article(read_article(path)).claims)
        extract_s = time.perf_counter() - start
        cores = "one core" if jobs == [1] else f"{len(os.sched_getaffinity(0))} cores"
        print(f"articles: {n} of {SEED.stat().st_size} bytes each, {cores}")
        print(f"{'step':<34}{'seconds':>10}{'articles/s':>12}")
        print(f"{'read + extract':<34}{extract_s:>10.2f}{n / extract_s:>12.1f}")
        rates = {}
        for j in jobs:
            ingest_s, stamps, report, quads = run_ingest(folder, Path(tmp) / f"store-{j}", j)
            rates[j] = n / ingest_s
            label = f"ingest --jobs {j}"
            print(f"{label:<34}{ingest_s:>10.2f}{n / ingest_s:>12.1f}")
            tenth = max(len(stamps) // 10, 2)
            first = (stamps[tenth] - stamps[0]) / tenth * 1000
            last = (stamps[-1] - stamps[-1 - tenth]) / tenth * 1000
            print(f"  ms per article, first tenth: {first:.1f}, last tenth: {last:.1f}")
            print(f"  statements: {statements}, ingested: {report.statements}, quads: {quads}")  # type: ignore[attr-defined]
        if len(jobs) > 1:
            base = rates[jobs[0]]
            print(
                "ratio to --jobs "
                + str(jobs[0])
                + ": "
                + ", ".join(f"--jobs {j} {rates[j] / base:.2f}x" for j in jobs[1:])
            )
        store = EmbeddedStore(Path(tmp) / f"store-{jobs[-1]}")
        floor_ms, triples = write_floor_ms(store, report.ingested[-1][1])  # type: ignore[attr-defined]
        store.close()
    extract_ms = extract_s / n * 1000
    print(
        f"floor: Oxigraph writing one article ({triples} triples) {floor_ms:.1f} ms + extraction "
        f"{extract_ms:.1f} ms = {floor_ms + extract_ms:.1f} ms, "
        f"at most {1000 / (floor_ms + extract_ms):.0f} articles/s"
    )


if __name__ == "__main__":
    main()
