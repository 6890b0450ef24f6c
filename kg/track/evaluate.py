"""Measure claim matching on a curated set of labelled pairs (``tests/data/pairs/``).

"Same claim" detection: a pair is positive when its gold label is ``exact`` or ``close``, and
predicted positive when :func:`kg.track.match.classify` says ``exact`` or ``close``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError
from kg.track.features import signature
from kg.track.match import Kind, classify, same_claim
from kg.track.score import score

__all__ = ["Evaluation", "Outcome", "evaluate", "load_pairs", "report"]

KINDS = [k.value for k in Kind]


@dataclass(frozen=True)
class Outcome:
    """One pair: its id, gold and predicted kinds, and the score."""

    id: str
    gold: str
    predicted: str
    score: float
    hard: bool


@dataclass(frozen=True)
class Evaluation:
    """Precision, recall and F1 of same-claim detection, and the confusion counts."""

    outcomes: list[Outcome]

    def _counts(self, positive: set[str]) -> tuple[int, int, int]:
        tp = sum(1 for o in self.outcomes if o.gold in positive and o.predicted in positive)
        fp = sum(1 for o in self.outcomes if o.gold not in positive and o.predicted in positive)
        fn = sum(1 for o in self.outcomes if o.gold in positive and o.predicted not in positive)
        return tp, fp, fn

    def prf(
        self, positive: frozenset[str] = frozenset({"exact", "close"})
    ) -> tuple[float, float, float]:
        """Precision, recall and F1 for the kinds in ``positive``."""
        tp, fp, fn = self._counts(set(positive))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def confusion(self) -> Counter[tuple[str, str]]:
        """(gold, predicted) -> count."""
        return Counter((o.gold, o.predicted) for o in self.outcomes)

    def hard_negatives_rejected(self) -> tuple[int, int]:
        """How many hard negatives were not called the same claim, of how many."""
        hard = [o for o in self.outcomes if o.hard]
        return sum(1 for o in hard if not same_claim(Kind(o.predicted))), len(hard)


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def load_pairs(path: Path) -> list[dict[str, Any]]:
    """The pairs of a YAML file (a list of ``{id, a, b, label, hard?}``)."""
    try:
        pairs = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read pairs: {exc}") from None
    if not isinstance(pairs, list):
        raise InputError(f"{path}: expected a list of pairs")
    for pair in pairs:
        if pair.get("label") not in KINDS:
            raise InputError(f"{path}: pair {pair.get('id')}: label must be one of {KINDS}")
    return pairs


def evaluate(pairs: list[dict[str, Any]]) -> Evaluation:
    """Score and classify every pair."""
    outcomes = []
    for pair in pairs:
        a, b = pair["a"], pair["b"]
        s = score(
            signature(a["text"], a["lang"], _date(a.get("date"))),
            signature(b["text"], b["lang"], _date(b.get("date"))),
        )
        outcomes.append(
            Outcome(pair["id"], pair["label"], classify(s).value, s.value, bool(pair.get("hard")))
        )
    return Evaluation(outcomes)


def report(ev: Evaluation, verbose: bool = False) -> str:
    """The figures as text: P/R/F1 (same claim, exact only), hard negatives, confusion table."""
    lines = []
    n = len(ev.outcomes)
    langs = "pairs"
    p, r, f = ev.prf()
    lines.append(f"{n} {langs}; same claim (exact or close): P={p:.2f} R={r:.2f} F1={f:.2f}")
    p, r, f = ev.prf(frozenset({"exact"}))
    lines.append(f"exact only: P={p:.2f} R={r:.2f} F1={f:.2f}")
    ok, hard = ev.hard_negatives_rejected()
    lines.append(f"hard negatives kept apart: {ok}/{hard}")
    conf = ev.confusion()
    lines.append("")
    lines.append("gold \\ predicted " + " ".join(f"{k:>8}" for k in KINDS))
    for g in KINDS:
        lines.append(f"{g:<17}" + " ".join(f"{conf[(g, k)]:>8}" for k in KINDS))
    if verbose:
        lines.append("")
        for o in ev.outcomes:
            mark = "" if same_claim(Kind(o.gold)) == same_claim(Kind(o.predicted)) else "  <-- miss"
            lines.append(f"{o.score:.2f} {o.gold:>8} {o.predicted:>8} {o.id}{mark}")
    return "\n".join(lines)
