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
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from rdflib import URIRef

from kg.errors import InputError
from kg.ids import claim_iri, slug_of
from kg.queries import load_query
from kg.store import Store
from kg.values import leading_date, text_or_none

__all__ = [
    "Appearance",
    "Timeline",
    "claim_ref",
    "independent_groups",
    "shingles",
    "timeline",
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


def independent_groups(sources: list[tuple[str, str | None, str | None, str]]) -> list[list[str]]:
    """Group ``(source, publisher, url, text)`` rows that are copies of each other.

    >>> rows = [("s1", "Wire", None, "a b c d e f g"), ("s2", "wire", None, "x"),
    ...         ("s3", None, "https://www.x.org/1", "a b c d e f g h"), ("s4", None, None, "z")]
    >>> independent_groups(rows)
    [['s1', 's2', 's3'], ['s4']]
    """
    parent = {s: s for s, *_ in sources}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    outlets: dict[str, str] = {}
    sh = {s: shingles(text) for s, _, _, text in sources}
    for source, publisher, url, _text in sources:
        outlet = _outlet(publisher, url)
        if outlet is not None:
            if outlet in outlets:
                union(source, outlets[outlet])
            else:
                outlets[outlet] = source
    names = [s for s, *_ in sources]
    # Each source is compared with the groups formed so far, one member at a time until one is
    # near (single-link, as comparing every pair would group them): copies of one story in
    # 1,200 papers cost about one comparison each, not 720,000 in all.
    members: dict[str, list[str]] = {}
    for x in names:
        a = sh[x]
        if a:
            for root in list(members):
                if root not in members or find(root) == find(x):
                    continue
                if any(len(a & sh[m]) / len(a | sh[m]) >= NEAR_DUPLICATE for m in members[root]):
                    union(x, root)
        root = find(x)
        group = members.setdefault(root, [])
        for other in [r for r in members if r != root and find(r) == root]:
            group.extend(members.pop(other))  # groups joined by this source or its outlet
        group.append(x)
    groups: dict[str, list[str]] = {}
    for s in names:
        groups.setdefault(find(s), []).append(s)
    return list(groups.values())


def timeline(store: Store, claim: URIRef) -> Timeline:
    """The timeline of ``claim``; an unknown claim is an InputError."""
    if not store.ask(load_query("track-claim-exists").text, {"claim": claim}):
        raise InputError(f"no claim {claim} in the store")
    rows = store.select(load_query("track-appearances").text, {"claim": claim}).dicts()
    appearances = [
        Appearance(
            claim=str(r["matched"]),
            statement=str(r["statement"]),
            stance=str(r["stance"]),
            claimant=str(r["claimant"]),
            claimant_label=text_or_none(r["claimantLabel"])
            or (text_or_none(r["headline"]) if r["claimant"] == r["source"] else None)
            or slug_of(str(r["claimant"])),
            source=str(r["source"]),
            headline=text_or_none(r["headline"]),
            publisher=text_or_none(r["publisher"]),
            url=text_or_none(r["url"]),
            published=leading_date(r["published"]),
            date=leading_date(r["date"]),
            date_text=text_or_none(r["dateText"]),
        )
        for r in rows
    ]
    appearances.sort(key=lambda a: (a.day is None, a.day or dt.date.min, a.source, a.statement))
    texts = store.select(load_query("track-source-texts").text, {"claim": claim})
    groups = independent_groups(
        [(str(s), text_or_none(p), text_or_none(u), str(t)) for s, p, u, t in texts]
    )
    reviews = [
        {k: text_or_none(v) for k, v in r.items()}
        for r in store.select(load_query("track-reviews").text, {"claim": claim}).dicts()
    ]
    return Timeline(claim=str(claim), appearances=appearances, groups=groups, reviews=reviews)


def timeline_json(tl: Timeline) -> dict[str, object]:
    """The timeline as plain JSON data (``kg timeline --json`` and the claim pages' twins)."""
    return {
        "claim": tl.claim,
        "claims": tl.claims,
        "status": tl.status,
        "first": tl.first.source if tl.first else None,
        "independent_sources": tl.independent,
        "source_groups": tl.groups,
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
            for a in tl.appearances
        ],
        "reviews": tl.reviews,
    }
