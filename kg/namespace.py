"""Typed vocabularies used by claimgraph.

Every term is declared, so a misspelt term fails at import time rather than producing a
silently wrong triple. ``tests/test_namespace.py`` checks that every ``CG`` term is defined in
``kg/ontology/claimgraph.ttl``.

>>> str(CG.Claim)
'https://w3id.org/claimgraph/ns#Claim'
>>> CG.Clam
Traceback (most recent call last):
...
AttributeError: term 'Clam' not in namespace 'https://w3id.org/claimgraph/ns#'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

__all__ = [
    "CG",
    "CGID",
    "DCTERMS",
    "OA",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SKOS",
    "WD",
    "XSD",
]

#: Where instance data lives: ``CGID["claim/..."]``, ``CGID["agent/..."]``.
CGID = Namespace("https://w3id.org/claimgraph/id/")

#: Wikidata entities, for ``owl:sameAs`` links.
WD = Namespace("http://www.wikidata.org/entity/")


class CG(DefinedNamespace):
    """The claimgraph ontology (``kg/ontology/claimgraph.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/claimgraph/ns#")

    # classes
    Claim: URIRef
    Statement: URIRef
    Span: URIRef
    Quantity: URIRef
    Role: URIRef
    Stance: URIRef
    Comparator: URIRef
    Extraction: URIRef
    StanceScheme: URIRef
    ComparatorScheme: URIRef
    # stances
    asserts: URIRef
    denies: URIRef
    disputes: URIRef
    supports: URIRef
    accuses: URIRef
    # comparators
    exactly: URIRef
    moreThan: URIRef
    atLeast: URIRef
    lessThan: URIRef
    atMost: URIRef
    approximately: URIRef
    # properties
    claim: URIRef
    stance: URIRef
    span: URIRef
    respondsTo: URIRef
    directQuote: URIRef
    reportingVerb: URIRef
    hedged: URIRef
    hedge: URIRef
    dateText: URIRef
    confidence: URIRef
    quantity: URIRef
    comparator: URIRef
    quantityText: URIRef
    timeText: URIRef
    role: URIRef
    roleOf: URIRef
    governmentOf: URIRef
    contentHash: URIRef
    extractor: URIRef
    # claim tracking (kg/track)
    MatchCandidate: URIRef
    MatchDecision: URIRef
    matchScore: URIRef
    matchStatus: URIRef
    decision: URIRef


class OA(DefinedNamespace):
    """The subset of the W3C Web Annotation vocabulary claimgraph uses."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef


#: Prefixes bound in every serialisation and prepended to every query.
PREFIXES: dict[str, str] = {
    "cg": str(CG._NS),
    "cgid": str(CGID),
    "schema": str(SDO),
    "prov": str(PROV),
    "oa": str(OA._NS),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "wd": str(WD),
}
