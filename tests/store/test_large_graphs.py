"""A named graph of more than a few thousand triples is written whole on every backend.

Virtuoso's SPARQL parser runs out of stack on one ``INSERT DATA`` of about 5,000 triples
("SP030: memory exhausted"): the match candidates' graph outgrew that after some dozens of
seed-shaped articles and every later ingest into Virtuoso failed. Writes now insert the data a
block at a time, in the same request.
"""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.store.base import Store

GRAPH = URIRef("https://w3id.org/claimgraph/id/graph/large")


def test_a_graph_of_twelve_thousand_triples_is_written_whole(store: Store) -> None:
    triples = [
        (URIRef(f"https://w3id.org/claimgraph/id/x/{i}"), URIRef("urn:p"), Literal(f"v {i}"))
        for i in range(12_000)
    ]
    store.replace_graph_triples(GRAPH, triples)
    rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH $g { ?s ?p ?o } }", {"g": GRAPH})
    assert int(rows.rows[0][0]) == 12_000  # type: ignore[arg-type]
    store.add_triples(GRAPH, [(URIRef("urn:one-more"), URIRef("urn:p"), Literal("x"))])
    rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH $g { ?s ?p ?o } }", {"g": GRAPH})
    assert int(rows.rows[0][0]) == 12_001  # type: ignore[arg-type]
