"""Stable IRIs for everything claimgraph mints, derived from curated slugs.

Building twice gives the same IRIs, so two builds give isomorphic graphs.

>>> agent_iri("united-states")
rdflib.term.URIRef('https://w3id.org/claimgraph/id/agent/united-states')
>>> statement_iri("eae76bf788f95f59", "us-containers-claim").split("/id/")[1]
'statement/eae76bf788f95f59/us-containers-claim'
"""

from __future__ import annotations

from rdflib import URIRef

from kg.namespace import CGID, WD

__all__ = [
    "AGENTS_GRAPH",
    "KEPT_CLAIMS_GRAPH",
    "agent_iri",
    "claim_iri",
    "graph_iri",
    "review_iri",
    "slug_of",
    "source_iri",
    "statement_iri",
    "wikidata_iri",
]

#: The named graph holding the shared agent registry (kg/data/agents.yaml).
AGENTS_GRAPH = CGID["graph/agents"]
#: The named graph keeping claims whose article was replaced or retracted while statements or
#: reviews in other graphs still point at them (kg/imports/replace.py).
KEPT_CLAIMS_GRAPH = CGID["graph/kept-claims"]


def source_iri(source: str) -> URIRef:
    """The IRI of a source article."""
    return CGID[f"source/{source}"]


def graph_iri(source: str) -> URIRef:
    """The named graph holding everything one source contributes."""
    return CGID[f"graph/{source}"]


def claim_iri(claim: str) -> URIRef:
    """Claims are global: the same slug in two claim files is the same claim."""
    return CGID[f"claim/{claim}"]


def statement_iri(source: str, statement: str) -> URIRef:
    """Statements belong to one source."""
    return CGID[f"statement/{source}/{statement}"]


def agent_iri(agent: str) -> URIRef:
    """Agents are global and shared by every source."""
    return CGID[f"agent/{agent}"]


def review_iri(review: str) -> URIRef:
    """A fact-checker's review."""
    return CGID[f"review/{review}"]


def wikidata_iri(qid: str) -> URIRef:
    """The Wikidata entity IRI of a QID."""
    return WD[qid]


def slug_of(iri: str) -> str:
    """The last path segment of a claimgraph IRI.

    >>> slug_of("https://w3id.org/claimgraph/id/statement/abc/us-claim")
    'us-claim'
    """
    return iri.rstrip("/").rsplit("/", 1)[-1]
