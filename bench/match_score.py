"""Claim matching quality on the curated pair set: precision/recall/F1 and a confusion table.

Usage: python bench/match_score.py [--pairs tests/data/pairs/pairs.yaml] [--verbose]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.track.evaluate import evaluate, load_pairs, report

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "pairs" / "pairs.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="YAML file of labelled pairs")
    parser.add_argument("--verbose", action="store_true", help="print every pair's score")
    args = parser.parse_args()
    print(report(evaluate(load_pairs(args.pairs)), verbose=args.verbose))


if __name__ == "__main__":
    main()
