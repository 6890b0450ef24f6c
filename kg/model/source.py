"""Sources: the articles statements are found in, with their full text."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated, ClassVar

from pydantic import ConfigDict, Field, model_validator
from rdflib import URIRef

from kg.model._types import IRI, URL, LangTag, NonEmptyStr
from kg.namespace import CG, PROV, SDO
from kg.rdf import Node, Pred

__all__ = ["Source", "content_hash"]


def content_hash(text: str) -> str:
    """``sha256:<hex>`` of the UTF-8 text.

    >>> content_hash("abc")[:15]
    'sha256:ba7816bf'
    """
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


class Source(Node):
    """A news article. It is also a ``prov:Agent``: an article asserts what no one else does."""

    model_config = ConfigDict(extra="forbid")
    rdf_types: ClassVar[tuple[URIRef, ...]] = (SDO.NewsArticle, PROV.Entity, PROV.Agent)

    id: IRI
    title: Annotated[NonEmptyStr, Pred(SDO.headline)]
    language: Annotated[LangTag, Pred(SDO.inLanguage)]
    text: Annotated[str, Pred(SDO.text), Field(min_length=1)]
    content_hash: Annotated[str, Pred(CG.contentHash), Field(pattern=r"^sha256:[0-9a-f]{64}$")]
    author: Annotated[NonEmptyStr | None, Pred(SDO.author)] = None
    publisher: Annotated[NonEmptyStr | None, Pred(SDO.publisher)] = None
    date: Annotated[dt.date | None, Pred(SDO.datePublished)] = None
    url: Annotated[URL | None, Pred(SDO.url, iri=True)] = None

    @model_validator(mode="after")
    def _hash_matches_text(self) -> Source:
        if self.content_hash != content_hash(self.text):
            raise ValueError("content_hash does not match the text")
        return self
