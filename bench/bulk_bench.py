"""Bulk load at scale: ``EmbeddedStore.bulk_load`` (quads, summaries, text index) against a plain
pyoxigraph ``Store.bulk_load`` of the same N-Quads file, in the same run.

Writes the synthetic corpus of ``bench/synth.py`` at each of ``--sizes`` (kept under ``--cache``
when given, so a second run skips it), then loads it into a fresh on-disk store in a child
process per loader (so each peak memory, ``ru_maxrss``, is its own), one loader after the
other. Prints, per size: seconds, seconds per million quads, CPU seconds per million (the child's
user and system time, all its threads: what other work on the machine disturbs least), peak
memory, and the ratio of claimgraph's time to the plain load's.

Usage: python bench/bulk_bench.py [--sizes 1M,3M] [--cache DIR] [--loaders claimgraph,pyoxigraph]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import write as synthesize  # noqa: E402

SIZES = {"100k": 100_000, "1M": 1_000_000, "3M": 3_000_000, "10M": 10_000_000}
LOADERS = ("claimgraph", "pyoxigraph")


def child(loader: str, path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="kg-bulk-") as tmp:
        start = time.perf_counter()
        if loader == "claimgraph":
            from kg.store import EmbeddedStore

            store = EmbeddedStore(Path(tmp) / "store")
            store.bulk_load(path)
            quads = len(store)
            store.close()
        else:
            import pyoxigraph as ox

            plain = ox.Store(str(Path(tmp) / "store"))
            plain.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
            plain.flush()
            quads = len(plain)
            del plain
        seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    print(
        json.dumps(
            {"seconds": seconds, "cpu": cpu, "quads": quads, "peak_mb": usage.ru_maxrss / 1024}
        )
    )


def corpus(size: str, folder: Path) -> tuple[Path, int]:
    path = folder / f"{size}.nq"
    count_file = folder / f"{size}.count"
    if path.exists() and count_file.exists():
        return path, int(count_file.read_text())
    count = synthesize(SIZES.get(size) or int(size), path)
    count_file.write_text(str(count))
    return path, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1M")
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--loaders", default=",".join(LOADERS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.file))
        return
    with tempfile.TemporaryDirectory(prefix="kg-synth-") as tmp:
        folder = args.cache or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(
            "| size | loader | seconds | s per million | CPU s per million | peak memory "
            "| time ratio |"
        )
        print("|---|---|---|---|---|---|---|")
        for size in args.sizes.split(","):
            path, count = corpus(size, folder)
            results = {}
            for loader in args.loaders.split(","):
                done = subprocess.run(
                    [sys.executable, __file__, "--child", loader, "--file", str(path)],
                    capture_output=True, text=True, check=False,
                )  # fmt: skip
                if done.returncode != 0:
                    print(f"{loader} failed: {done.stderr[-2000:]}", flush=True)
                    continue
                results[loader] = json.loads(done.stdout.strip().splitlines()[-1])
            plain = results.get("pyoxigraph", {}).get("seconds")
            for loader, r in results.items():
                ratio = f"{r['seconds'] / plain:.2f}x" if plain else "-"
                print(
                    f"| {size} ({count:,} quads) | {loader} | {r['seconds']:.1f} | "
                    f"{r['seconds'] / count * 1e6:.1f} | {r['cpu'] / count * 1e6:.1f} | "
                    f"{r['peak_mb']:.0f} MB | {ratio} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
