"""The text of the SPARQL updates that write the store, shared by every backend.

A write replaces or drops one named graph and recomputes, in the same update request, the
summary counts of the claims and agents the graph mentioned before or after. The counts live
in the store's default graph on the embedded store (inside the union default graph that
queries read, but outside every ``GRAPH ?g`` so exports never see them) and in the named
graph ``…/graph/stats`` on remote servers (whose "default graph" differs from one server to
the next). Only escaped IRIs and rdflib's N-Triples are put into the templates.

>>> [line for line in drop_update(URIRef("urn:g"), [], []).splitlines() if 'DROP' in line]
['DROP SILENT GRAPH <urn:g> ;']
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from kg.errors import StoreError
from kg.namespace import CGID
from kg.queries.binding import term_text
from kg.store.sparql import template

__all__ = [
    "INTERNAL_GRAPHS",
    "STATS",
    "STATS_GRAPH",
    "drop_update",
    "refuse_internal",
    "replace_update",
    "stats_all_update",
    "stats_update",
]

#: The named graph holding per-claim and per-agent counts on remote servers.
STATS_GRAPH = CGID["graph/stats"]
#: The namespace of the summary properties (internal; not part of the ontology).
STATS = "https://w3id.org/claimgraph/ns/stats#"
#: Named graphs only the store itself writes: no import, ingest or retraction may replace or
#: drop them (a document naming ``…/graph/stats`` wiped a remote store's summaries).
INTERNAL_GRAPHS = frozenset({STATS_GRAPH})


def refuse_internal(graph: URIRef) -> None:
    """Raise StoreError if ``graph`` is one of the store's internal graphs.

    >>> refuse_internal(STATS_GRAPH)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.StoreError: https://...graph/stats: an internal graph of the store; refused
    """
    if graph in INTERNAL_GRAPHS:
        raise StoreError(f"{graph}: an internal graph of the store; refused")


def _iris(nodes: Iterable[URIRef]) -> str:
    return " ".join(term_text(n) for n in sorted(set(nodes)))


def _target(text: str, stats: URIRef | None) -> str:
    if stats is None:
        return (
            text.replace("{STATS_OPEN}", "").replace("{STATS_CLOSE}", "")
            .replace("{STATS_TARGET}", "DEFAULT")
        )  # fmt: skip
    return (
        text.replace("{STATS_OPEN}", f"GRAPH {term_text(stats)} {{")
        .replace("{STATS_CLOSE}", "}")
        .replace("{STATS_TARGET}", f"GRAPH {term_text(stats)}")
    )


def stats_update(
    claims: Iterable[URIRef], agents: Iterable[URIRef], stats: URIRef | None = None
) -> str:
    """Recompute the counts of ``claims`` and ``agents`` (empty text when there are none),
    in the named graph ``stats`` or, when None, the default graph."""
    claim_text, agent_text = _iris(claims), _iris(agents)
    if not claim_text and not agent_text:
        return ""
    text = template("stats.ru").replace("{CLAIMS}", claim_text).replace("{AGENTS}", agent_text)
    return _target(text, stats)


def stats_all_update(stats: URIRef | None = None) -> str:
    """Recompute every count (after a bulk load)."""
    return _target(template("stats-all.ru"), stats)


def replace_update(
    graph: URIRef,
    ntriples: str,
    claims: Iterable[URIRef],
    agents: Iterable[URIRef],
    stats: URIRef | None = None,
) -> str:
    """Drop ``graph``, insert ``ntriples`` into it, recompute the touched counts."""
    counts = stats_update(claims, agents, stats)
    when = _target(template("when.ru"), stats)
    return _target(
        template("replace.ru")
        .replace("{STATS}", counts)
        .replace("{WHEN}", (" ;\n" if counts else "") + when)
        .replace("{GRAPH}", term_text(graph)),
        stats,
    ).replace("{DATA}", ntriples)


def drop_update(
    graph: URIRef,
    claims: Iterable[URIRef],
    agents: Iterable[URIRef],
    stats: URIRef | None = None,
) -> str:
    """Drop ``graph`` and recompute the touched counts."""
    return _target(
        template("drop.ru")
        .replace("{STATS}", stats_update(claims, agents, stats))
        .replace("{GRAPH}", term_text(graph)),
        stats,
    )
