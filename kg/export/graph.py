"""The claim graph as networkx: a projection of the browsing view, and its analytics.

Nodes are claims, agents, sources and reviews; edges run from a claimant to a claim (its stance:
asserts, denies, disputes, supports, accuses), from a claim to each source it is reported in
(``reported-in``), from a claim to each agent it is about (``about``) and from a review to its
claim (``reviews``). Attributes are plain str/int/float so that GraphML and GEXF can hold them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from kg.errors import InputError
from kg.stance import VERBS
from kg.view.model import View

__all__ = [
    "EDGE_KINDS",
    "NODE_KINDS",
    "STANCES",
    "Analytics",
    "analytics",
    "around",
    "find_node",
    "to_networkx",
]

NODE_KINDS = ("claim", "agent", "source", "review")
STANCES = VERBS
EDGE_KINDS = (*STANCES, "reported-in", "about", "reviews")


def to_networkx(view: View, lang: str = "en") -> nx.MultiDiGraph:
    """Project ``view`` onto a MultiDiGraph keyed by IRI, ``kind`` and ``label`` on each node."""
    g = nx.MultiDiGraph()
    for iri, src in view.sources.items():
        g.add_node(iri, kind="source", label=src.title, slug=src.slug, names=src.title)
    for iri, agent in view.agents.items():
        g.add_node(
            iri,
            kind="agent",
            label=agent.label(lang),
            slug=agent.slug,
            agent_kind=agent.kind,
            names=" | ".join(agent.names()),
        )
    for iri, claim in view.claims.items():
        g.add_node(
            iri,
            kind="claim",
            label=claim.label(lang),
            slug=claim.slug,
            names=" | ".join(claim.text[k] for k in sorted(claim.text)),
        )
        for about in claim.about:
            if about in view.agents:
                g.add_edge(iri, about, key=f"about:{about}", kind="about")
    for iri, review in view.reviews.items():
        g.add_node(iri, kind="review", label=review.rating or review.slug, slug=review.slug)
        if review.claim in view.claims:
            g.add_edge(iri, review.claim, key=f"reviews:{iri}", kind="reviews")
    for iri, st in view.statements.items():
        for target in st.claims:
            if target not in view.claims or st.claimant not in g:
                continue
            g.add_edge(st.claimant, target, key=iri, kind=st.stance, statement=iri)
            if st.source in g and not g.has_edge(target, st.source, key="reported-in"):
                g.add_edge(target, st.source, key="reported-in", kind="reported-in")
    idle = [n for n, kind in g.nodes(data="kind") if kind == "agent" and g.degree(n) == 0]
    g.remove_nodes_from(idle)  # registry agents no claim in the store mentions
    return g


def find_node(g: nx.MultiDiGraph, view: View, name: str) -> str:
    """The node named by an IRI, a slug, or any label, alias or claim text (case-insensitive)."""
    if name in g:
        return name
    wanted = name.strip().casefold()
    for iri, data in g.nodes(data=True):
        if data.get("slug", "").casefold() == wanted:
            return str(iri)
    for iri, data in g.nodes(data=True):
        names = [n.casefold() for n in str(data.get("names", "")).split(" | ")]
        if wanted in names or str(data.get("label", "")).casefold() == wanted:
            return str(iri)
    raise InputError(f"{name!r}: no claim, agent or source with that IRI, slug or label")


def around(g: nx.MultiDiGraph, view: View, name: str, depth: int = 1) -> nx.MultiDiGraph:
    """The neighbourhood of ``name`` within ``depth`` hops, edges taken in either direction."""
    if depth < 0:
        raise InputError(f"--depth must be 0 or more, not {depth}")
    centre = find_node(g, view, name)
    keep = nx.ego_graph(g.to_undirected(as_view=True), centre, radius=depth).nodes
    return g.subgraph(keep).copy()


@dataclass(frozen=True)
class Analytics:
    """What the index page shows beside the list of claims."""

    contested: list[tuple[str, int]]
    mutual_deniers: list[tuple[str, str, list[str], bool]]
    single_source: list[str]


def analytics(g: nx.MultiDiGraph, top: int = 10) -> Analytics:
    """Most-contested claims, agents who deny one another's claims, claims on a single source.

    ``contested``: (claim, number of distinct denying agents), most first.
    ``mutual_deniers``: (denier, asserter, claims, both ways) for each agent who denies a claim
    another agent asserts; ``both ways`` when each denies a claim of the other.
    ``single_source``: claims reported in exactly one source.
    """
    deniers: dict[str, set[str]] = defaultdict(set)
    asserters: dict[str, set[str]] = defaultdict(set)
    for u, v, data in g.edges(data=True):
        if data.get("kind") == "denies":
            deniers[v].add(u)
        elif data.get("kind") in ("asserts", "supports", "accuses"):
            asserters[v].add(u)
    contested = sorted(
        ((c, len(d)) for c, d in deniers.items()), key=lambda item: (-item[1], item[0])
    )[:top]
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for claim, who in deniers.items():
        for denier in who:
            for asserter in asserters.get(claim, ()):
                if asserter != denier:
                    pairs[(denier, asserter)].append(claim)
    mutual = [(d, a, sorted(claims), (a, d) in pairs) for (d, a), claims in sorted(pairs.items())]
    single = sorted(
        n
        for n, data in g.nodes(data=True)
        if data.get("kind") == "claim"
        and sum(1 for _, _, k in g.out_edges(n, data="kind") if k == "reported-in") == 1
    )
    return Analytics(contested=contested, mutual_deniers=mutual, single_source=single)
