"""GraphML and GEXF for Gephi and Cytoscape: node kinds and edge stances as attributes."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.export.graph_files import claim_network, write_gexf, write_graphml
from kg.ids import agent_iri, claim_iri
from kg.store import EmbeddedStore


def _nodes(g: nx.Graph) -> dict[str, dict[str, object]]:
    return {n: {k: v for k, v in d.items() if k not in ("id",)} for n, d in g.nodes(data=True)}


def _edges(g: nx.Graph) -> set[tuple[str, str, frozenset[tuple[str, object]]]]:
    return {
        (u, v, frozenset((k, x) for k, x in d.items() if k not in ("id", "label")))
        for u, v, d in g.edges(data=True)
    }


def test_network_kinds_and_stances(reviewed: EmbeddedStore) -> None:
    g = claim_network(reviewed)
    kinds = {d["kind"] for _n, d in g.nodes(data=True)}
    assert kinds == {"claim", "agent", "source", "review"}
    us = g.nodes[str(agent_iri("united-states"))]
    assert us["agent_kind"] == "government" and us["wikidata"] == "Q30"
    shipped = str(claim_iri("containers-shipped"))
    stances = sorted(d["stance"] for _u, _v, d in g.in_edges(shipped, data=True) if "stance" in d)
    assert stances == ["asserts", "denies", "denies"]
    assert sum(1 for _u, _v, d in g.in_edges(shipped, data=True) if d["kind"] == "reviews") == 2


def test_graphml_round_trip(reviewed: EmbeddedStore, tmp_path: Path) -> None:
    g = claim_network(reviewed)
    back = nx.read_graphml(write_graphml(reviewed, tmp_path), force_multigraph=True)
    assert _nodes(back) == _nodes(g)
    assert _edges(back) == _edges(g)
    assert back.number_of_edges() == g.number_of_edges()


def test_gexf_round_trip(reviewed: EmbeddedStore, tmp_path: Path) -> None:
    g = claim_network(reviewed)
    back = nx.read_gexf(write_gexf(reviewed, tmp_path))
    assert _nodes(back) == _nodes(g)
    assert _edges(back) == _edges(g)
    assert back.number_of_edges() == g.number_of_edges()
