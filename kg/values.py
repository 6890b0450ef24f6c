"""Plain Python values out of RDF terms and loose strings (one place for the small converters).

>>> from rdflib import Literal
>>> text_or_none(None), text_or_none(Literal("x"))
(None, 'x')
>>> is_true(Literal(True)), is_true(Literal("1")), is_true(None)
(True, True, False)
>>> leading_date("2023-10-18T09:00:00Z"), leading_date("pada hari Jumat")
(datetime.date(2023, 10, 18), None)
"""

from __future__ import annotations

import datetime as dt

__all__ = ["is_true", "leading_date", "text_or_none"]


def text_or_none(term: object) -> str | None:
    """``str(term)``, or None for an unbound value."""
    return None if term is None else str(term)


def is_true(term: object) -> bool:
    """Whether a SPARQL boolean (``true``/``1``, any case) is true; unbound is false."""
    return term is not None and str(term).lower() in ("true", "1")


def leading_date(value: object) -> dt.date | None:
    """The ISO date at the start of ``value`` (a date, dateTime or string), else None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
