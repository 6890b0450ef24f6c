"""Decide what two claims are to each other: exact, close, related or none.

Thresholds on the score of :mod:`kg.track.score`:

==========  ===========  =================================================================
kind        score        meaning (SKOS mapping property)
==========  ===========  =================================================================
exact       >= 0.70      the same claim (``skos:exactMatch``); linked at ingest
close       >= 0.50      probably the same claim, worded or detailed differently, or stated
                         by another claimant (``skos:closeMatch``); a candidate for a person
related     >= 0.30      a different claim about the same agents or event
                         (``skos:relatedMatch``); a candidate, never merged automatically
none        below        nothing recorded
==========  ===========  =================================================================

A conflict (quantities, agents or dates that cannot be the same) caps the kind at
``related``: two claims whose numbers or dates disagree are never the same claim, however alike
their wording.

>>> from kg.track.score import Score
>>> classify(Score(value=0.8, wording=0.8)), classify(Score(value=0.55, wording=0.6))
(<Kind.exact: 'exact'>, <Kind.close: 'close'>)
>>> classify(Score(value=0.8, wording=1.0, quantity_conflict=True))
<Kind.related: 'related'>
"""

from __future__ import annotations

import enum

from rdflib import URIRef

from kg.namespace import SKOS
from kg.track.score import Score

__all__ = ["CLOSE", "EXACT", "RELATED", "Kind", "classify", "same_claim"]

EXACT = 0.70
CLOSE = 0.50
RELATED = 0.30


class Kind(enum.StrEnum):
    """How two claims relate, strongest first."""

    exact = "exact"
    close = "close"
    related = "related"
    none = "none"

    @property
    def skos(self) -> URIRef | None:
        """The SKOS mapping property for this kind (None for ``none``)."""
        return {
            Kind.exact: SKOS.exactMatch,
            Kind.close: SKOS.closeMatch,
            Kind.related: SKOS.relatedMatch,
        }.get(self)

    @classmethod
    def from_skos(cls, iri: str) -> Kind:
        """The kind of a SKOS mapping property IRI."""
        for kind in (cls.exact, cls.close, cls.related):
            if str(kind.skos) == str(iri):
                return kind
        return cls.none


def classify(s: Score) -> Kind:
    """The kind a score stands for."""
    conflict = s.quantity_conflict or s.entity_conflict or s.date_conflict
    if s.value >= EXACT and not conflict:
        return Kind.exact
    if s.value >= CLOSE and not conflict:
        return Kind.close
    if s.value >= RELATED or (conflict and s.wording >= CLOSE):
        return Kind.related
    return Kind.none


def same_claim(kind: Kind) -> bool:
    """True for the kinds that mean "the same claim" (exact and close)."""
    return kind in (Kind.exact, Kind.close)
