"""``kg export graphml`` / ``kg export gexf``: the claim network for Gephi and Cytoscape.

Nodes are claims, agents, sources (articles and pages known by URL) and reviews, keyed by IRI,
with the attributes ``kind`` (claim | agent | source | review), ``label``, ``slug`` and,
where known, ``agent_kind`` (person | organization | government), ``wikidata`` (QID), ``url``,
``rating``, ``author`` and ``date``. Edges run

- from a claimant to a claim: ``kind`` = its stance (asserts, denies, disputes, supports,
  accuses), ``stance``, ``statement`` (IRI) and ``quote`` (the exact span); a claim imported
  from a ClaimReview is asserted by its ``schema:author`` (no statement, no quote);
- from a claim to each source it is reported in (``reported-in``), to each agent it is about
  (``about``), and from a review to its claim (``reviews``, with ``rating``).

The projection is read from the store with the ``fmt-net-*`` queries; attributes are plain
strings so both formats carry them unchanged.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Literal

from kg.export.csv_tables import _labels, _pick, _rows, _s
from kg.fsutil import atomic_write, safe_child
from kg.ids import slug_of
from kg.namespace import CG, SDO, WD
from kg.store import Store
from kg.urls import is_web_url

__all__ = ["GEXF_NAME", "GRAPHML_NAME", "claim_network", "write_gexf", "write_graphml"]

GRAPHML_NAME = "claims.graphml"
GEXF_NAME = "claims.gexf"

_KINDS = {
    str(CG.Claim): ("claim", None),
    str(SDO.Person): ("agent", "person"),
    str(SDO.Organization): ("agent", "organization"),
    str(SDO.GovernmentOrganization): ("agent", "government"),
    str(SDO.NewsArticle): ("source", None),
    str(SDO.CreativeWork): ("source", None),
    str(SDO.ClaimReview): ("review", None),
}


def claim_network(store: Store, lang: str = "en") -> nx.MultiDiGraph:
    """The claim network of the store as a networkx MultiDiGraph keyed by IRI."""
    labels = _labels(store)
    g = nx.MultiDiGraph()
    for row in _rows(store, "fmt-net-nodes"):
        iri = _s(row["iri"])
        kind, agent_kind = _KINDS[_s(row["type"])]
        attrs = g.nodes[iri] if iri in g else {}
        attrs.update(
            kind=kind, slug=slug_of(iri), label=_pick(labels.get(iri), lang) or slug_of(iri)
        )
        if agent_kind:
            attrs["agent_kind"] = agent_kind
        if is_web_url(_s(row["url"])):  # stored before URLs were checked: left out
            attrs["url"] = _s(row["url"])
        same_as = _s(row["sameAs"])
        if same_as.startswith(str(WD)):
            attrs["wikidata"] = same_as[len(str(WD)) :]
        g.add_node(iri, **attrs)
    for row in _rows(store, "fmt-reviews"):
        review = _s(row["review"])
        g.add_node(
            review, label=_s(row["label"]), rating=_s(row["label"]), author=_s(row["author"])
        )
        if row["date"] is not None:
            g.nodes[review]["date"] = _s(row["date"])
        g.add_edge(
            review,
            _s(row["claim"]),
            key=f"reviews:{review}",
            kind="reviews",
            rating=_s(row["label"]),
        )
    for row in _rows(store, "fmt-csv-statements"):
        statement, claim, source = _s(row["statement"]), _s(row["claim"]), _s(row["source"])
        stance = _s(row["stance"]).rsplit("#", 1)[-1]
        g.add_edge(
            _s(row["claimant"]),
            claim,
            key=f"{statement}|{claim}",
            kind=stance,
            stance=stance,
            statement=statement,
            quote=_s(row["exact"]),
        )
        g.add_edge(claim, source, key=f"reported-in:{source}", kind="reported-in")
    for row in _rows(store, "fmt-net-links"):
        kind, a, b = _s(row["kind"]), _s(row["from"]), _s(row["to"])
        attrs = {"kind": kind, "stance": kind} if kind == "asserts" else {"kind": kind}
        g.add_edge(a, b, key=f"{kind}:{a}>{b}", **attrs)
    missing = [n for n, kind in g.nodes(data="kind") if kind is None]
    for node in missing:  # referenced but untyped (should not happen in a validated store)
        g.nodes[node].update(kind="other", slug=slug_of(node), label=slug_of(node))
    idle = [n for n, kind in g.nodes(data="kind") if kind == "agent" and g.degree(n) == 0]
    g.remove_nodes_from(idle)  # registry agents no claim in the store mentions
    return g


def _clean(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Attributes as plain strings (both writers need str/int/float/bool)."""
    for _n, data in g.nodes(data=True):
        for key, value in list(data.items()):
            data[key] = str(value) if isinstance(value, Literal) else value
    return g


def write_graphml(store: Store, folder: Path, lang: str = "en") -> Path:
    """Write ``folder/claims.graphml``."""
    path = safe_child(folder, GRAPHML_NAME)
    lines = nx.generate_graphml(_clean(claim_network(store, lang)), encoding="utf-8")
    atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def write_gexf(store: Store, folder: Path, lang: str = "en") -> Path:
    """Write ``folder/claims.gexf`` (GEXF 1.2)."""
    path = safe_child(folder, GEXF_NAME)
    lines = nx.generate_gexf(_clean(claim_network(store, lang)), encoding="utf-8")
    atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path
