"""A bundle: everything one source contributes to the graph, kept in one named graph."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field
from rdflib import Dataset, URIRef

from kg.ids import graph_iri, slug_of
from kg.model.agent import Agent
from kg.model.claim import Claim
from kg.model.provenance import ExtractionRun
from kg.model.review import Review
from kg.model.source import Source
from kg.model.statement import Stance, Statement
from kg.rdf import Node, Triple, to_triples

__all__ = ["Bundle"]


class Bundle(BaseModel):
    """One source with the agents only it knows, its claims, statements and reviews."""

    model_config = ConfigDict(extra="forbid")

    source: Source
    agents: list[Agent] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    reviews: list[Review] = Field(default_factory=list)
    runs: list[ExtractionRun] = Field(default_factory=list)

    @property
    def graph(self) -> URIRef:
        """The IRI of this bundle's named graph."""
        return graph_iri(slug_of(self.source.id))

    def nodes(self) -> Iterator[Node]:
        """Every resource of the bundle, source first."""
        yield self.source
        yield from self.agents
        yield from self.claims
        yield from self.statements
        yield from self.reviews
        yield from self.runs

    def triples(self) -> Iterator[Triple]:
        """Every triple of the bundle's named graph (duplicates possible)."""
        for node in self.nodes():
            yield from to_triples(node)

    def add_to(self, dataset: Dataset) -> None:
        """Write the bundle into its named graph of ``dataset``."""
        graph = dataset.graph(self.graph)
        for node in self.nodes():
            for triple in to_triples(node):
                graph.add(triple)

    @property
    def machine_extracted(self) -> bool:
        """True when an extractor, not a curator, produced the statements."""
        return bool(self.runs)

    def denials(self) -> list[Statement]:
        """Statements that deny a claim."""
        return [s for s in self.statements if s.stance is Stance.denies]
