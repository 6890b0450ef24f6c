"""SHACL checks of new triples that point at resources held elsewhere in the store.

A review, or an imported ClaimReview, refers to claims and agents that live in other named
graphs. The new graph is validated together with the rdf:type of every resource it refers
to, and only the resources it describes are validated (their referents were validated when
they were written).
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from kg.errors import ValidationError
from kg.namespace import RDF
from kg.queries import load_query
from kg.store import Store
from kg.validate import report_message, validate

__all__ = ["check_new_graph", "referenced", "type_context"]


def referenced(graph: Graph) -> list[URIRef]:
    """IRIs used as objects in ``graph`` but not described in it."""
    subjects = set(graph.subjects())
    return sorted(
        {o for o in graph.objects() if isinstance(o, URIRef) and o not in subjects}
        - {o for _s, p, o in graph if p == RDF.type}
    )


def type_context(store: Store, iris: list[URIRef]) -> Graph:
    """The rdf:type triples of resources held in the store."""
    out = Graph()
    query = load_query("fmt-types").text
    for iri in iris:
        for (rdf_type,) in store.select(query, {"iri": iri}):
            out.add((iri, RDF.type, rdf_type))  # type: ignore[arg-type]
    return out


def check_new_graph(graph: Graph, context: Graph, label: str) -> None:
    """Raise ValidationError unless the resources described in ``graph`` conform."""
    focus: list[URIRef] = sorted({s for s in graph.subjects() if isinstance(s, URIRef)})
    if not focus:
        return
    conforms, report = validate(graph + context, focus)
    if conforms:
        return
    raise ValidationError(report_message(report, label))
