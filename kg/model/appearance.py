"""What a published ClaimReview says about a claim beyond its text, and pages known by URL.

Imported ClaimReviews have no article text, so they cannot carry a Statement (whose span must
be found in its source's text). What they do say is kept with schema.org's own Claim
properties: who made the claim (``schema:author``), when (``schema:datePublished``) and where
it appeared (``schema:appearance`` / ``schema:firstAppearance``), pointing at a
:class:`WebPage` known only by its URL (a ``schema:CreativeWork``, not a NewsArticle).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import ConfigDict, Field
from rdflib import URIRef

from kg.model._types import IRI, URL, IRISet, NonEmptyStr
from kg.namespace import SDO
from kg.rdf import Node, Pred

__all__ = ["ClaimContext", "WebPage"]


class WebPage(Node):
    """A page a claim appeared on, known by its URL (and perhaps a title and date) only."""

    model_config = ConfigDict(extra="forbid")
    rdf_types: ClassVar[tuple[URIRef, ...]] = (SDO.CreativeWork,)

    id: IRI
    url: Annotated[URL, Pred(SDO.url, iri=True)]
    title: Annotated[NonEmptyStr | None, Pred(SDO.headline)] = None
    date: Annotated[dt.datetime | dt.date | None, Pred(SDO.datePublished)] = None


class ClaimContext(Node):
    """Extra schema.org facts about a claim (``id`` is the claim's IRI); adds no rdf:type."""

    model_config = ConfigDict(extra="forbid")

    id: IRI
    authors: Annotated[IRISet, Pred(SDO.author, iri=True)] = Field(default_factory=list)
    date: Annotated[dt.datetime | dt.date | None, Pred(SDO.datePublished)] = None
    appearances: Annotated[IRISet, Pred(SDO.appearance, iri=True)] = Field(default_factory=list)
    first_appearance: Annotated[IRI | None, Pred(SDO.firstAppearance, iri=True)] = None
