"""Linking across articles as its own pass, after a bulk load (``kg link``, ``kg load``).

``kg ingest`` links each article to the claims of the articles written before it
(:func:`kg.track.link.link_claims`). Extraction itself needs no store: ``kg extract --format
nquads`` writes, per article, the graph ingest would write before that linking step
(:func:`article_nquads`), so a corpus can be extracted anywhere (on a Dask cluster, say) and
bulk-loaded (``kg load``, :meth:`kg.store.EmbeddedStore.bulk_load`). Those graphs are then
*waiting for the link pass*: ``kg load`` records them in the claim index, in the order the
file gives them, and linking for new ingests leaves them out as candidates until the pass has
taken them. The pass (:func:`link_pending`) then does, article by article in that order, what
ingest does after extraction: it reads the graph back into a :class:`~kg.model.Bundle`, links
it to the claims of the graphs before it, rewrites the graph (one transaction, with its
summaries and text index rows), indexes its claims and records the match candidates. The
store it leaves is the one ingesting the same articles in the same order gives (a test
compares the two quad for quad).

A pass cut short leaves the graphs it did not write waiting; ``kg link`` goes on with them.
Before each write the graph's version is recorded with it, so a graph written just before a
crash (its version moved on) is not linked a second time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rdflib import RDF, Graph, URIRef

from kg.curation.agents import load_agents
from kg.errors import InputError
from kg.ids import AGENTS_GRAPH
from kg.imports.replace import prune_kept, replace_graph_triples
from kg.ingest.prepare import prepare_file
from kg.model import Agent, Bundle, Claim, ExtractionRun, Review, Source, Statement
from kg.namespace import CG, PROV, SDO
from kg.queries import load_query
from kg.rdf import from_graph, to_triples
from kg.store import Store
from kg.store.counts import line
from kg.track.index import claim_index
from kg.track.link import CandidateBuffer, index_claims, link_claims, prepare_bundle

__all__ = [
    "LinkReport",
    "article_nquads",
    "bundle_nquads",
    "link_pending",
    "read_bundle",
    "registry_nquads",
]


def _quads(graph: URIRef, triples: Iterable[tuple]) -> Iterator[str]:
    """N-Quads lines (each ending in a newline) of ``triples`` in ``graph``, without repeats."""
    g = f"<{graph}>"
    seen: dict[str, None] = {}
    for s, p, o in triples:
        seen.setdefault(line(s, p, o)[:-1] + g + " .\n")
    return iter(seen)


def bundle_nquads(bundle: Bundle) -> str:
    """The N-Quads of a bundle's graph as ingest writes it before linking across articles."""
    bundle = prepare_bundle(bundle)
    return "".join(_quads(bundle.graph, bundle.triples()))


def registry_nquads() -> str:
    """The N-Quads of the shared agent registry graph (which ``kg ingest`` writes first)."""
    agents = load_agents()
    return "".join(
        _quads(AGENTS_GRAPH, (triple for agent in agents for triple in to_triples(agent)))
    )


def article_nquads(path: str, lang: str = "auto") -> str:
    """Read, extract and map one article file; its graph as N-Quads (a pure function of the
    file: what a Dask or multiprocessing worker runs). Raise :class:`kg.errors.InputError`
    for a file that cannot be read or extracted."""
    from pathlib import Path

    item = prepare_file(Path(path), lang)
    if item.bundle is None:
        raise InputError(item.error)
    return "".join(_quads(item.bundle.graph, item.bundle.triples()))


_KINDS: tuple[tuple[URIRef, type], ...] = (
    (SDO.NewsArticle, Source),
    (CG.Claim, Claim),
    (CG.Statement, Statement),
    (SDO.ClaimReview, Review),
    (CG.Extraction, ExtractionRun),
)


def read_bundle(store: Store, graph: URIRef) -> Bundle | None:
    """The bundle a named graph holds (None when it holds no source)."""
    g = Graph()
    for s, p, o in store.select(load_query("check-graph").text, {"graph": graph}):
        if s is not None and p is not None and o is not None:
            g.add((s, p, o))
    found: dict[type, list] = {cls: [] for _t, cls in _KINDS}
    for rdf_type, cls in _KINDS:
        for subject in sorted(set(g.subjects(RDF.type, rdf_type)), key=str):
            found[cls].append(from_graph(cls, g, subject))  # type: ignore[arg-type]
    sources = set(g.subjects(RDF.type, SDO.NewsArticle))
    agents = [
        from_graph(Agent, g, a)
        for a in sorted(set(g.subjects(RDF.type, PROV.Agent)) - sources, key=str)
        if isinstance(a, URIRef)
    ]
    if len(found[Source]) != 1:
        return None
    return Bundle(
        source=found[Source][0],
        agents=agents,
        claims=found[Claim],
        statements=found[Statement],
        reviews=found[Review],
        runs=found[ExtractionRun],
    )


@dataclass
class LinkReport:
    """What one link pass did."""

    linked: int = 0
    passed: int = 0
    candidates: int = 0


def link_pending(store: Store, done: Callable[[str, int], None] | None = None) -> LinkReport:
    """Link every graph waiting for the link pass, in load order (see the module's text);
    ``done`` is called with each graph and its statement count once it is written."""
    index = claim_index(store)
    if index is None:
        raise InputError("the link pass needs an embedded store opened for writing")
    report = LinkReport()
    matches = CandidateBuffer(store)
    for name, before in index.pending():
        graph = URIRef(name)
        now = store.graph_version(graph)  # type: ignore[attr-defined]
        bundle = read_bundle(store, graph) if now is not None else None
        if bundle is None or not bundle.machine_extracted or (before and before != now):
            index.done(name)  # gone, curated, or written before a crash: indexed as it is
            report.passed += 1
            continue
        index.add_pending([(name, now)])
        linked, candidates = link_claims(bundle, store)
        replace_graph_triples(store, linked.graph, linked.triples(), prune=False)
        index_claims(store, linked)
        matches.add(candidates)
        report.candidates += len(candidates)
        report.linked += 1
        if done is not None:
            done(name, len(linked.statements))
    matches.flush()
    prune_kept(store)
    return report
