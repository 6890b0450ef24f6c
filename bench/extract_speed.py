"""Extraction speed on one core: articles per second, extraction alone and through `kg extract`.

Usage: python bench/extract_speed.py [--seconds 5] [--files N] [ARTICLE_OR_FOLDER ...]

Extraction alone: after one warm-up run per article (language data and regexes are loaded once
and cached, as in a long-running process), the articles (the seed by default; folders walked
as `kg extract` walks them) are extracted in turn for SECONDS; the rate is printed by wall
clock and by CPU time (the CPU figure holds better on a loaded machine). Target: >= 150
articles/s.

With --files N, also the multi-file path: N copies of the articles in a temporary folder,
extracted by one `kg extract FOLDER` process (JSON Lines out), start-up included.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.cli.extract import find_article_files
from kg.extract import extract_article, read_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_eae76bf788f95f59.txt"
TARGET = 150.0


def extraction_alone(paths: list[Path], seconds: float) -> None:
    articles = [read_article(p) for p in paths]
    start = time.perf_counter()
    for article in articles:
        extract_article(article)
    cold = time.perf_counter() - start
    runs = 0
    cycle = itertools.cycle(articles)
    cpu, start = time.process_time(), time.perf_counter()
    while time.perf_counter() - start < seconds:
        extract_article(next(cycle))
        runs += 1
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    rate, cpu_rate = runs / elapsed, runs / cpu
    chars = sum(len(a.text) for a in articles) / len(articles)
    names = ", ".join(p.name for p in paths[:3]) + (", ..." if len(paths) > 3 else "")
    print(f"articles: {len(articles)} ({names}), {chars:.0f} chars on average")
    print(f"first run of each (loads data): {cold * 1000:.1f} ms")
    print(
        f"extraction alone: {runs} runs in {elapsed:.2f} s on one core: {rate:.1f} articles/s "
        f"by wall clock ({1000 / rate:.2f} ms each), {cpu_rate:.1f} articles/s by CPU time; "
        f"target >= {TARGET:.0f} by CPU time: {'OK' if cpu_rate >= TARGET else 'MISSED'}"
    )


def multi_file(paths: list[Path], files: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="kg-extract-speed."))
    try:
        for i, src in zip(range(files), itertools.cycle(paths), strict=False):
            shutil.copyfile(src, folder / f"{i:06d}{src.suffix}")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "kg", "extract", str(folder)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        elapsed = time.perf_counter() - start
    finally:
        shutil.rmtree(folder)
    lines = proc.stdout.count("\n")
    assert lines == files, f"{lines} JSON lines for {files} files: {proc.stderr[-500:]}"
    print(
        f"kg extract FOLDER ({files} files, one process, start-up included): {elapsed:.2f} s, "
        f"{files / elapsed:.1f} articles/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path, default=[SEED])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to measure")
    parser.add_argument("--files", type=int, default=0, help="also time `kg extract FOLDER`")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, children too
    paths: list[Path] = []
    for item in find_article_files(tuple(args.articles)):
        if isinstance(item, Exception):
            raise SystemExit(f"extract_speed: {item}")
        paths.append(item)
    extraction_alone(paths, args.seconds)
    if args.files:
        multi_file(paths, args.files)


if __name__ == "__main__":
    main()
