"""Stories: groups of claims joined by shared agents and sources (Louvain communities).

Communities come from igraph's multilevel (Louvain) method, written in C: on 5,000 claims it
takes a few hundredths of a second where networkx's ``louvain_communities`` took about two.

The graph page can collapse each story into one node (vis-network clustering), so a graph of
thousands of claims opens as a few dozen groups. Each story gets a position (its members'
centre, moved apart so that no two collapsed stories overlap) and a label: its most connected
claim and its size.
"""

from __future__ import annotations

import random
import threading
from collections import defaultdict
from dataclasses import dataclass

import igraph
import networkx as nx

from kg.export.overlap import label_box, remove_overlaps

__all__ = ["Story", "stories"]

#: Edge weights: claims that share a source or an agent belong together more than "about".
_WEIGHTS = {"about": 0.5, "reported-in": 1.0}


#: igraph's random number generator is global to the process: one seeded run at a time.
_RNG_LOCK = threading.Lock()


def _edge_weights(g: nx.MultiDiGraph) -> dict[tuple[str, str], float]:
    """Weight of each undirected pair of distinct nodes: the sum of its edges' weights."""
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for u, v, kind in g.edges(data="kind"):
        if u != v:
            pair = (str(u), str(v)) if str(u) < str(v) else (str(v), str(u))
            weights[pair] += _WEIGHTS.get(str(kind), 2.0)
    return weights


def _weighted_degree(weights: dict[tuple[str, str], float]) -> dict[str, float]:
    degree: dict[str, float] = defaultdict(float)
    for (u, v), w in weights.items():
        degree[u] += w
        degree[v] += w
    return degree


def _louvain(nodes: list[str], weights: dict[tuple[str, str], float], seed: int) -> list[list[str]]:
    """Louvain communities (igraph's multilevel method, in C), deterministic for ``seed``."""
    index = {v: i for i, v in enumerate(nodes)}
    graph = igraph.Graph(
        n=len(nodes),
        edges=[(index[u], index[v]) for u, v in weights],
        edge_attrs={"weight": list(weights.values())},
    )
    with _RNG_LOCK:
        igraph.set_random_number_generator(random.Random(seed))  # noqa: S311 (layout, not secrets)
        try:
            found = graph.community_multilevel(weights="weight")
        finally:
            igraph.set_random_number_generator(random)
    return [[nodes[i] for i in community] for community in found]


@dataclass(frozen=True)
class Story:
    """One group of nodes, with where its collapsed node is drawn."""

    members: list[str]
    claims: int
    label: str
    x: float
    y: float


def stories(g: nx.MultiDiGraph, pos: dict[str, tuple[float, float]], seed: int = 7) -> list[Story]:
    """Every node of ``g`` in exactly one story of at least two nodes (isolated nodes share one).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("c1", kind="claim", label="One"); g.add_node("a", kind="agent", label="A")
    >>> g.add_node("c2", kind="claim", label="Two")
    >>> _ = g.add_edge("a", "c1", kind="asserts"), g.add_edge("a", "c2", kind="denies")
    >>> [s.members for s in stories(g, {"c1": (0, 0), "a": (1, 0), "c2": (2, 0)})]
    [['a', 'c1', 'c2']]
    """
    nodes = [str(v) for v in g.nodes]
    weights = _edge_weights(g)
    found = _louvain(nodes, weights, seed)
    degree = _weighted_degree(weights)
    groups = [sorted(map(str, c)) for c in found]
    alone = sorted(m for c in groups if len(c) == 1 for m in c)
    groups = [c for c in groups if len(c) > 1]
    if len(alone) > 1:
        groups.append(alone)
    elif alone:  # one isolated node joins the first story
        if groups:
            groups[0] = sorted([*groups[0], *alone])
        else:
            groups = [alone]
    groups.sort(key=lambda c: (-len(c), c[0]))
    labels, boxes, centres = {}, {}, {}
    for i, members in enumerate(groups):
        claims = [m for m in members if g.nodes[m].get("kind") == "claim"]
        top = max(claims or members, key=lambda m: (degree[m], m))
        text = str(g.nodes[top].get("label", ""))
        text = text if len(text) <= 40 else text[:39] + "…"
        labels[str(i)] = f"{len(claims)} claims · {text}"
        boxes[str(i)] = label_box("dot", labels[str(i)], size=16)
        centres[str(i)] = (
            sum(pos[m][0] for m in members) / len(members),
            sum(pos[m][1] for m in members) / len(members),
        )
    placed = remove_overlaps(centres, boxes)
    counts: dict[int, int] = defaultdict(int)
    for i, members in enumerate(groups):
        counts[i] = sum(1 for m in members if g.nodes[m].get("kind") == "claim")
    return [
        Story(members, counts[i], labels[str(i)], placed[str(i)][0], placed[str(i)][1])
        for i, members in enumerate(groups)
    ]
