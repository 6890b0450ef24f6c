"""How likely two claim texts state the same claim: a score in 0..1 with its reasons.

The score combines four parts of the two signatures (:mod:`kg.track.features`):

- **wording**: the mean of the Dice coefficient and the overlap coefficient of the concept
  tokens (the overlap coefficient lets a short claim match a longer sentence that carries it);
- **entities**: Jaccard overlap of the agents named; it counts in proportion to the wording
  (full weight from a wording of 0.35 up), so that sharing North Korea and Russia is not
  enough to make two different claims about them look alike;
- **quantities**: a pair of quantities in the same unit agrees when the values are within 10%
  (or the comparators allow both, "more than 1,000" and "1,200"); a bonus of 0.1;
- **dates**: years, and relative dates resolved against publication dates.

Then conflicts push the score down hard, whatever the wording: numbers in the same unit that
disagree (x0.35), two non-empty sets of agents with nothing in common (x0.5), dates that cannot
be the same (x0.5).

>>> from kg.track.features import signature
>>> a = signature("North Korea sent more than 1,000 containers of munitions to Russia", "en")
>>> b = signature("Korea Utara mengirim lebih dari 1.000 kontainer amunisi ke Rusia", "id")
>>> c = signature("North Korea sent 300 containers of munitions to Russia", "en")
>>> score(a, b).value > 0.9, score(a, c).quantity_conflict, score(a, c).value < 0.4
(True, True, True)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kg.track.features import QuantityKey, Signature

__all__ = ["Score", "score"]

W_WORDING = 0.75
W_ENTITY = 0.25
ENTITY_GATE = 0.35
QUANTITY_BONUS = 0.1
QUANTITY_CONFLICT = 0.35
ENTITY_CONFLICT = 0.5
DATE_CONFLICT = 0.5
DATE_SLACK = dt.timedelta(days=3)


@dataclass(frozen=True)
class Score:
    """A score and the parts it was made of (None = nothing to compare)."""

    value: float
    wording: float
    entities: float | None = None
    quantities: float | None = None
    quantity_conflict: bool = False
    entity_conflict: bool = False
    date_conflict: bool = False
    reasons: tuple[str, ...] = field(default_factory=tuple)


def _wording(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    dice = 2 * common / (len(a) + len(b))
    overlap = common / min(len(a), len(b))
    return (dice + overlap) / 2


_LOWER = {"more-than", "at-least"}
_UPPER = {"less-than", "at-most"}


def _agree(x: QuantityKey, y: QuantityKey) -> bool:
    (va, _, ca), (vb, _, cb) = x, y
    if max(va, vb) == 0 or abs(va - vb) / max(abs(va), abs(vb)) <= 0.1:
        return True
    # "more than 1,000" is compatible with 1,200 stated exactly, but not with 300.
    for (v1, c1), (v2, _c2) in (((va, ca), (vb, cb)), ((vb, cb), (va, ca))):
        if c1 in _LOWER and v2 > v1 and v2 <= v1 * 1.5:
            return True
        if c1 in _UPPER and v2 < v1 and v2 >= v1 * 0.5:
            return True
    return False


def _quantities(a: Signature, b: Signature) -> float | None:
    """1 when a pair in the same unit agrees, 0 when every such pair disagrees, else None."""
    verdicts = [_agree(x, y) for x in a.quantities for y in b.quantities if x[1] == y[1]]
    if not verdicts:
        return None
    return 1.0 if any(verdicts) else 0.0


def _date_conflict(a: Signature, b: Signature) -> bool:
    if a.years and b.years and not a.years & b.years:
        return True
    if a.ranges and b.ranges:
        return not any(
            s1 - DATE_SLACK <= e2 and s2 - DATE_SLACK <= e1
            for s1, e1 in a.ranges
            for s2, e2 in b.ranges
        )
    return False


def score(a: Signature, b: Signature) -> Score:
    """The score of two signatures (symmetric)."""
    wording = _wording(a.tokens, b.tokens)
    reasons = [f"wording {wording:.2f}"]
    entities: float | None = None
    entity_conflict = False
    value = wording
    if a.agents and b.agents:
        entities = len(a.agents & b.agents) / len(a.agents | b.agents)
        entity_conflict = entities == 0.0
        value = W_WORDING * wording + W_ENTITY * entities * min(1.0, wording / ENTITY_GATE)
        reasons.append(f"entities {entities:.2f}")
    quantities = _quantities(a, b)
    if quantities == 1.0:
        value = min(1.0, value + QUANTITY_BONUS)
        reasons.append("quantities agree")
    quantity_conflict = quantities == 0.0
    if quantity_conflict:
        value *= QUANTITY_CONFLICT
        reasons.append("quantity conflict")
    if entity_conflict:
        value *= ENTITY_CONFLICT
        reasons.append("entity conflict")
    date_conflict = _date_conflict(a, b)
    if date_conflict:
        value *= DATE_CONFLICT
        reasons.append("date conflict")
    return Score(
        value=round(value, 4),
        wording=round(wording, 4),
        entities=entities,
        quantities=quantities,
        quantity_conflict=quantity_conflict,
        entity_conflict=entity_conflict,
        date_conflict=date_conflict,
        reasons=tuple(reasons),
    )
