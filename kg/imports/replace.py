"""The one way every write path replaces or retracts named graphs: claims are kept while
another graph points at them.

An article's graph describes the claims it made; statements of later articles may point at
them (:mod:`kg.track.link` links an exact match to the stored claim), and so may reviews.
Replacing or retracting the graph, by any path (``kg ingest``, ``kg retract``, ``kg import``,
``kg build``, the served Graph Store ``PUT``/``DELETE``), must not leave those statements
pointing at nothing, and must not give the claim IRI other texts. So, before a graph is
replaced or dropped, :func:`keep_claims` copies the description of every claim of it that a
statement or review in another graph points at, and that its new version does not describe
again, into the kept-claims graph (``…/id/graph/kept-claims``); :func:`prune_kept` removes
kept claims nothing points at any more. A new version that describes such a claim with other
texts than the old one (``schema:text``) is refused with one line, before anything is written:
the other graphs' statements would say something else. (Extracted claim IRIs are named after
their text, :func:`kg.ingest.mapping.claim_slug`, so a re-ingest never trips this.)

The copy is its own transaction, written before the replace or drop: a kill between the two
leaves a claim described twice (harmless), never a claim gone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.term import Node

from kg.errors import InputError
from kg.ids import KEPT_CLAIMS_GRAPH
from kg.namespace import CG, RDF, SDO
from kg.queries import load_query
from kg.store import EmbeddedStore, Store
from kg.store.base import TripleIn, graphs_to_write
from kg.store.terms import from_ox
from kg.values import is_true

__all__ = [
    "keep_claims",
    "prune_kept",
    "replace_graph_lines",
    "replace_graph_triples",
    "replace_graphs",
    "retract_graph",
]


def _described(triples: Iterable[TripleIn]) -> dict[str, set[Node]]:
    """The claims ``triples`` describe (typed ``cg:Claim``), with their texts."""
    claims: set[str] = set()
    texts: dict[str, set[Node]] = {}
    for s, p, o in triples:
        if p == RDF.type and o == CG.Claim:
            claims.add(str(s))
        elif p == SDO.text:
            texts.setdefault(str(s), set()).add(o)
    return {c: texts.get(c, set()) for c in claims}


def _pointed_at(store: Store, graph: URIRef) -> list[tuple[TripleIn, bool]]:
    """The description of every claim of ``graph`` another graph points at: each triple, and
    whether another graph holds it too."""
    if graph == KEPT_CLAIMS_GRAPH:
        return []
    return [
        ((s, p, o), is_true(elsewhere))
        for s, p, o, elsewhere in store.select(load_query("keep-claims-of").text, {"graph": graph})
        if s is not None and p is not None and o is not None
    ]


def _refuse_other_texts(
    graph: URIRef, old: list[tuple[TripleIn, bool]], again: dict[str, set[Node]]
) -> None:
    """InputError when ``again`` (a new version's claims) gives one of ``old``'s claims (the
    pointed-at claims of ``graph``) other texts."""
    for claim, texts in sorted(_described(t for t, _elsewhere in old).items()):
        if claim in again and again[claim] != texts:
            raise InputError(
                f"{graph}: gives claim <{claim}>, which statements of other graphs point at, "
                "other texts; refused (describe the new claim under a new IRI)"
            )


def keep_claims(store: Store, graph: URIRef, new: Iterable[TripleIn] | None = None) -> int:
    """Copy into the kept-claims graph the claims ``graph`` describes that other graphs point
    at, but for those its new version (``new`` triples; None: it is being dropped) describes
    again with the same texts; return how many triples were copied. InputError, before
    anything is written, when the new version gives such a claim other texts."""
    rows = _pointed_at(store, graph)
    if not rows:
        return 0
    again = _described(new) if new is not None else {}
    _refuse_other_texts(graph, rows, again)
    # a claim whose whole description another graph holds too (a copy of the graph) is not
    # lost; any other is copied whole
    lost = {str(s).split("#", 1)[0] for (s, _p, _o), elsewhere in rows if not elsewhere}
    triples = [
        (s, p, o) for (s, p, o), _elsewhere in rows if str(s).split("#", 1)[0] in lost - set(again)
    ]
    if not triples:
        return 0
    return store.add_triples(KEPT_CLAIMS_GRAPH, triples)


def prune_kept(store: Store) -> int:
    """Remove from the kept-claims graph the claims nothing points at; return how many."""
    if KEPT_CLAIMS_GRAPH not in store.graphs():
        return 0
    bound = {"graph": KEPT_CLAIMS_GRAPH}
    gone = {str(row[0]) for row in store.select(load_query("keep-unreferenced").text, bound)}
    if not gone:
        return 0
    keep = [
        (s, p, o)
        for s, p, o in store.select(load_query("check-graph").text, bound)
        if s is not None and p is not None and o is not None and str(s).split("#", 1)[0] not in gone
    ]
    if keep:
        store.replace_graph_triples(KEPT_CLAIMS_GRAPH, keep)
    else:
        store.drop_graph(KEPT_CLAIMS_GRAPH)
    return len(gone)


def replace_graphs(
    store: Store, dataset: Dataset, graphs: Sequence[URIRef] | None = None, prune: bool = True
) -> int:
    """Replace each named graph of ``dataset`` (or only ``graphs``) in ``store``, keeping the
    claims other graphs point at; return the quads written. Every graph's new version is
    checked before anything is written. ``prune``: remove kept claims nothing points at
    afterwards (a batch prunes once at its end)."""
    targets = list(graphs_to_write(dataset, graphs))
    for name, graph in targets:  # refusals first: nothing written
        _refuse_other_texts(name, _pointed_at(store, name), _described(graph))
    for name, graph in targets:
        keep_claims(store, name, graph)
    written = store.replace_graphs(dataset, [name for name, _graph in targets])
    if prune:
        prune_kept(store)
    return written


class _Parsed:
    """N-Triples lines read as triples only when iterated (the claims to keep are compared
    with a new version only when other graphs point at claims of the old one)."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines

    def __iter__(self) -> Iterator[TripleIn]:
        data = "\n".join(self.lines)
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
            yield from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)  # type: ignore[misc]


def replace_graph_lines(
    store: EmbeddedStore, graph: URIRef, lines: Sequence[str], prune: bool = True
) -> int:
    """Replace one named graph of the embedded store with N-Triples ``lines`` (IRIs and
    literals, as :func:`kg.store.counts.line` writes them) as :func:`replace_graph_triples`
    does, without making an rdflib term (but when other graphs point at claims of the old
    version)."""
    if store.has_graph(graph):  # (a new graph has no claims to keep)
        keep_claims(store, graph, _Parsed(lines))
    written = store.replace_graph_lines(graph, lines)
    if prune:
        prune_kept(store)
    return written


def replace_graph_triples(
    store: Store, graph: URIRef, triples: Iterable[TripleIn], prune: bool = True
) -> int:
    """Replace one named graph with ``triples`` as :func:`replace_graphs` does."""
    new = list(triples)
    keep_claims(store, graph, new)
    written = store.replace_graph_triples(graph, new)
    if prune:
        prune_kept(store)
    return written


def retract_graph(store: Store, graph: URIRef) -> bool:
    """Drop ``graph``, keeping the claims other graphs point at; return whether it was there."""
    keep_claims(store, graph)
    removed = store.drop_graph(graph)
    prune_kept(store)
    return removed
