"""Extraction speed on one core: articles per second for articles of the seed's size.

Usage: python bench/extract_speed.py [--seconds 5] [ARTICLE]

Prints the rate for the seed article (default) after one warm-up run (language data and
regexes are loaded once and cached, as in a long-running process). Target: >= 50 articles/s.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from kg.extract import extract_article, read_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_eae76bf788f95f59.txt"
TARGET = 50.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(SEED))
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to measure")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    article = read_article(args.article)
    start = time.perf_counter()
    extract_article(article)
    cold = time.perf_counter() - start
    runs = 0
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        extract_article(article)
        runs += 1
    elapsed = time.perf_counter() - start
    rate = runs / elapsed
    print(f"article: {Path(args.article).name} ({len(article.text)} chars)")
    print(f"first run (loads data): {cold * 1000:.1f} ms")
    verdict = "OK" if rate >= TARGET else "MISSED"
    print(
        f"{runs} runs in {elapsed:.2f} s on one core: {rate:.1f} articles/second "
        f"({1000 / rate:.2f} ms each); target >= {TARGET:.0f}: {verdict}"
    )


if __name__ == "__main__":
    main()
