"""The SPARQL 1.1 Service Description of ``/sparql`` (``GET /sparql`` without a query) and the
RDF formats CONSTRUCT and DESCRIBE answers (and the description) are written in."""

from __future__ import annotations

from rdflib import BNode, Graph, Namespace, URIRef

from kg.namespace import RDF

__all__ = ["GRAPH_FORMATS", "GRAPH_OFFERS", "RESULT_FORMAT_IRIS", "service_description"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

#: Media type -> (rdflib format, response media type), in the server's order of preference.
GRAPH_FORMATS: dict[str, tuple[str, str]] = {
    "text/turtle": ("turtle", "text/turtle; charset=utf-8"),
    "application/ld+json": ("json-ld", "application/ld+json"),
    "application/n-triples": ("nt", "application/n-triples"),
    "application/rdf+xml": ("xml", "application/rdf+xml"),
    "application/x-turtle": ("turtle", "text/turtle; charset=utf-8"),
    "application/turtle": ("turtle", "text/turtle; charset=utf-8"),
    "application/json": ("json-ld", "application/ld+json"),
    "text/plain": ("nt", "application/n-triples"),
}
GRAPH_OFFERS = list(GRAPH_FORMATS)
#: ``format=`` / ``output=`` short names for graphs.
GRAPH_SHORT = {
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "json-ld": "application/ld+json",
    "jsonld": "application/ld+json",
    "json": "application/ld+json",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "xml": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
}
RESULT_FORMAT_IRIS = (
    FORMATS.SPARQL_Results_JSON,
    FORMATS.SPARQL_Results_XML,
    FORMATS.SPARQL_Results_CSV,
    FORMATS.SPARQL_Results_TSV,
    FORMATS.Turtle,
    FORMATS["JSON-LD"],
    FORMATS["N-Triples"],
    FORMATS.RDF_XML,
)


def service_description(endpoint: str, union: bool = True) -> Graph:
    """What the endpoint is: SPARQL 1.1 Query only (no update), the result formats it
    writes, and (``union``) a default graph that is the union of the named graphs."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    service = BNode("service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if union:
        graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in RESULT_FORMAT_IRIS:
        graph.add((service, SD.resultFormat, fmt))
    dataset = BNode("dataset")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default = BNode("default")
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    return graph
