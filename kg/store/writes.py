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

import re
from collections.abc import Collection, Iterable, Sequence

from rdflib import URIRef

from kg.errors import StoreError
from kg.namespace import CGID
from kg.store.binding import term_text
from kg.store.sparql import template

__all__ = [
    "BLOCK",
    "INTERNAL_GRAPHS",
    "STATS",
    "STATS_GRAPH",
    "batch_update",
    "drop_update",
    "refuse_internal",
    "replace_update",
    "stats_all_update",
    "stats_update",
    "unwrite_batch_update",
]

#: The named graph holding per-claim and per-agent counts on remote servers.
STATS_GRAPH = CGID["graph/stats"]
#: The namespace of the summary properties (internal; not part of the ontology).
STATS = "https://w3id.org/claimgraph/ns/stats#"
#: Named graphs only the store itself writes: no import, ingest or retraction may replace or
#: drop them (a document naming ``…/graph/stats`` wiped a remote store's summaries).
INTERNAL_GRAPHS = frozenset({STATS_GRAPH})
#: The mark a remote write puts on its graph while it runs (in the summaries' graph).
WRITING = STATS + "writing"
#: Triples per ``INSERT DATA`` operation: Virtuoso's parser runs out of stack near 5,000.
BLOCK = 2000


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
    parts = []
    if claim_text:
        parts.append(template("stats-claims.ru").replace("{CLAIMS}", claim_text).rstrip())
    if agent_text:
        parts.append(template("stats-agents.ru").replace("{AGENTS}", agent_text).rstrip())
    return _target(" ;\n".join(parts), stats)


def stats_all_update(stats: URIRef | None = None) -> str:
    """Recompute every count (after a bulk load)."""
    return _target(template("stats-all.ru"), stats)


def inserts(graph: URIRef, ntriples: str, lines: int = BLOCK) -> str:
    r"""``INSERT DATA`` operations putting ``ntriples`` into ``graph``, ``lines`` at a time
    (N-Triples escape newlines: one triple, one line).

    >>> print(inserts(URIRef("urn:g"), "<urn:a> <urn:b> 1 .\n<urn:a> <urn:b> 2 .\n", 1))
    INSERT DATA { GRAPH <urn:g> {
    <urn:a> <urn:b> 1 .
    } } ;
    INSERT DATA { GRAPH <urn:g> {
    <urn:a> <urn:b> 2 .
    } }
    """
    # split on "\n" only: str.splitlines() also breaks on U+0085, U+2028 ... inside literals
    rows = [row for row in ntriples.split("\n") if row.strip()]
    blocks = ["\n".join(rows[i : i + lines]) for i in range(0, len(rows), lines)] or [""]
    name = term_text(graph)
    return " ;\n".join(f"INSERT DATA {{ GRAPH {name} {{\n{block}\n}} }}" for block in blocks)


_PROLOGUE = re.compile(r"(?:[ \t]*(?:#[^\n]*|PREFIX[^\n]*)?\n)*")


def _marked(update: str, graph: URIRef, stats: URIRef | None) -> str:
    """On a remote store (``stats`` given), ``update`` between the insertion and the removal
    of ``graph``'s "being written" mark: a request that a server ran only in part (Virtuoso
    commits the operations that ran before a failing one) leaves the mark behind, which
    ``kg check`` reports and ``kg ingest`` does not mistake for a finished article."""
    if stats is None:
        return update
    mark = f"GRAPH {term_text(stats)} {{ {term_text(graph)} <{WRITING}> true }}"
    body = update.rstrip().rstrip(";").rstrip()
    prologue = _PROLOGUE.match(body)
    cut = prologue.end() if prologue else 0  # PREFIX lines only at the start (Oxigraph)
    return f"{body[:cut]}INSERT DATA {{ {mark} }} ;\n{body[cut:]} ;\nDELETE DATA {{ {mark} }}"


def _when(graph: URIRef, statements: Iterable[URIRef], stats: URIRef | None) -> str:
    """``when.ru`` for ``graph``, whose statements before the write were ``statements``."""
    listed = _iris(statements)
    stale = template("when-stale.ru").replace("{STATEMENTS}", listed).rstrip() + " ;\n"
    text = (stale if listed else "") + template("when.ru")
    return _target(text.replace("{GRAPH}", term_text(graph)), stats)


def replace_update(
    graph: URIRef,
    ntriples: str,
    claims: Iterable[URIRef],
    agents: Iterable[URIRef],
    stats: URIRef | None = None,
    statements: Iterable[URIRef] = (),
    when: bool = True,
) -> str:
    """Drop ``graph``, insert ``ntriples`` into it, update the touched counts and the dates
    of its statements (``statements``: those it held before) by difference (``when`` False:
    not the dates, which the caller writes itself: :mod:`kg.store.timeline`)."""
    counts = stats_update(claims, agents, stats)
    when_text = _when(graph, statements, stats) if when else ""
    text = _target(
        template("replace.ru")
        .replace("{STATS}", counts)
        .replace("{WHEN}", (" ;\n" if counts and when_text else "") + when_text)
        .replace("{GRAPH}", term_text(graph)),
        stats,
    )
    return _marked(text.replace("{INSERTS}", inserts(graph, ntriples)), graph, stats)


def append_update(
    graph: URIRef,
    ntriples: str,
    claims: Iterable[URIRef],
    agents: Iterable[URIRef],
    stats: URIRef,
) -> str:
    """Insert ``ntriples`` into ``graph`` (kept as it is), update the touched counts."""
    counts = stats_update(claims, agents, stats)
    when = _when(graph, (), stats)
    text = _target(
        template("append.ru")
        .replace("{STATS}", counts)
        .replace("{WHEN}", (" ;\n" if counts else "") + when)
        .replace("{GRAPH}", term_text(graph)),
        stats,
    )
    return _marked(text.replace("{INSERTS}", inserts(graph, ntriples)), graph, stats)


def drop_update(
    graph: URIRef,
    claims: Iterable[URIRef],
    agents: Iterable[URIRef],
    stats: URIRef | None = None,
) -> str:
    """Drop ``graph`` and recompute the touched counts."""
    text = _target(
        template("drop.ru")
        .replace("{STATS}", stats_update(claims, agents, stats))
        .replace("{GRAPH}", term_text(graph)),
        stats,
    )
    return _marked(text, graph, stats)


def graph_inserts(blocks: Sequence[tuple[URIRef, str]], lines: int = BLOCK) -> list[str]:
    r"""``INSERT DATA`` operations putting each ``(graph, ntriples)`` of ``blocks`` into its
    graph, several graphs per operation, at most ``lines`` triples each (Virtuoso compiles each
    operation: an operation per small graph cost more than its data).

    >>> ops = graph_inserts([(URIRef("urn:g"), "<urn:a> <urn:b> 1 .\n"),
    ...                      (URIRef("urn:h"), "<urn:a> <urn:b> 2 .\n<urn:a> <urn:b> 3 .\n")], 2)
    >>> print(" ;\n".join(ops))
    INSERT DATA { GRAPH <urn:g> {
    <urn:a> <urn:b> 1 .
    }
    GRAPH <urn:h> {
    <urn:a> <urn:b> 2 .
    } } ;
    INSERT DATA { GRAPH <urn:h> {
    <urn:a> <urn:b> 3 .
    } }
    """
    return [f"INSERT DATA {{ {body} }}" for body in _data_blocks(blocks, lines)]


def _data_blocks(blocks: Sequence[tuple[URIRef, str]], lines: int) -> list[str]:
    """The ``GRAPH <g> { ... }`` bodies of data operations of at most ``lines`` triples."""
    bodies: list[str] = []
    parts: list[str] = []
    size = 0
    for graph, ntriples in blocks:
        rows = [row for row in ntriples.split("\n") if row.strip()]  # not splitlines: U+2028
        while rows:
            take, rows = rows[: lines - size], rows[lines - size :]
            parts.append(f"GRAPH {term_text(graph)} {{\n" + "\n".join(take) + "\n}")
            size += len(take)
            if size >= lines:
                bodies.append("\n".join(parts))
                parts, size = [], 0
    if parts:
        bodies.append("\n".join(parts))
    return bodies


def _marks(graphs: Iterable[URIRef]) -> str:
    return " ".join(f"{term_text(g)} <{WRITING}> true ." for g in sorted(set(graphs)))


def batch_update(
    new: Sequence[tuple[URIRef, str]],
    added: Sequence[tuple[URIRef, str]],
    claims: Iterable[URIRef],
    agents: Iterable[URIRef],
    stats: URIRef,
) -> str:
    """One request writing a batch: the ``new`` graphs (each absent from the store) and the
    triples ``added`` to other graphs (``(graph, ntriples)`` each), the counts of the touched
    ``claims`` and ``agents`` once, the timeline dates, between the graphs' marks
    (``batch.ru``)."""
    graphs = [g for g, _data in (*new, *added)]
    marks = "{STATS_OPEN} " + _marks(graphs) + " {STATS_CLOSE}"
    # one when.ru per graph: with the graphs in one VALUES block Virtuoso 7.2 gave statements
    # the dates of the other graphs' sources too
    when = [_comments_out(template("when.ru").replace("{GRAPH}", term_text(g))) for g in graphs]
    operations = [
        f"INSERT DATA {{ {marks} }}",
        *graph_inserts([*new, *added]),
        stats_update(claims, agents, stats),
        *when,
        f"DELETE DATA {{ {marks} }}",
    ]
    return _request("batch.ru", operations, stats)


def unwrite_batch_update(
    new: Sequence[URIRef],
    added: Sequence[tuple[URIRef, str]],
    claims: Iterable[URIRef],
    agents: Collection[URIRef],
    stats: URIRef,
) -> str:
    """One request undoing what a batch (:func:`batch_update`) left behind when the server ran
    it only in part: the ``new`` graphs dropped, the ``added`` triples deleted, the counts
    recomputed, the marks cleared (``unwrite-batch.ru``)."""
    graphs = [*new, *(g for g, _data in added)]
    marks = "{STATS_OPEN} " + _marks(graphs) + " {STATS_CLOSE}"
    operations = []
    if new:  # an empty VALUES block fails the request on Virtuoso 7.2
        operations.append(
            _comments_out(template("when-unwrite.ru").replace("{GRAPHS}", _iris(new)))
        )
    operations += [f"DROP SILENT GRAPH {term_text(g)}" for g in new]
    operations += [f"DELETE DATA {{ {body} }}" for body in _data_blocks(added, BLOCK)]
    operations.append(stats_update(claims, agents, stats))
    if agents:
        gone = template("agents-gone.ru").replace("{AGENTS}", _iris(agents))
        operations.append(_comments_out(gone))
    operations.append(f"DELETE DATA {{ {marks} }}")
    return _request("unwrite-batch.ru", operations, stats)


def _comments_out(text: str) -> str:
    """``text`` without its comment lines (a template included in the middle of a request)."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("#"))


def _request(name: str, operations: Iterable[str], stats: URIRef | None) -> str:
    """The template ``name`` (its comments, its prologue) with ``operations``, the empty ones
    left out, joined by ``;``."""
    body = " ;\n".join(op.strip() for op in operations if op.strip())
    return _target(template(name).replace("{OPERATIONS}", body), stats)
