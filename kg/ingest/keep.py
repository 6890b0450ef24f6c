"""Claims are kept while another graph points at them.

An article's graph describes the claims it made; statements of later articles may point at
them (:mod:`kg.track.link` links an exact match to the stored claim). Replacing or retracting
the article must not leave those statements pointing at nothing, and must not give the claim
IRI another text: extracted claim IRIs are named after their text
(:func:`kg.ingest.mapping.claim_slug`), and before the article's graph is replaced or dropped,
:func:`keep_claims` copies the description of every claim of it that a statement or review in
another graph points at into the kept-claims graph (``…/id/graph/kept-claims``).
:func:`prune_kept` removes kept claims nothing points at any more.

The copy is its own transaction, written before the replace or drop: a kill between the two
leaves a claim described twice (harmless), never a claim gone.
"""

from __future__ import annotations

from collections.abc import Collection

from rdflib import URIRef

from kg.ids import KEPT_CLAIMS_GRAPH, graph_iri
from kg.namespace import CGID
from kg.queries import load_query
from kg.store import Store

__all__ = ["keep_claims", "prune_kept", "retract_graph"]


def keep_claims(store: Store, graph: URIRef, still: Collection[str] = ()) -> int:
    """Copy into the kept-claims graph the claims ``graph`` describes that other graphs point
    at, but for those in ``still`` (the claims its new version describes again); return how
    many triples were copied."""
    if graph == KEPT_CLAIMS_GRAPH:
        return 0
    rows = store.select(load_query("keep-claims-of").text, {"graph": graph})
    triples = [
        (s, p, o)
        for s, p, o in rows
        if s is not None
        and p is not None
        and o is not None
        and str(s).split("#", 1)[0] not in still
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


def retract_graph(store: Store, graph: URIRef) -> bool:
    """Drop ``graph`` (``kg retract``), keeping the claims other graphs point at; return
    whether it was there."""
    keep_claims(store, graph)
    removed = store.drop_graph(graph)
    prune_kept(store)
    return removed


def find_sources(store: Store, name: str) -> list[str]:
    """The source ids ``name`` names (``kg retract NAME``): a source id, a source or graph IRI,
    the path of an ingested article file, the article's URL, or its exact title.

    A path is read and hashed as ``kg ingest`` does, so the file names its source even after
    the store forgot where it came from.
    """
    from pathlib import Path

    from rdflib import Literal

    from kg.extract.reader import read_article
    from kg.ingest.mapping import source_slug

    base = str(CGID)
    for kind in ("source/", "graph/"):
        if name.startswith(base + kind):
            return [name[len(base + kind) :]]
    path = Path(name)
    if path.is_file():
        return [source_slug(read_article(path))]
    found: list[str] = []
    if all(c.isalnum() or c in "-_." for c in name) and graph_iri(name) in store.graphs():
        found.append(name)
    url = URIRef(name) if name.startswith(("http://", "https://")) and " " not in name else None
    rows = store.select(
        load_query("keep-source-named").text,
        {"url": url or URIRef("urn:kg:none"), "title": Literal(name)},
    )
    prefix = base + "source/"
    found += [str(r[0])[len(prefix) :] for r in rows if str(r[0]).startswith(prefix)]
    return sorted(set(found))
