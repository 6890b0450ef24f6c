"""``kg check``'s SHACL part on every backend: the data of each batch of graphs comes from the
store as N-Triples (``Store.ntriples``), whatever the server answers a CONSTRUCT with."""

from __future__ import annotations

from rdflib import Dataset

from kg.integrity import check_store
from kg.shacl_store import shacl_problems
from kg.store.base import Store

OA = "http://www.w3.org/ns/oa#"
CG = "https://w3id.org/claimgraph/ns#"


def test_a_sound_store_passes_and_a_broken_graph_is_named(store: Store, dataset: Dataset) -> None:
    store.replace_graphs(dataset)
    assert shacl_problems(store) == []
    assert check_store(store) == []
    article = next(
        g.identifier
        for g in dataset.graphs()
        if (None, None, None) in g and "agents" not in str(g.identifier)
    )
    graph = dataset.graph(article)
    broken = Dataset()
    target = broken.graph(article)
    for s, p, o in graph:
        if str(p) != CG + "hedged":  # every statement loses a required property
            target.add((s, p, o))
    store.replace_graphs(broken, [article])  # type: ignore[list-item]
    found = shacl_problems(store)
    assert [str(g.graph) for g in found] == [str(article)]
    assert all(str(v.path) == CG + "hedged" for v in found[0].violations)
