"""Statements: one agent taking a stance on claims in a source, anchored to a span."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator
from rdflib import URIRef

from kg.model._types import IRI, IRISet, NonEmptyStr
from kg.namespace import CG, DCTERMS, OA, PROV
from kg.rdf import Node, Pred, RdfEnum

__all__ = ["Span", "Stance", "Statement", "TextPosition", "TextQuote"]


class Stance(RdfEnum):
    """The stance a statement takes on its claims."""

    asserts = "asserts"
    denies = "denies"
    disputes = "disputes"
    supports = "supports"
    accuses = "accuses"

    @classmethod
    def _iri_table(cls) -> dict[str, URIRef]:
        return {
            "asserts": CG.asserts,
            "denies": CG.denies,
            "disputes": CG.disputes,
            "supports": CG.supports,
            "accuses": CG.accuses,
        }


class TextQuote(BaseModel):
    """oa:TextQuoteSelector: the exact text with a little context either side."""

    model_config = ConfigDict(extra="forbid")
    rdf_types: ClassVar[tuple[URIRef, ...]] = (OA.TextQuoteSelector,)

    exact: Annotated[str, Pred(OA.exact), Field(min_length=1)]
    prefix: Annotated[str | None, Pred(OA.prefix)] = None
    suffix: Annotated[str | None, Pred(OA.suffix)] = None


class TextPosition(BaseModel):
    """oa:TextPositionSelector: code-point offsets into the source text, end exclusive."""

    model_config = ConfigDict(extra="forbid")
    rdf_types: ClassVar[tuple[URIRef, ...]] = (OA.TextPositionSelector,)

    start: Annotated[int, Pred(OA.start), Field(ge=0)]
    end: Annotated[int, Pred(OA.end), Field(ge=1)]

    @model_validator(mode="after")
    def _ordered(self) -> TextPosition:
        if self.end <= self.start:
            raise ValueError("span end must be after its start")
        return self


class Span(BaseModel):
    """The part of a source that carries a statement (an oa:SpecificResource)."""

    model_config = ConfigDict(extra="forbid")
    rdf_types: ClassVar[tuple[URIRef, ...]] = (CG.Span, OA.SpecificResource)

    source: Annotated[IRI, Pred(OA.hasSource, iri=True)]
    quote: Annotated[TextQuote, Pred(OA.hasSelector)]
    position: Annotated[TextPosition, Pred(OA.hasSelector)]

    @model_validator(mode="after")
    def _lengths_agree(self) -> Span:
        if self.position.end - self.position.start != len(self.quote.exact):
            raise ValueError("span offsets do not match the length of its exact text")
        return self

    @classmethod
    def locate(cls, source: IRI, text: str, start: int, end: int, context: int = 32) -> Span:
        """The span ``text[start:end]`` of a source, with ``context`` characters around it.

        >>> s = Span.locate("https://example.org/a", "Putin said so.", 0, 5)
        >>> s.quote.exact, s.quote.suffix
        ('Putin', ' said so.')
        """
        return cls(
            source=source,
            quote=TextQuote(
                exact=text[start:end],
                prefix=text[max(0, start - context) : start] or None,
                suffix=text[end : end + context] or None,
            ),
            position=TextPosition(start=start, end=end),
        )


class Statement(Node):
    """One agent's stance on one or more claims, in one source.

    "The US claims X; North Korea and the Kremlin deny X" is one claim with three statements.
    An unattributed report is a statement whose claimant is the source itself.
    """

    model_config = ConfigDict(extra="forbid")
    rdf_types: ClassVar[tuple[URIRef, ...]] = (CG.Statement,)

    id: IRI
    claims: Annotated[IRISet, Pred(CG.claim, iri=True), Field(min_length=1)]
    claimant: Annotated[IRI, Pred(PROV.wasAttributedTo, iri=True)]
    stance: Annotated[Stance, Pred(CG.stance)]
    source: Annotated[IRI, Pred(PROV.wasDerivedFrom, iri=True)]
    span: Annotated[Span, Pred(CG.span)]
    quote: Annotated[bool, Pred(CG.directQuote)] = False
    verb: Annotated[NonEmptyStr | None, Pred(CG.reportingVerb)] = None
    hedged: Annotated[bool, Pred(CG.hedged)] = False
    hedge: Annotated[NonEmptyStr | None, Pred(CG.hedge)] = None
    date: Annotated[dt.date | None, Pred(DCTERMS.date)] = None
    date_text: Annotated[NonEmptyStr | None, Pred(CG.dateText)] = None
    responds_to: Annotated[IRISet, Pred(CG.respondsTo, iri=True)] = Field(default_factory=list)
    confidence: Annotated[
        float | None, Pred(CG.confidence), Field(ge=0.0, le=1.0, allow_inf_nan=False)
    ] = None
    generated_by: Annotated[IRI | None, Pred(PROV.wasGeneratedBy, iri=True)] = None

    @property
    def attributed(self) -> bool:
        """False when no one but the article itself makes the statement."""
        return self.claimant != self.source

    @model_validator(mode="after")
    def _span_in_source(self) -> Statement:
        if self.span.source != self.source:
            raise ValueError("the span must select text of the statement's own source")
        return self
