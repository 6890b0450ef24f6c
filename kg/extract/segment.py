"""Split article text into paragraphs, quotations and sentences, keeping absolute offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.langdata import available_languages, load_lang

__all__ = ["Quote", "dateline_end", "find_quotes", "paragraphs", "sentences"]

_LINE = re.compile(r"[^\n]+")
_BOUNDARY = re.compile(r"[.!?…]+[\"”’)]*(?=\s+[\"“‘(\[]?[A-Z0-9À-Ý])")
# A quotation glued to the sentence before it ('... hoaks."Informasi itu ...'): a boundary
# only where the mark opens a quotation.
_GLUED = re.compile(r"[.!?…]+(?=[\"“][A-Z0-9À-Ý])")
# A full stop that lost its space ("... reported Saturday.A colleague said"): after a word in
# lower case and before a capitalised word ("U.S.", "Dr.X" and "www.Site" are not cut).
_NO_SPACE = re.compile(r"(?<=[a-zà-ÿ]{2})[.!?](?=[A-ZÀ-Ý](?:[a-zà-ÿ]|\s))")
_TERMINAL = frozenset('.!?"”’…:;)')
_OPEN_CLOSE = {"“": "”", '"': '"', "«": "»", "„": "“"}
_OPENERS = re.compile('[“"«„]')


# Datelines that open a news story, before the lead sentence. Each needs a mark of a dateline
# (a city in capitals, an outlet's domain or an agency in brackets) so that a sentence such as
# "Putin said - ..." is never taken for one.
_DASH = r"(?:\s*(?:-{1,2}|–|—|:)\s+|\s*(?:--|–|—)(?=[A-ZÀ-Ý]))"  # "HONG KONG--Chinese"
_CITY = r"[A-ZÀ-Ý][A-ZÀ-Ý'’.-]{2,}(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’.-]+){0,3}"  # JAKARTA, KUALA LUMPUR
_PLACE = r"[A-ZÀ-Ý][\wÀ-ÿ'’.-]*(?:\s+[A-ZÀ-Ý][\wÀ-ÿ'’.-]*){0,3}"  # Jakarta, New York
_OUTLET = r"[A-Za-z0-9-]+(?:\.[A-Za-z]{2,}){1,3}"  # KOMPAS.com, REPUBLIKA.CO.ID, tempo.co
_DATE = r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}"  # Dec. 3
_AGENCY = r"\([^()\n]{1,40}\)"  # (Reuters), (ANTARA), (AP)
_DATELINES = [
    # JAKARTA, KOMPAS.com -  /  KYIV, Ukraine (AP) -  /  WASHINGTON (Reuters) -  /  JAKARTA -
    # FERGUSON, Mo., March 16 (Reuters) -
    re.compile(
        rf"{_CITY}(?:\s*,\s*(?:{_OUTLET}|{_DATE}|{_PLACE})){{0,2}}(?:\s*{_AGENCY})?(?:\s*,)?{_DASH}"
    ),
    # Liputan6.com, Jakarta -  /  Suara.com -  /  TEMPO.CO, Jakarta -
    re.compile(rf"{_OUTLET}(?:\s*,\s*{_PLACE})?(?:\s*{_AGENCY})?{_DASH}"),
    # Jakarta (ANTARA) -  /  Jakarta, CNN Indonesia --
    re.compile(rf"{_PLACE}\s*{_AGENCY}{_DASH}"),
    # Bengaluru, Jan 23 (PTI) The ...  (a date and an agency in capitals, no dash)
    re.compile(rf"{_PLACE}\s*,\s*{_DATE}(?:\s*,\s*\d{{4}})?\s*\([A-Z]{{2,8}}\)\s*(?=[A-Z\"“])"),
    re.compile(
        rf"{_PLACE}\s*,\s*(?:CNN|Kompas|Tempo|Antara|detik|Beritasatu)[\w .]{{0,20}}?{_DASH}"
    ),
]
# "June 19 - ..." (a date alone) counts only in the first paragraph.
_DATE_DATELINE = re.compile(rf"{_DATE}(?:\s*,\s*\d{{4}})?{_DASH}")
# A date stamp before the lead sentence, in the first paragraph ("date 2018-10-06 A spokesman
# said ...", "Published Oct 6, 2018 ...", "Senin, 06 Oktober 2018 10:00 WIB ..."): skipped like a
# dateline when a capitalised word or a quote follows it; a stamp alone on its line is furniture.
_STAMP = re.compile(
    r"(?:(?i:date|published|updated|posted|diterbitkan|dipublikasikan|diperbarui)\s*:?\s*)?"
    r"(?:[A-Z][a-z]+,\s*)?"  # Senin, / Monday,
    r"(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?"  # 2018-10-06
    r"|\d{1,2}\s+[A-Z][a-z]{2,9}\.?\s+\d{4}"  # 6 October 2018 / 06 Oktober 2018
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}"  # Oct. 6, 2018
    r"|\d{1,2}/\d{1,2}/\d{4})"  # 06/10/2018
    r"(?:,?\s*\|?\s*\d{1,2}[:.]\d{2}(?:\s*(?:WIB|WITA|WIT|GMT|UTC|[AaPp]\.?[Mm]\.?))?)?"
    r"\s*\|?\s+(?=[A-ZÀ-Ý\"“])"
)
# "Metro,mediamatalensa – ..." (a place and an outlet's one-word name before a dash) counts only
# in the first paragraph.
_NAME_DATELINE = re.compile(rf"{_PLACE}\s*,\s*[A-Za-z][A-Za-z0-9.]{{2,30}}\s*(?:-{{1,2}}|–|—)\s+")
# "Jakarta: ..." (one or two capitalised words and a colon) counts only in the first paragraph.
_COLON_DATELINE = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+(?:\s+[A-ZÀ-Ý][a-zà-ÿ]+)?:\s+(?=[A-ZÀ-Ý\"“])")


def dateline_end(text: str, start: int, end: int, *, first: bool = False) -> int:
    """Where the lead sentence starts after a dateline at ``text[start:]`` (``start`` if none).

    >>> dateline_end("JAKARTA, KOMPAS.com - Menteri itu mengatakan ...", 0, 48)
    22
    >>> dateline_end("KYIV, Ukraine (AP) — Officials said ...", 0, 39)
    21
    >>> dateline_end("FERGUSON, Mo., March 16 (Reuters) - A lawyer said ...", 0, 52)
    36
    >>> dateline_end("Bengaluru, Jan 23 (PTI) The network said ...", 0, 44)
    24
    >>> dateline_end("Putin said - it was over.", 0, 25)
    0
    >>> dateline_end(" date 2018-10-06 A spokesman said ...", 1, 37, first=True)
    17
    >>> dateline_end("Oct. 6, 2018 KUALA LUMPUR: The minister said ...", 0, 48, first=True)
    27
    """
    if first:
        m = _STAMP.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
    head = text[start : min(end, start + 90)]
    for pattern in _DATELINES:
        m = pattern.match(head)
        if m and m.end() < len(head):
            return start + m.end()
    if first:
        m = _COLON_DATELINE.match(head) or _DATE_DATELINE.match(head) or _NAME_DATELINE.match(head)
        if m:
            return start + m.end()
    return start


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


# Lines that are page furniture, never article text ("Baca juga: ...", "Read more").
_FURNITURE = re.compile(
    r"(?:baca\s+juga|simak\s+juga|lihat\s+juga|artikel\s+terkait|berita\s+terkait|"
    r"read\s+more|related|advertisement|scroll\s+to\s+continue|watch|file\s+photo)\b"
    # a page's date stamp alone, or before a caption or a headline (no closing punctuation);
    # before a sentence it is skipped as a dateline (_STAMP)
    r"|\s*date\s+\d{4}-\d{2}-\d{2}(?:\s*$|.*[^.!?\"”’…:;)\s]\s*$)",
    re.IGNORECASE,
)


def paragraphs(text: str, *, skip_title: bool = True) -> list[tuple[int, int]]:
    r"""(start, end) of each body paragraph, without title, byline, headings and page furniture.

    A paragraph is one line, or several when a line breaks inside a sentence (no closing
    punctuation, and either long or followed by a lowercase line). A short line without closing
    punctuation is a heading, a byline or a dateline, except the article's last line, which is
    kept when the article is cut off mid-sentence.

    >>> t = "Title\nThe ministry flatly denied\nthat prices rose.\nBaca juga: x\nHe said it was so"
    >>> [t[a:b] for a, b in paragraphs(t)]
    ['The ministry flatly denied\nthat prices rose.', 'He said it was so']
    """
    lines: list[tuple[int, int, str]] = []
    for m in _LINE.finditer(text):
        seg = m.group()
        stripped = seg.strip()
        if not stripped:
            continue
        start = m.start() + len(seg) - len(seg.lstrip())
        end = m.end() - (len(seg) - len(seg.rstrip()))
        lines.append((start, end, stripped))
    if skip_title and lines:
        lines = lines[1:]
    out: list[tuple[int, int]] = []
    open_start: int | None = None
    for i, (start, end, line) in enumerate(lines):
        nxt = lines[i + 1][2] if i + 1 < len(lines) else None
        if _FURNITURE.match(line):
            open_start = None
            continue
        terminal = line[-1] in _TERMINAL
        # a blank line ends a paragraph: a line wraps only onto the very next line
        blank_after = nxt is not None and "\n\n" in text[end : lines[i + 1][0]]
        if open_start is not None:  # a paragraph broken across lines goes on
            if terminal or nxt is None or blank_after or _FURNITURE.match(nxt):
                out.append((open_start, end))
                open_start = None
            continue
        if terminal:
            out.append((start, end))
            continue
        words = len(line.split())
        last = line.split()[-1].lower()
        wrapped = not blank_after and (
            words > 15
            or (words >= 4 and nxt is not None and nxt[:1].islower())
            or (words >= 4 and last in _continuing_words())  # "... menampik" / "... and"
        )
        if nxt is not None and wrapped and not _FURNITURE.match(nxt):
            open_start = start
            continue
        if blank_after and words > 15:
            out.append((start, end))  # a long paragraph whose closing mark the page lost
            continue
        if nxt is None and words >= 5:
            out.append((start, end))  # cut off mid-sentence
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
        # publishers mix curly and straight marks (“... false," he said): either closes
        closers = {_OPEN_CLOSE[text[i]], '"', "”"} if text[i] in '“"' else {_OPEN_CLOSE[text[i]]}
        found = [k for k in (text.find(ch, i + 1, end) for ch in closers) if k != -1]
        j = min(found) if found else -1
        if j == -1:
            quotes.append(Quote(i, end, False))
            break
        quotes.append(Quote(i, j, True))
        i = j + 1
    return quotes


@lru_cache(maxsize=1)
def _continuing_words() -> frozenset[str]:
    """Words a sentence does not end on (function words, reporting verbs): a line ending in
    one was broken inside its sentence."""
    out: set[str] = set()
    for code in available_languages():
        ld = load_lang(code)
        out |= ld.stopwords | ld.prepositions | ld.conj_words | set(ld.verbs)
    for code in available_languages():
        ld = load_lang(code)
        # "1. Mahathir membantah tuduhan tersebut": a heading may end on a demonstrative or
        # a pronoun ("tersebut", "itu", "it", "them"); those do not join it to the next line
        out -= ld.demonstratives | ld.pronouns
    return frozenset(w for w in out if " " not in w)


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
    opens = {q.open for q in quotes}
    glued = [m for m in _GLUED.finditer(text, start, end) if m.end() in opens]
    unspaced = list(_NO_SPACE.finditer(text, start, end))
    found = sorted(
        [*_BOUNDARY.finditer(text, start, end), *glued, *unspaced], key=lambda m: m.start()
    )
    for m in found:
        cut = m.end()
        if cut <= cur or any(q.open < m.start() and m.end() <= q.close for q in quotes):
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
    return [piece for a, b in out for piece in _bounded(text, a, b)]


#: Longest sentence the rules look at in one piece (characters). Real sentences are far
#: shorter; a longer run (a table flattened into one line, a missing full stop over pages) is
#: cut at clause marks so that extraction time stays linear in the article's length.
MAX_SENTENCE = 1500


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` cut into pieces of at most `MAX_SENTENCE` characters, at a ";" or ","
    (else a space) as late as possible."""
    out: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind("; ", start, limit), text.rfind(", ", start, limit))
        if cut <= start:
            cut = text.rfind(" ", start, limit)
        cut = cut + 1 if cut > start else limit
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    out.append((start, end))
    return out
