"""Score the extractor on a folder of real news articles with gold files, per language and per
error class.

Usage: python bench/realnews.py FOLDER [FOLDER ...] [--articles] [--markdown]

Each FOLDER holds ``NAME.txt`` (first line = title) and ``NAME.gold.yaml`` (format and
definitions: docs/annotation.md). Real third-party articles are never committed: keep them in
a git-ignored scratch folder such as ``.realnews/dev`` and commit only the figures. The gold
annotates attributed statements only, so the article's own statements (claimant ``@article``)
are left out of precision and counted in the ``own`` column.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from kg.extract.api import extract_article
from kg.extract.reader import read_article
from kg.extract.result import Extraction
from kg.extract.score import Score, load_gold, score_extraction, table_lines


def pairs(folders: list[Path]) -> list[tuple[Path, Path]]:
    """(article, gold) pairs in the folders, sorted by name."""
    out = []
    for folder in folders:
        for gold in sorted(folder.glob("*.gold.yaml")):
            article = gold.with_name(gold.name.removesuffix(".gold.yaml") + ".txt")
            if article.is_file():
                out.append((article, gold))
    return out


def language(gold: Path) -> str:
    data = yaml.safe_load(gold.read_text(encoding="utf-8")) or {}
    return str((data.get("source") or {}).get("language") or gold.name.split("_")[0])


HEAD = ["set", "arts", "gold", "found", "match", "P", "R", "F1", "claimant", "stance"]
HEAD += ["links", "link-P"]
HEAD += ["missed", "spurious", "bad-who", "bad-stance", "split", "own"]


def row(s: Score, articles: int) -> list[str]:
    return [
        s.name,
        str(articles),
        str(s.gold),
        str(s.extracted),
        str(s.matched),
        f"{s.precision:.2f}",
        f"{s.recall:.2f}",
        f"{s.f1:.2f}",
        f"{s.claimant_accuracy:.2f}",
        f"{s.stance_accuracy:.2f}",
        f"{s.links_found}/{s.gold_links}",
        f"{s.links_right}/{s.links_judged}",
        str(s.missed),
        str(s.spurious),
        str(s.wrong_claimant),
        str(s.wrong_stance),
        str(s.split),
        str(s.article_own),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--articles", action="store_true", help="one row per article too")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument(
        "--extractions",
        type=Path,
        help="score these extractions (JSON Lines as `kg extract` writes, one per article, "
        "matched by source.path's file name) instead of running the extractor: to score "
        "another version or another extractor on the same gold",
    )
    args = parser.parse_args()
    given: dict[str, Extraction] = {}
    if args.extractions:
        for line in args.extractions.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ex = Extraction.model_validate_json(line)
                given[Path(ex.source.path or "").name] = ex
    by_lang: dict[str, list[Score]] = {}
    rows: list[list[str]] = []
    elapsed = 0.0
    for article_path, gold_path in pairs(args.folders):
        lang = language(gold_path)
        article = read_article(article_path)
        gold = load_gold(gold_path, article.text)
        t0 = time.perf_counter()
        if args.extractions:
            if article_path.name not in given:
                raise SystemExit(f"{args.extractions}: no extraction of {article_path.name}")
            extraction = given[article_path.name]
        else:
            extraction = extract_article(article, lang)
        elapsed += time.perf_counter() - t0
        score = score_extraction(extraction, gold, name=article_path.stem, attributed_only=True)
        by_lang.setdefault(lang, []).append(score)
        if args.articles:
            rows.append(row(score, 1))
    every: list[Score] = []
    for lang, scores in sorted(by_lang.items()):
        rows.append(row(Score.total(scores, lang), len(scores)))
        every += scores
    rows.append(row(Score.total(every, "all"), len(every)))
    print("\n".join(table_lines(HEAD, rows, args.markdown)))
    if every:
        print(f"\nextraction: {len(every)} articles in {elapsed:.2f} s")


if __name__ == "__main__":
    main()
