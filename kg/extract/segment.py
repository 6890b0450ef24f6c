"""Split article text into paragraphs, quotations and sentences, keeping absolute offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.langdata import available_languages, load_lang

__all__ = ["Quote", "find_quotes", "paragraphs", "sentences"]

_LINE = re.compile(r"[^\n]+")
_BOUNDARY = re.compile(r"[.!?…]+[\"”’)]*(?=\s+[\"“‘(\[]?[A-Z0-9À-Ý])")
_TERMINAL = frozenset('.!?"”’…:;)')
_OPEN_CLOSE = {"“": "”", '"': '"', "«": "»", "„": "“"}
_OPENERS = re.compile('[“"«„]')


@dataclass(frozen=True)
class Quote:
    """A quotation: ``open`` is the index of the opening mark, ``close`` of the closing one
    (or the paragraph end when the quote is not closed in the paragraph)."""

    open: int
    close: int
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the quoted words, without the marks."""
        return self.open + 1, self.close


def paragraphs(text: str, *, skip_title: bool = True) -> list[tuple[int, int]]:
    """(start, end) of each body paragraph (one per line), without title, byline and headings."""
    out: list[tuple[int, int]] = []
    first = True
    for m in _LINE.finditer(text):
        start, end = m.start(), m.end()
        seg = m.group()
        stripped = seg.strip()
        if not stripped:
            continue
        start += len(seg) - len(seg.lstrip())
        end -= len(seg) - len(seg.rstrip())
        if first:
            first = False
            if skip_title:
                continue
        if stripped[-1] not in _TERMINAL and len(stripped.split()) <= 15:
            continue  # byline, heading, dateline
        out.append((start, end))
    return out


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quotations in ``text[start:end]`` (curly or straight double quotes)."""
    quotes: list[Quote] = []
    i = start
    while i < end:
        m = _OPENERS.search(text, i, end)
        if m is None:
            break
        i = m.start()
        closing = _OPEN_CLOSE[text[i]]
        j = text.find(closing, i + 1, end)
        if j == -1:
            quotes.append(Quote(i, end, False))
            break
        quotes.append(Quote(i, j, True))
        i = j + 1
    return quotes


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    out: set[str] = set()
    for code in available_languages():
        out.update(str(a).lower() for a in load_lang(code).raw.get("abbreviations") or [])
    return frozenset(out)


def sentences(text: str, start: int, end: int, quotes: list[Quote]) -> list[tuple[int, int]]:
    """(start, end) of sentences in a paragraph; never splits inside a quotation."""
    abbrev = _abbreviations()
    out: list[tuple[int, int]] = []
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.end()
        if any(q.open < m.start() and m.end() <= q.close for q in quotes):
            continue
        words = text[cur : m.start()].split()
        last = words[-1].lower().rstrip(".") if words else ""
        if text[m.start()] == "." and (len(last) == 1 or last in abbrev):
            continue
        out.append((cur, cut))
        cur = cut
        while cur < end and text[cur].isspace():
            cur += 1
    if cur < end:
        out.append((cur, end))
    return out
