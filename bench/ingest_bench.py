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
Each run also prints the cost per article of each tenth (flat if the store's size does not
matter), the writing thread's own CPU time per article (overall and by tenth: what bounds
``--jobs`` > 1, and much less disturbed by other work on the machine than wall time; with
``--jobs`` > 1 the thread that links, the writes running in another), the writing process's
CPU time per article (all its threads) and that of the writes' own thread, the time
the writer waited for the workers (``--jobs`` > 1: near zero when extraction
overlaps writing) and the process's peak memory (the workers' excluded). ``--runs-in-children``
runs each ``--jobs`` value in a process of its own, so each peak is its own.
Usage: python bench/ingest_bench.py [--articles 200] [--jobs 1]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cpu_census import CpuCensus  # noqa: E402
from kg.extract import extract_article, read_article  # noqa: E402
from kg.ids import graph_iri, slug_of  # noqa: E402
from kg.ingest import find_articles, ingest_files  # noqa: E402
from kg.store import EmbeddedStore  # noqa: E402
from kg.store.counts import line  # noqa: E402

SEED = ROOT / "seeds" / "000_eae76bf788f95f59.txt"


def make_articles(
    folder: Path, n: int, *, byline: str = "Penulis", name: str = "{:05}.txt"
) -> list[Path]:
    """``n`` distinct articles shaped like the seed (distinct bylines ``byline i``, so distinct
    hashes), named ``name.format(i)``."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        path = folder / name.format(i)
        path.write_text(text.replace("Banyu Uwir", f"{byline} {i}"), encoding="utf-8")
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


def run_ingest(
    folder: Path, store_path: Path, jobs: int
) -> tuple[
    float, list[float], object, int, float, list[float], list[float], list[float], CpuCensus
]:
    """One full ingest of ``folder`` with ``jobs`` workers: seconds, write stamps, report,
    quads, seconds the writer waited for the next prepared article, and the writing thread's
    CPU time at each write (``time.thread_time``: what the writer itself spent, whatever else
    the machine ran), and the writing process's CPU time at each write (all its threads: with
    ``--jobs`` > 1 the writes run in a thread of their own, :mod:`kg.ingest.overlap`)."""
    import importlib

    import kg.ingest.run as run

    try:  # where --jobs > 1 takes its articles from (the code before it ran them in run)
        loops = [run, importlib.import_module("kg.ingest.overlap")]
    except ImportError:
        loops = [run]

    store = EmbeddedStore(store_path)
    stamps: list[float] = []
    cpu: list[float] = []
    process: list[float] = []
    writes: list[float] = []  # the CPU time of the writes' own thread (kg.ingest.overlap)
    waited = [0.0]
    original = run.prepared

    def timed(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        items = original(*args, **kwargs)  # type: ignore[arg-type]
        while True:
            start = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                return
            waited[0] += time.perf_counter() - start
            yield item

    for module in loops:
        module.prepared = timed  # type: ignore[attr-defined]
    try:
        start = time.perf_counter()
        files, _ = find_articles([folder])

        def done(*_: object) -> None:
            stamps.append(time.perf_counter())
            cpu.append(time.thread_time())
            process.append(time.process_time())
            writes.append(_write_thread_time())

        with CpuCensus() as census:
            report = ingest_files(files, store, done=done, jobs=jobs)
        seconds = time.perf_counter() - start
    finally:
        for module in loops:
            module.prepared = original  # type: ignore[attr-defined]
    quads = len(store)
    store.close()
    return seconds, stamps, report, quads, waited[0], cpu, process, writes, census


def _write_thread_time() -> float:
    """The CPU seconds of the thread :mod:`kg.ingest.overlap` writes in (0 if there is none)."""
    for thread in threading.enumerate():
        if thread.name.startswith("kg-ingest-write") and thread.ident is not None:
            return time.clock_gettime(time.pthread_getcpuclockid(thread.ident))
    return 0.0


def tenths(stamps: list[float]) -> list[float]:
    """Mean ms per article of each tenth of the run (from the write stamps)."""
    size = max(len(stamps) // 10, 1)
    cuts = [*range(0, len(stamps), size)][:10]
    cuts.append(len(stamps) - 1)
    return [(stamps[b] - stamps[a]) / (b - a) * 1000 for a, b in pairwise(cuts) if b > a]


def report_run(
    folder: Path, store_path: Path, jobs: int, statements: int, n: int
) -> tuple[float, str]:
    """Run one ingest and print its figures; return its articles/s and its last source."""
    ingest_s, stamps, report, quads, waited, cpu, process, writes, census = run_ingest(
        folder, store_path, jobs
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    label = f"ingest --jobs {jobs}"
    print(f"{label:<34}{ingest_s:>10.2f}{n / ingest_s:>12.1f}")
    costs = tenths(stamps)
    print("  ms per article by tenth: " + " ".join(f"{c:.0f}" for c in costs))
    print(
        f"  last tenth / first tenth: {costs[-1] / costs[0]:.2f}; writer waited {waited:.1f} s "
        "for prepared articles (--jobs 1: the extraction itself); "
        f"peak memory {peak:.0f} MB (this process)"
    )
    writer = tenths(cpu)
    print(
        f"  writer CPU {(cpu[-1] - cpu[0]) / (len(cpu) - 1) * 1000:.1f} ms per article "
        "(the writing thread; by tenth: " + " ".join(f"{c:.0f}" for c in writer) + "; "
        f"last / first {writer[-1] / writer[0]:.2f})"
    )
    if writes[-1] > 0:
        print(
            f"  write thread CPU {(writes[-1] - writes[0]) / (len(writes) - 1) * 1000:.1f} ms "
            "per article (the writes, in a thread of their own while the next article is linked)"
        )
    print(
        f"  writing process CPU {(process[-1] - process[0]) / (len(process) - 1) * 1000:.1f} ms "
        "per article (all its threads: the writes' own thread and RocksDB's included; the "
        "workers' excluded)"
    )
    print_census(census, len(stamps))
    print(f"  statements: {statements}, ingested: {report.statements}, quads: {quads}")  # type: ignore[attr-defined]
    return n / ingest_s, report.ingested[-1][1]  # type: ignore[attr-defined]


def print_census(census: CpuCensus, n: int) -> None:
    """The CPU an article costs in all: the writing process's threads by name and the workers,
    and the rate that total allows on this machine's cores."""
    threads = census.by_thread()
    workers = census.children()
    total = sum(threads.values()) + workers
    if not total:
        return
    shown = sorted(threads.items(), key=lambda item: -item[1])
    parts = [f"{name} {seconds / n * 1000:.1f}" for name, seconds in shown if seconds / n > 5e-5]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"  CPU ms per article in all {total / n * 1000:.1f}: the writing process's threads by "
        f"name ({', '.join(parts)}), the workers and other processes below it "
        f"{workers / n * 1000:.1f}; on {cores} cores at most "
        f"{(cores or 1) * n / total:.0f} articles/s"
    )


def _child(folder: Path, store_path: Path, jobs: int, statements: int, n: int, out: object) -> None:
    out.send(report_run(folder, store_path, jobs, statements, n))  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument(
        "--jobs", default="1", help="comma-separated worker counts, each run in the same process"
    )
    parser.add_argument(
        "--runs-in-children",
        action="store_true",
        help="each --jobs value in a process of its own (its own peak memory)",
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
            if args.runs_in_children:
                ctx = multiprocessing.get_context("forkserver")
                mine, theirs = ctx.Pipe()
                child = ctx.Process(
                    target=_child,
                    args=(folder, Path(tmp) / f"store-{j}", j, statements, n, theirs),
                )
                child.start()
                rates[j], last = mine.recv()
                child.join()
            else:
                rates[j], last = report_run(folder, Path(tmp) / f"store-{j}", j, statements, n)
        if len(jobs) > 1:
            base = rates[jobs[0]]
            print(
                "ratio to --jobs "
                + str(jobs[0])
                + ": "
                + ", ".join(f"--jobs {j} {rates[j] / base:.2f}x" for j in jobs[1:])
            )
        store = EmbeddedStore(Path(tmp) / f"store-{jobs[-1]}")
        floor_ms, triples = write_floor_ms(store, last)
        store.close()
    extract_ms = extract_s / n * 1000
    print(
        f"floor: Oxigraph writing one article ({triples} triples) {floor_ms:.1f} ms + extraction "
        f"{extract_ms:.1f} ms = {floor_ms + extract_ms:.1f} ms, "
        f"at most {1000 / (floor_ms + extract_ms):.0f} articles/s"
    )


if __name__ == "__main__":
    main()
