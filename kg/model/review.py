"""Reviews: a fact-checker's verdict on a claim (schema:ClaimReview)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field
from rdflib import URIRef

from kg.model._types import IRI, URL, IRISet, LangTag, NonEmptyStr
from kg.namespace import SDO
from kg.rdf import Node, Pred

__all__ = ["Rating", "Review"]


class Rating(BaseModel):
    """schema:Rating: a verdict label ("False") and optionally its place on a numeric scale."""

    model_config = ConfigDict(extra="forbid")
    rdf_types: ClassVar[tuple[URIRef, ...]] = (SDO.Rating,)

    label: Annotated[NonEmptyStr, Pred(SDO.alternateName)]
    value: Annotated[float | None, Pred(SDO.ratingValue), Field(allow_inf_nan=False)] = None
    best: Annotated[float | None, Pred(SDO.bestRating), Field(allow_inf_nan=False)] = None
    worst: Annotated[float | None, Pred(SDO.worstRating), Field(allow_inf_nan=False)] = None


class Review(Node):
    """A fact-checker's review of one claim."""

    model_config = ConfigDict(extra="forbid")
    rdf_types: ClassVar[tuple[URIRef, ...]] = (SDO.ClaimReview,)

    id: IRI
    claim: Annotated[IRI, Pred(SDO.itemReviewed, iri=True)]
    rating: Annotated[Rating, Pred(SDO.reviewRating)]
    #: The reviewer's name as text (several authors: their names joined by ", ").
    author: Annotated[NonEmptyStr, Pred(SDO.author)]
    url: Annotated[URL | None, Pred(SDO.url, iri=True)] = None
    #: A date, or a date-time when the publisher gave one (kept as written, with its offset).
    date: Annotated[dt.datetime | dt.date | None, Pred(SDO.datePublished)] = None
    #: The reviewing organisations and people as agents (schema:creator, schema.org's
    #: synonym of author), with their url, sameAs and @id.
    reviewers: Annotated[IRISet, Pred(SDO.creator, iri=True)] = Field(default_factory=list)
    #: The review's own title (schema:name) and licence, as the fact-checker wrote them.
    name: Annotated[NonEmptyStr | None, Pred(SDO.name)] = None
    license: Annotated[URL | None, Pred(SDO.license, iri=True)] = None
    language: Annotated[LangTag | None, Pred(SDO.inLanguage)] = None
