"""Claims' timelines kept between views of the store, updated for what changed (``kg serve``).

A claim's timeline (:func:`kg.track.timeline.timeline`) reads every appearance of the claim
and of the claims matched to it, and groups every source it appears in: for a claim cited by
1,200 articles, 3,600 rows and 1,200 texts, about 2 s. ``kg serve`` makes its pages again for
each new view of the store, and under a stream of writes each view changes only a few
articles. So :class:`KeptTimelines` keeps, per claim, the timeline and its source groups
(:class:`kg.track.timeline.SourceGroups`) together with what the view said of each of its
(claim, statement) pairs: the statement's source, claimant, stance and dates, the claimant's
labels and the source's title, outlet, URL, date and text. For a new view:

- the same view object: the kept timeline, as it is;
- no matched claim unmatched and no pair gone or changed: the rows of the new pairs only
  (``track-appearances-of``), the texts of the sources new to the claim only
  (``track-source-texts-of``), grouped into the kept groups (single link allows adding
  members), and the reviews read again if the view's reviews of the matched claims changed;
- anything else (a pair gone or changed: a retraction, a re-ingest, a relabelled agent; a
  match undone; a claim not kept): the whole timeline again.

Rows are read from the store after the view was read, so they may hold pairs the view does not
have yet; those are kept without what the view said of them and take it from the next view,
which must have them (else they were removed since, as by a retraction, and the timeline is
read whole). :func:`kg.track.timeline.in_order` sorts the rows whatever order they came in,
and the groups are sorted, so an updated timeline equals the one read whole
(``tests/track/test_kept_timelines.py`` follows a store through additions and a retraction).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

from rdflib import URIRef

from kg.queries import load_query
from kg.store import Store
from kg.store.binding import Bound
from kg.track.timeline import (
    Shingled,
    SourceGroups,
    Timeline,
    appearance,
    in_order,
    reviews_of,
    timeline_and_groups,
)
from kg.values import text_or_none
from kg.view.model import View

__all__ = ["KeptTimelines"]

#: Bound values per query (as the view's updates bind them).
_PER_QUERY = 100

Pair = tuple[str, str]  # (claim, statement)


@dataclass
class _Kept:
    """One claim's timeline, its groups and what the view said of each pair in it (None: a pair
    read from the store that the view did not have yet)."""

    matched: tuple[str, ...]
    timeline: Timeline
    groups: SourceGroups
    said: dict[Pair, Hashable | None]
    view: View | None = None
    #: what the view said of the reviews of the matched claims (:func:`_reviews_said`)
    reviews: Hashable = None


def _reviews_said(view: View, claims: tuple[str, ...]) -> Hashable:
    """What ``view`` says of the reviews of ``claims`` (read again when it changes)."""
    wanted = set(claims)
    return tuple(
        sorted(
            (r.iri, r.claim, r.rating or "", r.author or "", r.url or "", r.date or "")
            for r in view.reviews.values()
            if r.claim in wanted
        )
    )


def _said(view: View, claims: tuple[str, ...]) -> dict[Pair, Hashable]:
    """What ``view`` says of each (claim, statement) pair of ``claims``: everything of it that a
    row of the claim's timeline, or its source's group, is made from."""
    said: dict[Pair, Hashable] = {}
    for claim in claims:
        for st in view.on_claim(claim):
            agent = view.agents.get(st.claimant)
            src = view.sources.get(st.source)
            by = view.sources.get(st.claimant)
            said[(claim, st.iri)] = (
                st.source,
                st.claimant,
                st.stance,
                st.date,
                st.date_text,
                tuple(sorted(agent.labels.items())) if agent else None,
                by.title if by else None,
                (src.title, src.publisher, src.url, src.date, hash(src.text)) if src else None,
            )
    return said


class KeptTimelines:
    """Timelines of ``store``'s claims, kept for the ``size`` claims asked most recently and
    updated for each new view (module docstring). Thread-safe: one claim is made by one thread
    at a time, others wait for it."""

    def __init__(self, store: Store, size: int = 64) -> None:
        self.store = store
        self.size = size
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        #: the texts' shingles, one copy shared by every kept claim's groups while one uses it
        #: (the claims cited by every article of a story share their 1,200 sources)
        self._shingled: Shingled = weakref.WeakValueDictionary()
        #: how each timeline was given: "same" view, "added" to, "whole" read (for tests, bench)
        self.made: dict[str, int] = {"same": 0, "added": 0, "whole": 0}

    def of(self, claim: str, view: View) -> Timeline:
        """The timeline of ``claim`` for ``view`` (the view the page is made from)."""
        with self._lock:
            lock = self._locks.setdefault(claim, threading.Lock())
        with lock:
            with self._lock:
                kept = self._kept.get(claim)
                if kept is not None:
                    self._kept.move_to_end(claim)
            if kept is not None and kept.view is view:
                self.made["same"] += 1
                return kept.timeline
            kept = self._updated(claim, view, kept)
            with self._lock:
                self._kept[claim] = kept
                self._kept.move_to_end(claim)
                while len(self._kept) > self.size:
                    gone, _ = self._kept.popitem(last=False)
                    self._locks.pop(gone, None)
            return kept.timeline

    def _matched(self, claim: str) -> tuple[str, ...]:
        rows = self.store.select(load_query("track-matched").text, {"claim": URIRef(claim)})
        return tuple(sorted(str(r[0]) for r in rows))

    def _updated(self, claim: str, view: View, kept: _Kept | None) -> _Kept:
        matched = self._matched(claim)
        said = _said(view, matched)
        if kept is not None and set(kept.matched) <= set(matched):  # matches only added
            new: list[Pair] = []
            for pair, what in said.items():
                if pair not in kept.said:
                    new.append(pair)
                elif kept.said[pair] is None:
                    kept.said[pair] = what  # read before this view had it
                elif kept.said[pair] != what:
                    new = []
                    break  # changed: read whole
            else:
                # a pair read ahead of the view it was read for must be in this later view,
                # else it is gone since (or the view cannot show it): read whole
                if all(pair in said for pair in kept.said):
                    reviews = _reviews_said(view, matched)
                    self._add(kept, claim, new, said, reviews != kept.reviews)
                    kept.matched, kept.view, kept.reviews = matched, view, reviews
                    self.made["added"] += 1
                    return kept
        self.made["whole"] += 1
        return self._whole(claim, view, matched, said)

    def _whole(self, claim: str, view: View, matched: tuple[str, ...],
               said: dict[Pair, Hashable]) -> _Kept:  # fmt: skip
        tl, groups = timeline_and_groups(self.store, URIRef(claim), self._shingled)
        pairs = {(a.claim, a.statement) for a in tl.appearances}
        kept_said: dict[Pair, Hashable | None] = {p: said.get(p) for p in pairs}
        return _Kept(matched, tl, groups, kept_said, view, _reviews_said(view, matched))

    def _add(self, kept: _Kept, claim: str, new: list[Pair], said: dict[Pair, Hashable],
             reviewed: bool) -> None:  # fmt: skip
        """Add the rows of the ``new`` pairs and group their sources new to the claim; read the
        reviews again if ``reviewed`` (the view's reviews of the matched claims changed)."""
        tl = kept.timeline
        if not new and not reviewed:
            return
        appearances = list(tl.appearances)
        wanted = set(new)
        statements = sorted({URIRef(s) for _, s in new})
        query = load_query("track-appearances-of").text
        rows = []
        for start in range(0, len(statements), _PER_QUERY):
            bound: dict[str, Bound] = {
                "claim": URIRef(claim),
                "statement": statements[start : start + _PER_QUERY],
            }
            rows += self.store.select(query, bound).dicts()
        added = [a for a in map(appearance, rows) if (a.claim, a.statement) in wanted]
        sources = sorted({URIRef(a.source) for a in added if a.source not in kept.groups})
        query = load_query("track-source-texts-of").text
        for start in range(0, len(sources), _PER_QUERY):
            texts = self.store.select(query, {"source": sources[start : start + _PER_QUERY]})
            kept.groups.add(
                (str(s), text_or_none(p), text_or_none(u), str(t)) for s, p, u, t in texts
            )
        for a in added:
            kept.said[(a.claim, a.statement)] = said.get((a.claim, a.statement))
        appearances += added
        kept.timeline = Timeline(
            claim=tl.claim,
            appearances=in_order(appearances) if added else appearances,
            groups=kept.groups.groups() if sources else tl.groups,
            reviews=reviews_of(self.store, URIRef(claim)) if reviewed else tl.reviews,
        )
