"""Relative dates in articles ("pada hari Jumat", "sebulan yang lalu", "last Friday").

Expressions are found with phrase lists from ``kg/track/lexicon/dates.yaml`` and resolved
against the article's publication date:

- a weekday resolves to the most recent such day on or before the publication date; with
  "last" / "lalu" / "kemarin" it is strictly before it;
- "kemarin" / "yesterday" and the like are day offsets;
- "pekan lalu" / "last week" is the previous calendar week (Monday to Sunday), a range;
- "bulan lalu" / "last month" is the previous calendar month, a range;
- "<n> <unit> ago" / "<n> <unit> yang lalu" is that many days, weeks, months or years back
  (a day); a vague count ("beberapa hari yang lalu", "several days ago") is kept as written;
- "in recent weeks" / "dalam beberapa minggu terakhir" is a range ending on the publication day.

Without a publication date nothing is resolved: the text is kept as written.

>>> import datetime as dt
>>> [(e.text, e.start) for e in find_dates("Washington mengklaim pada hari Jumat bahwa", "id")]
[('pada hari Jumat', 21)]
>>> resolve("pada hari Jumat", "id", dt.date(2023, 10, 18)).date
datetime.date(2023, 10, 13)
>>> resolve("last Friday", "en", None).date is None
True
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["DateExpr", "Resolved", "find_dates", "nearest_date", "resolve"]

DATA = resources.files("kg.track") / "lexicon" / "dates.yaml"
_SENTENCE_END = re.compile(r"[.!?\u201d\"]\s+|\n\s*\n")


@dataclass(frozen=True)
class DateExpr:
    """A date expression found in a text: its words and offsets (end exclusive)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Resolved:
    """What an expression means: one day (``date``), a range (``start``..``end``), or neither."""

    text: str
    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def is_range(self) -> bool:
        """True when the expression names a span of days rather than one day."""
        return self.date is None and self.start is not None


def _alt(phrases: Any) -> str:
    items = sorted({str(p).lower() for p in phrases or []}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in items) or r"(?!x)x"


@dataclass(frozen=True)
class _Lang:
    raw: dict[str, Any]
    regex: re.Pattern[str]


@cache
def _data() -> dict[str, Any]:
    with DATA.open(encoding="utf-8") as fh:
        loaded: dict[str, Any] = yaml.safe_load(fh)
    return loaded


@cache
def _lang(code: str) -> _Lang | None:
    raw = _data().get(code)
    if raw is None:
        return None
    weekdays = _alt(raw["weekdays"])
    units = _alt(raw["ago_units"])
    numbers = _alt(k for k in raw["numbers"])
    se = raw.get("se_prefix")
    se_part = rf"|{re.escape(se)}(?P<seunit>{units})" if se else ""
    parts = [
        rf"(?P<recent>{_alt(raw['recent'])})",
        rf"(?:(?P<n>\d+|{numbers})\s+(?P<unit>{units}){se_part})\s+(?P<ago>{_alt(raw['ago_after'])})",
        rf"(?P<days>{_alt(raw['days'])})",
        rf"(?P<weeks>{_alt(raw['weeks'])})",
        rf"(?P<months>{_alt(raw['months'])})",
        rf"(?:(?P<before>{_alt(raw['weekday_before'])})\s+)?(?P<wd>{weekdays})"
        rf"(?:\s+(?P<after>{_alt(raw['weekday_after'])}))?",
    ]
    regex = re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])", re.IGNORECASE)
    return _Lang(raw=raw, regex=regex)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def find_dates(text: str, lang: str) -> list[DateExpr]:
    """Every relative date expression in ``text`` (a language without data finds none)."""
    data = _lang(lang)
    if data is None:
        return []
    found = []
    prefix_only = {str(w).lower() for w in data.raw.get("prefix_only") or []}
    for m in data.regex.finditer(text):
        wd = m.group("wd")
        if wd and wd.lower() in prefix_only and not m.group("before"):
            continue
        found.append(DateExpr(m.group(0), m.start(), m.end()))
    return found


def _months_back(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def resolve(text: str, lang: str, published: dt.date | None) -> Resolved:
    """Resolve one expression against the publication date (kept as written without one).

    >>> import datetime as dt
    >>> resolve("sebulan yang lalu", "id", dt.date(2023, 10, 18)).date
    datetime.date(2023, 9, 18)
    >>> r = resolve("in recent weeks", "en", dt.date(2023, 10, 18))
    >>> r.is_range, r.start, r.end
    (True, datetime.date(2023, 9, 20), datetime.date(2023, 10, 18))
    """
    data = _lang(lang)
    kept = Resolved(text=text)
    if data is None or published is None:
        return kept
    m = data.regex.fullmatch(text.strip())
    if m is None:
        return kept
    raw = data.raw
    if m.group("recent"):
        back = int(raw["recent"][_norm(m.group("recent"))])
        return Resolved(text, start=published - dt.timedelta(days=back), end=published)
    if m.group("days"):
        return Resolved(
            text, date=published + dt.timedelta(days=int(raw["days"][_norm(m.group("days"))]))
        )
    if m.group("weeks"):
        offset = int(raw["weeks"][_norm(m.group("weeks"))])
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset)
        end = min(monday + dt.timedelta(days=6), published)
        return Resolved(text, start=monday, end=end)
    if m.group("months"):
        first = _months_back(
            published.replace(day=1), -int(raw["months"][_norm(m.group("months"))])
        )
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return Resolved(text, start=first, end=min(last, published))
    if m.group("ago"):
        unit = _norm(m.group("unit") or m.group("seunit"))
        count_text = m.group("n")
        count: int | None = 1
        if count_text:
            count = int(count_text) if count_text.isdigit() else raw["numbers"][_norm(count_text)]
        if count is None:
            return kept
        days = int(raw["ago_units"][unit])
        if days == 30:
            return Resolved(text, date=_months_back(published, count))
        if days == 365:
            return Resolved(text, date=_months_back(published, 12 * count))
        return Resolved(text, date=published - dt.timedelta(days=days * count))
    weekday = int(raw["weekdays"][_norm(m.group("wd"))])
    strict_words = {str(w).lower() for w in raw.get("strict") or []}
    strict = any(_norm(m.group(g) or "") in strict_words for g in ("before", "after"))
    back = (published.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return Resolved(text, date=published - dt.timedelta(days=back))


def nearest_date(text: str, start: int, end: int, lang: str, window: int = 120) -> DateExpr | None:
    """The date expression inside ``text[start:end]``, else the nearest one in the sentence
    around it (at most ``window`` characters away, not crossing a full stop)."""
    lo = max(0, start - window)
    hi = min(len(text), end + window)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    lo = ends[-1] if ends else lo
    after = _SENTENCE_END.search(text, end, hi)
    hi = after.start() + 1 if after else hi
    best: tuple[int, DateExpr] | None = None
    for expr in find_dates(text[lo:hi], lang):
        e = DateExpr(expr.text, expr.start + lo, expr.end + lo)
        distance = (
            0 if e.start >= start and e.end <= end else min(abs(e.start - end), abs(start - e.end))
        )
        if best is None or distance < best[0]:
            best = (distance, e)
    return best[1] if best else None
