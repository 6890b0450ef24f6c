"""Claims: propositions, independent of who asserts or denies them."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field
from rdflib import URIRef

from kg.model._types import IRI, IRISet, LangMap, NonEmptyStr
from kg.namespace import CG, SDO
from kg.rdf import Node, Pred, RdfEnum

__all__ = ["Claim", "Comparator", "Quantity"]


class Comparator(RdfEnum):
    """How a stated number relates to the true one ("lebih dari 1.000" is ``more_than``)."""

    exactly = "exactly"
    more_than = "more-than"
    at_least = "at-least"
    less_than = "less-than"
    at_most = "at-most"
    approximately = "approximately"

    @classmethod
    def _iri_table(cls) -> dict[str, URIRef]:
        return {
            "exactly": CG.exactly,
            "more-than": CG.moreThan,
            "at-least": CG.atLeast,
            "less-than": CG.lessThan,
            "at-most": CG.atMost,
            "approximately": CG.approximately,
        }


class Quantity(BaseModel):
    """A number stated by a claim, with its comparator, unit and the words that said it."""

    model_config = ConfigDict(extra="forbid")
    rdf_types: ClassVar[tuple[URIRef, ...]] = (CG.Quantity,)

    value: Annotated[float, Pred(SDO.value), Field(allow_inf_nan=False)]
    comparator: Annotated[Comparator, Pred(CG.comparator)] = Comparator.exactly
    unit: Annotated[NonEmptyStr | None, Pred(SDO.unitText)] = None
    text: Annotated[NonEmptyStr | None, Pred(CG.quantityText)] = None


class Claim(Node):
    """A proposition such as "North Korea sent more than 1,000 containers ... to Russia".

    >>> c = Claim(id="https://w3id.org/claimgraph/id/claim/x", text={"en": "It rained."})
    >>> c.label()
    'It rained.'
    """

    model_config = ConfigDict(extra="forbid")
    rdf_types: ClassVar[tuple[URIRef, ...]] = (CG.Claim, SDO.Claim)

    id: IRI
    text: Annotated[LangMap, Pred(SDO.text), Field(min_length=1)]
    about: Annotated[IRISet, Pred(SDO.about, iri=True)] = Field(default_factory=list)
    quantities: Annotated[list[Quantity], Pred(CG.quantity)] = Field(default_factory=list)
    time: Annotated[NonEmptyStr | None, Pred(CG.timeText)] = None

    def label(self, lang: str = "en") -> str:
        """The claim text in ``lang``, else English, else any."""
        return self.text.get(lang) or self.text.get("en") or next(iter(self.text.values()))
