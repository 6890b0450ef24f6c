"""Score the extractor against every curated article and print a table.

Usage: python bench/score_extract.py [--markdown] [ARTICLE.txt ...]

Default articles: the seed(s) in seeds/ and tests/data/extract/*.txt, each scored against the
NAME.claims.yaml beside it. The matching rule is documented in kg/extract/score.py and
docs/extraction.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.extract.score import Score, score_article, table_lines

ROOT = Path(__file__).resolve().parent.parent


def default_articles() -> list[Path]:
    """Every article that has a curated claim file beside it."""
    found = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests" / "data" / "extract").glob("*.txt")
    )
    return [p for p in found if p.with_name(p.stem + ".claims.yaml").is_file()]


def row(s: Score) -> list[str]:
    return [
        s.name,
        str(s.gold),
        str(s.extracted),
        str(s.matched),
        f"{s.precision:.2f}",
        f"{s.recall:.2f}",
        f"{s.f1:.2f}",
        f"{s.claimant_accuracy:.2f}",
        f"{s.stance_accuracy:.2f}",
        f"{s.target_ok}/{s.target_pairs}",
    ]


HEAD = ["article", "gold", "found", "match", "P", "R", "F1", "claimant", "stance", "targets"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    scores = [score_article(p) for p in (args.articles or default_articles())]
    rows = [row(s) for s in scores] + [row(Score.total(scores, "ALL (micro)"))]
    print("\n".join(table_lines(HEAD, rows, args.markdown)))


if __name__ == "__main__":
    main()
