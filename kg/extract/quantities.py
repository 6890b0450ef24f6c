"""Find and normalise quantities ("lebih dari 1.000 kontainer", "at least 500", "1,5 juta ton").

Number styles, comparators, multipliers, number words and units come from the language data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.langdata import LangData, load_lang, phrase_regex
from kg.extract.result import Quantity

__all__ = ["find_quantities", "parse_number"]

_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


@dataclass(frozen=True)
class _QData:
    regex: re.Pattern[str]
    comparators: dict[str, str]
    multipliers: dict[str, float]
    words: dict[str, float]
    vague: dict[str, str]
    currencies: dict[str, str]
    units: dict[str, str]
    unit_re: re.Pattern[str]
    word_re: re.Pattern[str]
    before_block: frozenset[str]
    after_block: frozenset[str]
    decimal: str
    thousands: str
    stop: frozenset[str]


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


@lru_cache(maxsize=8)
def _qdata(code: str) -> _QData:
    ld: LangData = load_lang(code)
    raw = ld.raw
    comparators = {
        _norm(p): kind for kind, phrases in (raw.get("comparators") or {}).items() for p in phrases
    }
    multipliers = {_norm(k): float(v) for k, v in (raw.get("multipliers") or {}).items()}
    words = {_norm(k): float(v) for k, v in (raw.get("number_words") or {}).items()}
    vague = {_norm(k): str(v) for k, v in (raw.get("vague_number_words") or {}).items()}
    currencies = {str(k): str(v) for k, v in (raw.get("currency_prefixes") or {}).items()}
    units = {_norm(str(k)): str(v) for k, v in (raw.get("units") or {}).items()}
    dec = str(raw.get("decimal_separator", "."))
    tho = str(raw.get("thousands_separator", ","))
    d, t = re.escape(dec), re.escape(tho)
    number = rf"\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?|\d+(?:{d}\d+)?"
    cur = phrase_regex(currencies) if currencies else r"(?!x)x"
    regex = re.compile(
        rf"(?<![\w.,])(?:(?P<cmp>{phrase_regex(comparators)})\s+)?"
        rf"(?:(?P<cur>{cur})\s?)?"
        rf"(?:(?P<num>{number})|(?P<word>(?<![\w-])(?:{phrase_regex(words)})(?![\w-])))"
        rf"(?:\s*(?P<mul>(?<![\w-])(?:{phrase_regex(multipliers)})(?![\w-])))?"
        rf"(?P<pct>\s?%)?",
        re.IGNORECASE,
    )
    unit_re = re.compile(
        rf"\s+(?:(?:[^\W\d_]+)\s+)?(?P<unit>{phrase_regex(units)})(?![\w-])", re.IGNORECASE
    )
    word_re = re.compile(r"\s+(?P<w>[^\W\d_]{3,})", re.UNICODE)
    return _QData(
        regex=regex,
        comparators=comparators,
        multipliers=multipliers,
        words=words,
        vague=vague,
        currencies=currencies,
        units=units,
        unit_re=unit_re,
        word_re=word_re,
        before_block=frozenset(_norm(w) for w in raw.get("non_quantity_before") or []),
        after_block=frozenset(_norm(w) for w in raw.get("non_quantity_after") or []),
        decimal=dec,
        thousands=tho,
        stop=ld.stopwords,
    )


def parse_number(text: str, lang: str) -> float:
    """Parse a written number in the style of ``lang``.

    >>> parse_number("1.000", "id"), parse_number("2,56", "id"), parse_number("1,000", "en")
    (1000.0, 2.56, 1000.0)
    """
    q = _qdata(lang)
    return float(text.replace(q.thousands, "").replace(q.decimal, "."))


def _clean(value: float) -> float | int:
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def find_quantities(text: str, lang: str, offset: int = 0) -> list[Quantity]:
    """All quantities in ``text``; offsets are shifted by ``offset``.

    >>> found = find_quantities("lebih dari 1.000 kontainer", "id")
    >>> [(q.value, q.comparator, q.unit) for q in found]
    [(1000, 'more-than', 'container')]
    """
    q = _qdata(lang)
    found: list[Quantity] = []
    for m in q.regex.finditer(text):
        num, word = m.group("num"), m.group("word")
        if not num and not word:
            continue
        cmp_text = m.group("cmp")
        comparator = q.comparators.get(_norm(cmp_text), "exactly") if cmp_text else "exactly"
        end = m.end()
        if num:
            value = parse_number(num, lang)
        else:
            value = q.words[_norm(word)]
            comparator = q.vague.get(_norm(word), comparator)
        mul = m.group("mul")
        if mul:
            value *= q.multipliers[_norm(mul)]
        unit: str | None = None
        if m.group("pct"):
            unit = "percent"
        elif m.group("cur"):
            unit = q.currencies.get(m.group("cur").strip())
        if unit is None:
            um = q.unit_re.match(text, end)
            if um:
                unit = q.units[_norm(um.group("unit"))]
                end = um.end()
        prev_words = text[: m.start()].split()
        prev = _norm(prev_words[-1]) if prev_words else ""
        next_m = q.word_re.match(text, m.end())
        nxt = _norm(next_m.group("w")) if next_m else ""
        if prev in q.before_block or nxt in q.after_block:
            continue
        if unit is None and next_m and nxt not in q.stop and nxt not in q.after_block:
            unit = nxt
            end = next_m.end()
        if word and not cmp_text and (unit is None or unit not in q.units.values()):
            continue  # number words need a comparator or a known unit ("satu sama lain")
        if num and _YEAR.match(num) and not cmp_text and not mul and unit not in q.units.values():
            continue  # a year, not a quantity
        start = m.start()
        found.append(
            Quantity(
                value=_clean(value),
                comparator=comparator,  # type: ignore[arg-type]
                unit=unit,
                text=text[start:end],
                start=start + offset,
                end=end + offset,
            )
        )
    return found
