"""``kg check`` on stores of 1,000 and 10,000 articles: wall time and peak memory.

The 1,000-article store is built by ingesting seed-shaped articles (the seed under another
byline each, ``bench/ingest_bench.py``'s ``make_articles``: every later article cites the first
one's claims, the worst case for claims shared across graphs). Ingesting 10,000 would take
most of an hour, so the larger stores are that store's graphs copied: copy ``k`` renames every
16-hex article id (graphs, sources, statements, claims, local agents, match candidates) to a
new one, keeping the shared agents, and the copies are bulk-loaded (``EmbeddedStore.bulk_load``).
Stores are cached in ``--cache`` (a temporary folder by default) and reused.

Each ``kg check`` runs in its own process; its peak resident memory is that process's.

Usage: python bench/check_bench.py [--sizes 1000 10000] [--cache DIR] [--no-shacl]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingest_bench import make_articles  # noqa: E402
from kg.ingest import ingest_files  # noqa: E402
from kg.store import EmbeddedStore  # noqa: E402

BASE = 1000
_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{16}(?![0-9a-f])")


def base_store(cache: Path) -> Path:
    """The store of ``BASE`` ingested articles (built once)."""
    path = cache / f"store-{BASE}"
    if (cache / f"store-{BASE}.done").exists():
        return path
    articles = cache / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    files = make_articles(articles, BASE)
    print(f"ingesting {BASE} articles into {path} (once) ...", flush=True)
    store = EmbeddedStore(path)
    report = ingest_files(files, store)
    store.close()
    if len(report.ingested) != BASE:
        raise SystemExit(f"ingest failed: {report.failed[:3]}")
    (cache / f"store-{BASE}.done").touch()
    return path


def copied_store(cache: Path, base: Path, size: int) -> Path:
    """A store of ``size`` articles: ``size // BASE`` renamed copies of the base store."""
    path = cache / f"store-{size}"
    if (cache / f"store-{size}.done").exists():
        return path
    source = EmbeddedStore(base, read_only=True)
    lines = [
        f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n"
        for q in source.quads()  # the named graphs: the summaries are recomputed by the load
    ]
    source.close()
    quads = cache / f"copies-{size}.nq"
    print(f"writing {size // BASE} renamed copies of the {BASE}-article store ...", flush=True)
    with quads.open("w", encoding="utf-8") as out:
        for k in range(size // BASE):

            def rename(match: re.Match[str], k: int = k) -> str:
                if k == 0:
                    return match.group(0)
                return hashlib.sha256(f"{match.group(0)}/{k}".encode()).hexdigest()[:16]

            for line in lines:
                out.write(_ID.sub(rename, line))
    print(f"bulk-loading {quads} ...", flush=True)
    store = EmbeddedStore(path)
    store.bulk_load(quads)
    store.close()
    quads.unlink()
    (cache / f"store-{size}.done").touch()
    return path


def run_check(store: Path, shacl: bool) -> tuple[float, float, str]:
    """Seconds, peak resident MB and the last output line of ``kg check`` on ``store``."""
    args = [sys.executable, "-m", "kg", "check", "--store", str(store)]
    if not shacl:
        args.append("--no-shacl")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    lines = output.strip().splitlines() or [f"exit status {status}"]
    return seconds, usage.ru_maxrss / 1024, lines[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "kg-check-bench"
    )
    parser.add_argument("--no-shacl", action="store_true", help="time kg check --no-shacl")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    base = base_store(args.cache)
    for size in args.sizes:
        if size % BASE:
            raise SystemExit(f"--sizes: multiples of {BASE}")
        store = base if size == BASE else copied_store(args.cache, base, size)
        quads = len(EmbeddedStore(store, read_only=True))
        seconds, peak, last = run_check(store, not args.no_shacl)
        print(
            f"kg check{' --no-shacl' if args.no_shacl else ''}: {size} articles "
            f"({quads} quads): {seconds:.1f} s, peak {peak:.0f} MB; {last}",
            flush=True,
        )
    print(f"(pyoxigraph {ox.__version__}; {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
