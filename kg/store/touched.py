"""Which claims and claimants a named graph mentions: the summaries a write must recompute.

>>> from rdflib import Dataset, Literal
>>> from kg.namespace import CG, PROV, SKOS
>>> ds = Dataset()
>>> g = ds.graph(URIRef("urn:g"))
>>> _ = g.add((URIRef("urn:st"), CG.claim, URIRef("urn:c")))
>>> _ = g.add((URIRef("urn:st"), CG.stance, CG.asserts))
>>> _ = g.add((URIRef("urn:st"), PROV.wasAttributedTo, URIRef("urn:a")))
>>> touched_in(g)
({rdflib.term.URIRef('urn:c')}, {rdflib.term.URIRef('urn:a')})
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from kg.namespace import CG, PROV, SKOS
from kg.store.base import Results

__all__ = ["Touched", "touched_in", "touched_rows", "touched_statements"]

Touched = tuple[set[URIRef], set[URIRef]]


def touched_in(graph: Graph) -> Touched:
    """Claims and claimants of the statements in an rdflib graph, and its labelled agents."""
    claims = {o for o in graph.objects(None, CG.claim) if isinstance(o, URIRef)}
    agents = {
        o
        for s, o in graph.subject_objects(PROV.wasAttributedTo)
        if isinstance(o, URIRef) and (s, CG.stance, None) in graph
    }
    agents |= {s for s in graph.subjects(SKOS.prefLabel) if isinstance(s, URIRef)}  # as touched.rq
    return claims, agents


def touched_rows(results: Results) -> Touched:
    """The same, from the rows of ``kg/store/sparql/touched.rq``."""
    claims: set[URIRef] = set()
    agents: set[URIRef] = set()
    for kind, node in results:
        if isinstance(node, URIRef) and str(kind) != "statement":
            (claims if str(kind) == "claim" else agents).add(node)
    return claims, agents


def touched_statements(results: Results) -> set[URIRef]:
    """The statements among the rows of ``kg/store/sparql/touched.rq``."""
    return {n for kind, n in results if str(kind) == "statement" and isinstance(n, URIRef)}
