"""A claim's life across sources: appearances by date, independent sources, stances, status.

A claim's appearances include those of every claim confirmed to match it (``skos:exactMatch``
or ``skos:closeMatch`` in the matches graph, followed both ways and transitively).

- **Date of an appearance**: the statement's own date (a relative date resolved at ingest),
  else the source's publication date; appearances without either come last.
- **Independent sources**: sources are grouped when they are copies of each other: the same
  publisher (case-insensitive), else the same web domain, or near-duplicate texts (Jaccard
  similarity of word 5-shingles >= 0.5). The count is the number of groups. A translation is
  not detected as a copy (its shingles differ); the same outlet in two languages shares its
  publisher and so counts once.
- **Status**: ``reviewed`` when a fact-checker's ClaimReview rates it, else ``disputed`` when
  some statement denies or disputes it, else ``unverified``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from rdflib import URIRef
from rdflib.term import Identifier

from kg.errors import InputError
from kg.ids import claim_iri, slug_of
from kg.queries import load_query
from kg.store import Store
from kg.values import leading_date, text_or_none

__all__ = [
    "Appearance",
    "Shingled",
    "SourceGroups",
    "Timeline",
    "appearance",
    "claim_ref",
    "in_order",
    "independent_groups",
    "reviews_of",
    "shingles",
    "timeline",
    "timeline_and_groups",
    "timeline_json",
]

SHINGLE = 5
NEAR_DUPLICATE = 0.5
_WORDS = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Appearance:
    """One statement on the claim (or a matched claim), in one source."""

    claim: str
    statement: str
    stance: str
    claimant: str
    claimant_label: str
    source: str
    headline: str | None
    publisher: str | None
    url: str | None
    published: dt.date | None
    date: dt.date | None
    date_text: str | None

    @property
    def day(self) -> dt.date | None:
        """The statement's date, else its source's publication date."""
        return self.date or self.published


@dataclass
class Timeline:
    """Everything ``kg timeline`` shows about one claim."""

    claim: str
    appearances: list[Appearance]
    groups: list[list[str]]
    reviews: list[dict[str, str | None]] = field(default_factory=list)

    @property
    def claims(self) -> list[str]:
        """The claim and the claims confirmed to match it that have statements."""
        return sorted({a.claim for a in self.appearances} | {self.claim})

    @property
    def first(self) -> Appearance | None:
        """The earliest appearance (by day, then source)."""
        return self.appearances[0] if self.appearances else None

    @property
    def sources(self) -> list[str]:
        """The sources, in order of first appearance."""
        return list(dict.fromkeys(a.source for a in self.appearances))

    @property
    def independent(self) -> int:
        """How many sources are not copies of each other."""
        return len(self.groups)

    def by_stance(self, *stances: str) -> list[Appearance]:
        """Appearances with one of ``stances``, in date order."""
        return [a for a in self.appearances if a.stance in stances]

    @property
    def status(self) -> str:
        """reviewed, disputed or unverified."""
        if self.reviews:
            return "reviewed"
        if self.by_stance("denies", "disputes"):
            return "disputed"
        return "unverified"


def claim_ref(text: str) -> URIRef:
    """A claim given as an IRI or as its slug.

    >>> str(claim_ref("containers-shipped")).rsplit("/", 2)[1:]
    ['claim', 'containers-shipped']
    """
    text = text.strip()
    if not text:
        raise InputError("a claim IRI or slug is needed")
    if "://" in text:
        return URIRef(text)
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", text):
        raise InputError(f"not a claim IRI or slug: {text!r}")
    return claim_iri(text)


def shingles(text: str, size: int = SHINGLE) -> frozenset[tuple[str, ...]]:
    """Word ``size``-shingles of a text, lower-cased.

    >>> len(shingles("a b c d e f"))
    2
    """
    words = [w.lower() for w in _WORDS.findall(text)]
    if len(words) < size:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def _outlet(publisher: str | None, url: str | None) -> str | None:
    if publisher and publisher.strip():
        return "publisher:" + " ".join(publisher.casefold().split())
    if url:
        host = urlsplit(url).hostname or ""
        return "domain:" + host.removeprefix("www.") if host else None
    return None


def _near(a: frozenset[int], b: frozenset[int]) -> bool:
    return len(a & b) / len(a | b) >= NEAR_DUPLICATE


#: Texts' shingles as :class:`SourceGroups` keeps them (hashes of :func:`shingles`), by text;
#: a weak mapping shared by several groups keeps one copy of each text's while any group uses it.
Shingled = MutableMapping[str, frozenset[int]]


class SourceGroups:
    """Sources grouped when they are copies of each other (same outlet, or near-duplicate
    texts: single link), to which more sources can be added: adding sources in any number of
    steps gives the groups of adding them all at once (:func:`independent_groups`), since a
    new source can only join groups, never split one. Removing a source is not possible
    (group again)."""

    def __init__(self, shingled: Shingled | None = None) -> None:
        self._parent: dict[str, str] = {}
        self._outlets: dict[str, str] = {}
        # each source's shingles, as hashes (a third of the memory of the word tuples; two
        # distinct shingles of 1M share a 64-bit hash with odds of about 1 in 30 million)
        self._shingles: dict[str, frozenset[int]] = {}
        self._shared = shingled
        self._members: dict[str, list[str]] = {}  # root -> the sources of its group

    def __contains__(self, source: object) -> bool:
        return source in self._parent

    def __len__(self) -> int:
        return len(self._parent)

    def _find(self, x: str) -> str:
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def _union(self, x: str, y: str) -> None:
        rx, ry = self._find(x), self._find(y)
        if rx != ry:
            self._parent[max(rx, ry)] = min(rx, ry)

    def add(self, sources: Iterable[tuple[str, str | None, str | None, str]]) -> None:
        """Add ``(source, publisher, url, text)`` rows (a source already in a group joins the
        group of its row's outlet too; its text is the first one given)."""
        members = self._members
        for x, publisher, url, text in sources:
            known = x in self._parent
            if not known:
                self._parent[x] = x
                self._shingles[x] = self._shingled(text)
            outlet = _outlet(publisher, url)
            if outlet is not None:
                if outlet in self._outlets:
                    self._union(x, self._outlets[outlet])
                else:
                    self._outlets[outlet] = x
            a = self._shingles[x]
            if a and not known:
                # Compared with the groups so far, one member at a time until one is near
                # (single link, as comparing every pair would group them): copies of one story
                # in 1,200 papers cost about one comparison each, not 720,000 in all.
                for root in list(members):
                    if root not in members or self._find(root) == self._find(x):
                        continue
                    if any(_near(a, self._shingles[m]) for m in members[root]):
                        self._union(x, root)
            root = self._find(x)
            group = members.setdefault(root, [])
            for other in [r for r in members if r != root and self._find(r) == root]:
                group.extend(members.pop(other))  # groups joined by this source or its outlet
            if not known:
                group.append(x)

    def _shingled(self, text: str) -> frozenset[int]:
        made = self._shared.get(text) if self._shared is not None else None
        if made is None:
            made = frozenset(map(hash, shingles(text)))
            if self._shared is not None:
                self._shared[text] = made
        return made

    def groups(self) -> list[list[str]]:
        """The groups, each sorted, in order of their first source."""
        out: dict[str, list[str]] = {}
        for s in sorted(self._parent):
            out.setdefault(self._find(s), []).append(s)
        return list(out.values())


def independent_groups(sources: list[tuple[str, str | None, str | None, str]]) -> list[list[str]]:
    """Group ``(source, publisher, url, text)`` rows that are copies of each other; each group
    sorted, in order of their first source.

    >>> rows = [("s1", "Wire", None, "a b c d e f g"), ("s2", "wire", None, "x"),
    ...         ("s3", None, "https://www.x.org/1", "a b c d e f g h"), ("s4", None, None, "z")]
    >>> independent_groups(rows)
    [['s1', 's2', 's3'], ['s4']]
    """
    groups = SourceGroups()
    groups.add(sources)
    return groups.groups()


def appearance(row: Mapping[str, Identifier | None]) -> Appearance:
    """One row of ``track-appearances.rq`` as an :class:`Appearance`."""
    return Appearance(
        claim=str(row["matched"]),
        statement=str(row["statement"]),
        stance=str(row["stance"]),
        claimant=str(row["claimant"]),
        claimant_label=text_or_none(row["claimantLabel"])
        or (text_or_none(row["headline"]) if row["claimant"] == row["source"] else None)
        or slug_of(str(row["claimant"])),
        source=str(row["source"]),
        headline=text_or_none(row["headline"]),
        publisher=text_or_none(row["publisher"]),
        url=text_or_none(row["url"]),
        published=leading_date(row["published"]),
        date=leading_date(row["date"]),
        date_text=text_or_none(row["dateText"]),
    )


def in_order(appearances: Iterable[Appearance]) -> list[Appearance]:
    """Appearances by day (undated last), then source, statement, and the rest of the row (so
    that the order does not depend on the order they were read in)."""

    def key(a: Appearance) -> tuple[object, ...]:
        rest = (a.claim, a.stance, a.claimant, a.claimant_label, a.headline, a.publisher,
                a.url, a.published, a.date, a.date_text)  # fmt: skip
        return (a.day is None, a.day or dt.date.min, a.source, a.statement,
                tuple((v is None, v or "") for v in map(_text, rest)))  # fmt: skip

    return sorted(appearances, key=key)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def reviews_of(store: Store, claim: URIRef) -> list[dict[str, str | None]]:
    """Fact-checkers' reviews of ``claim`` or of a claim matched to it (``track-reviews``)."""
    return [
        {k: text_or_none(v) for k, v in r.items()}
        for r in store.select(load_query("track-reviews").text, {"claim": claim}).dicts()
    ]


def timeline(store: Store, claim: URIRef) -> Timeline:
    """The timeline of ``claim``; an unknown claim is an InputError."""
    return timeline_and_groups(store, claim)[0]


def timeline_and_groups(
    store: Store, claim: URIRef, shingled: Shingled | None = None
) -> tuple[Timeline, SourceGroups]:
    """The timeline of ``claim`` and the groups of its sources, to which more can be added
    (:mod:`kg.track.kept`; ``shingled``: texts' shingles shared with other groups); an
    unknown claim is an InputError."""
    if not store.ask(load_query("track-claim-exists").text, {"claim": claim}):
        raise InputError(f"no claim {claim} in the store")
    rows = store.select(load_query("track-appearances").text, {"claim": claim}).dicts()
    appearances = in_order(appearance(r) for r in rows)
    texts = store.select(load_query("track-source-texts").text, {"claim": claim})
    groups = SourceGroups(shingled)
    groups.add((str(s), text_or_none(p), text_or_none(u), str(t)) for s, p, u, t in texts)
    tl = Timeline(claim=str(claim), appearances=appearances, groups=groups.groups(),
                  reviews=reviews_of(store, claim))  # fmt: skip
    return tl, groups


def timeline_json(tl: Timeline, appearances: list[Appearance] | None = None) -> dict[str, Any]:
    """The timeline as plain JSON data (``kg timeline --json`` and the claim pages' twins),
    with ``appearances`` only (a page of them; None: all) and their total."""
    return {
        "claim": tl.claim,
        "claims": tl.claims,
        "status": tl.status,
        "first": tl.first.source if tl.first else None,
        "independent_sources": tl.independent,
        "source_groups": tl.groups,
        "appearances_total": len(tl.appearances),
        "appearances": [
            {
                "day": a.day.isoformat() if a.day else None,
                "date_text": a.date_text,
                "source": a.source,
                "publisher": a.publisher,
                "headline": a.headline,
                "claim": a.claim,
                "statement": a.statement,
                "claimant": a.claimant,
                "claimant_label": a.claimant_label,
                "stance": a.stance,
            }
            for a in (tl.appearances if appearances is None else appearances)
        ],
        "reviews": tl.reviews,
    }
