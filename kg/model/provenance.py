"""Provenance of machine-extracted statements: the extraction run (a prov:Activity)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import ConfigDict
from rdflib import URIRef

from kg.model._types import IRI, NonEmptyStr
from kg.namespace import CG, PROV
from kg.rdf import Node, Pred

__all__ = ["ExtractionRun"]


class ExtractionRun(Node):
    """One run of an extractor over one source; its statements point here (wasGeneratedBy)."""

    model_config = ConfigDict(extra="forbid")
    rdf_types: ClassVar[tuple[URIRef, ...]] = (CG.Extraction, PROV.Activity)

    id: IRI
    extractor: Annotated[NonEmptyStr, Pred(CG.extractor)]
    used: Annotated[IRI, Pred(PROV.used, iri=True)]
