"""How far two annotators agree: score one gold folder against another, as the extractor is
scored.

Usage: python bench/agreement.py FOLDER_A FOLDER_B [--markdown]

Both folders hold ``NAME.gold.yaml`` files for the same articles (``NAME.txt`` is read from
FOLDER_A), written independently by two people following docs/annotation.md. B's statements
are scored as if they were an extraction, with the scorer of ``bench/realnews.py`` (strict F1:
span overlap of at least half, claimant and stance all right; links; error classes), so the
figures are the ceiling the issue's targets sit against: an extractor cannot be measured above
the agreement of the people who wrote its gold. Also prints Cohen's kappa of the stance on the
statements both annotated (span-paired). B's agents become claimants by their first label (and
first alias as the mention), so a claimant agrees when A's agent has that name, as an extracted
claimant would.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from pathlib import Path

import yaml
from realnews import HEAD, language, pairs, row

from kg.extract.reader import read_article
from kg.extract.result import Claimant, Extraction, SourceMeta, Statement
from kg.extract.score import Score, _overlap, _pair, load_gold, score_extraction, table_lines
from kg.slugs import slugify

KINDS = {"person", "organization", "government", "unnamed"}


def as_extraction(gold_path: Path, text: str, lang: str) -> Extraction:
    """Annotator B's gold as an extraction of the same text."""
    data = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
    agents = {str(a["id"]): a for a in data.get("agents") or [] if isinstance(a, dict)}
    gold = load_gold(gold_path, text)
    claims = []
    for st in gold.statements:
        entry = agents.get(st.claimant)
        if entry is None:  # a shared agent of kg/data/agents.yaml: the same id
            who = Claimant(id=st.claimant, label=st.claimant, known=True)
        else:
            labels = [str(v) for v in (entry.get("labels") or {}).values()]
            aliases = [str(a) for v in (entry.get("aliases") or {}).values() for a in v or []]
            label = labels[0] if labels else st.claimant
            kind = str(entry.get("kind") or "person")
            who = Claimant(
                id=slugify(label),
                label=label,
                kind=kind if kind in KINDS else "person",  # type: ignore[arg-type]
                mention=aliases[0] if aliases else None,
            )
        claims.append(
            Statement(
                id=st.id,
                text=text[st.start : st.end],
                start=st.start,
                end=st.end,
                claimant=who,
                kind=st.kind,  # type: ignore[arg-type]
                targets=list(st.responds_to),
            )
        )
    meta = SourceMeta(
        id=gold_path.stem,
        language=lang,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        length=len(text),
    )
    return Extraction(source=meta, claims=claims)


def kappa(pairs_: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two labelings of the same items."""
    n = len(pairs_)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in pairs_) / n
    ca, cb = Counter(a for a, _ in pairs_), Counter(b for _, b in pairs_)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path, help="annotator A's folder (the articles and gold)")
    parser.add_argument("b", type=Path, help="annotator B's folder (gold files of the same names)")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    by_lang: dict[str, list[Score]] = {}
    stances: dict[str, list[tuple[str, str]]] = {}
    for article_path, gold_a in pairs([args.a]):
        gold_b = args.b / gold_a.name
        if not gold_b.is_file():
            continue
        lang = language(gold_a)
        text = read_article(article_path).text
        gold = load_gold(gold_a, text)
        other = as_extraction(gold_b, text, lang)
        by_lang.setdefault(lang, []).append(
            score_extraction(other, gold, name=article_path.stem, attributed_only=True)
        )
        loose = [
            ((_overlap(e, g),), i, j)
            for i, e in enumerate(other.claims)
            for j, g in enumerate(gold.statements)
            if _overlap(e, g) >= 0.5
        ]
        for i, j in _pair(loose).items():
            stances.setdefault(lang, []).append((gold.statements[j].kind, other.claims[i].kind))
    rows, every = [], []
    for lang, scores in sorted(by_lang.items()):
        rows.append(row(Score.total(scores, lang), len(scores)))
        every += scores
    rows.append(row(Score.total(every, "all"), len(every)))
    print("\n".join(table_lines(HEAD, rows, args.markdown)))
    both = [p for v in stances.values() for p in v]
    for lang, got in [*sorted(stances.items()), ("all", both)]:
        print(f"stance kappa {lang}: {kappa(got):.2f} on {len(got)} statements both annotated")


if __name__ == "__main__":
    main()
