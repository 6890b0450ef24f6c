"""``kg check`` on stores of 1,000 and 10,000 articles: wall time and peak memory.

The 1,000-article store is built by ingesting seed-shaped articles (the seed under another
byline each, ``bench/ingest_bench.py``'s ``make_articles``: every later article cites the first
one's claims, the worst case for claims shared across graphs). Ingesting 10,000 would take
most of an hour, so the larger stores are that store's graphs copied: copy ``k`` renames every
16-hex article id (graphs, sources, statements, claims, local agents, match candidates) to a
new one, keeping the shared agents, and the copies are bulk-loaded (``EmbeddedStore.bulk_load``).
Stores are cached in ``--cache`` (a temporary folder by default) and reused.

Each size is checked on a working copy of its cached store, three times, each ``kg check`` in
its own process (its peak resident memory is that process's), after timing one read of every
quad of the store (the floor of a check that reads everything once in one thread): the first
check (no record
yet: every graph), the second (nothing changed: the record answers), and one after 10
changed articles (articles 100-109 of the base store retracted and ingested again with a
paragraph added, as re-ingesting a corrected article does: new graphs, and the claim matches
and agents they touch rewritten).

Usage: python bench/check_bench.py [--sizes 1000 10000] [--cache DIR] [--no-shacl] [--jobs N]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingest_bench import make_articles  # noqa: E402
from kg.ids import graph_iri  # noqa: E402
from kg.ingest import ingest_files  # noqa: E402
from kg.ingest.keep import find_sources, retract_graph  # noqa: E402
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


#: The base store's articles rewritten for the third check.
CHANGED = range(100, 110)
_SIDECARS = ("", ".search", ".claims.sqlite")


def working_copy(cache: Path, store: Path) -> Path:
    """A fresh copy of ``store`` (with its sidecars, without a check record) to work on."""
    work = cache / f"work-{store.name}"
    for suffix in (*_SIDECARS, ".check.sqlite", ".check.sqlite-wal", ".check.sqlite-shm"):
        target = work.with_name(work.name + suffix)
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for suffix in _SIDECARS:
        source = store.with_name(store.name + suffix)
        target = work.with_name(work.name + suffix)
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.exists():
            shutil.copy(source, target)
    return work


def change_articles(cache: Path, store: Path) -> float:
    """Retract articles :data:`CHANGED` of the base store and ingest them changed; seconds."""
    folder = cache / "changed"
    folder.mkdir(exist_ok=True)
    text = make_articles(folder, 1)[0].read_text(encoding="utf-8")
    start = time.perf_counter()
    target = EmbeddedStore(store)
    paths = []
    for i in CHANGED:
        body = text.replace("Penulis 0", f"Penulis {i}")
        old = folder / f"old-{i:05}.txt"
        old.write_text(body, encoding="utf-8")
        (source,) = find_sources(target, str(old))
        if not retract_graph(target, graph_iri(source)):
            raise SystemExit(f"article {i}: not in the store")
        path = folder / f"{i:05}.txt"
        path.write_text(body + "\nPembaruan: artikel ini diperbarui.\n", encoding="utf-8")
        paths.append(path)
    report = ingest_files(paths, target)
    target.close()
    if len(report.ingested) != len(paths):
        raise SystemExit(f"ingest failed: {report.failed[:3]}")
    return time.perf_counter() - start


def read_all(store: Path) -> float:
    """Seconds to read every quad of ``store`` once, in one thread (Oxigraph dumping it as
    N-Quads to nowhere): the floor of any check that reads everything once in one thread."""
    source = ox.Store.read_only(str(store))
    start = time.perf_counter()
    with open(os.devnull, "wb") as out:
        source.dump(out, format=ox.RdfFormat.N_QUADS)
    return time.perf_counter() - start


def run_check(store: Path, shacl: bool, jobs: int | None = None) -> tuple[float, float, str]:
    """Seconds, peak resident MB and the last output line of ``kg check`` on ``store``."""
    args = [sys.executable, "-m", "kg", "check", "--store", str(store)]
    if not shacl:
        args.append("--no-shacl")
    if jobs is not None:
        args += ["--jobs", str(jobs)]
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
    parser.add_argument("--jobs", type=int, help="kg check --jobs (default: the cores)")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    base = base_store(args.cache)
    for size in args.sizes:
        if size % BASE:
            raise SystemExit(f"--sizes: multiples of {BASE}")
        store = base if size == BASE else copied_store(args.cache, base, size)
        quads = len(EmbeddedStore(store, read_only=True))
        work = working_copy(args.cache, store)
        name = f"kg check{' --no-shacl' if args.no_shacl else ''}: {size} articles ({quads} quads)"
        print(f"reading every quad once: {read_all(store):.1f} s", flush=True)
        for label in ("first", "second", "after 10 changed articles"):
            if label.startswith("after"):
                print(
                    f"changing 10 articles: {change_articles(args.cache, work):.1f} s", flush=True
                )
            seconds, peak, last = run_check(work, not args.no_shacl, args.jobs)
            print(f"{name}, {label}: {seconds:.1f} s, peak {peak:.0f} MB; {last}", flush=True)
    print(f"(pyoxigraph {ox.__version__}; {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
