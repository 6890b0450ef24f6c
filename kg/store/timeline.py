"""The statements' timeline dates (``cgs:when``) an embedded write changes, by difference.

``when.ru`` and ``when-stale.ru`` compute them in SPARQL after the new data is in, which costs
about as much as inserting the article's own triples. The embedded store computes them from
the N-Triples it writes instead (the bulk load's pass, :class:`kg.store.bulk.LoadPass`), with
the sources' publication dates that other graphs give looked up by source IRI, and writes
only the rows that change, in the same update (one transaction). The rows are those
``when.ru`` gives: a statement with a stance and a source gets its own date, else each of its
sources' publication dates, else ``9999-12-31``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from kg.store.bulk import LoadPass
from kg.store.changes import parse_triples
from kg.store.counts import iri_text
from kg.store.sparql import template
from kg.store.writes import STATS

__all__ = ["gather", "when_update"]

WHEN = STATS + "when"
_PUBLISHED = ox.NamedNode("https://schema.org/datePublished")


def gather(graph: str, data: str, triples: list[ox.Quad] | None = None) -> LoadPass | None:
    """What the summaries and the text index read of ``graph`` written as ``data``
    (N-Triples; ``triples``: its triples if the caller parsed it already); None when it may
    hold blank nodes (the store names them anew, so only queries can read them) or does not
    parse here."""
    if "_:" in data:
        return None
    gathered = LoadPass()
    if triples is None:
        triples = parse_triples(data)
        if triples is None:
            return None
    for t in triples:
        subject, o = t.subject.value, t.object  # type: ignore[union-attr]
        if isinstance(o, ox.Literal):
            gathered.take_literal(graph, subject, t.predicate.value, o)
        else:
            gathered.take_node(graph, subject, t.predicate.value, o.value)  # type: ignore[union-attr]
    return gathered


def _rows(store: ox.Store, statements: Iterable[str]) -> set[tuple[str, str]]:
    """The ``cgs:when`` rows the store holds for ``statements``."""
    when, default = ox.NamedNode(WHEN), ox.DefaultGraph()
    return {
        (st, str(q.object))
        for st in statements
        for q in store.quads_for_pattern(ox.NamedNode(st), when, None, default)
    }


def when_update(
    store: ox.Store,
    graph: str,
    gathered: LoadPass,
    before: Iterable[str],
    earlier: Mapping[str, set[str]] | None = None,
) -> str:
    """The update moving the timeline dates from those of ``graph``'s statements ``before``
    the write to those of its new version (``gathered``), before the write runs. ``earlier``:
    the sources' publication dates that graphs written before this one in the same
    transaction give (a group of graphs, not in the store yet)."""
    facts = gathered.facts.get(graph)
    new: set[tuple[str, str]] = set()
    if facts is not None:
        g = ox.NamedNode(graph)
        dates: dict[str, set[str]] = {}  # each source's, looked up once (not once a statement)
        for st, (_claims, stances, _whos, srcs) in facts.statements.items():
            if not stances or not srcs:
                continue
            values = set(gathered.dates.get((graph, st), ()))
            if not values:
                for src in srcs:
                    published = dates.get(src)
                    if published is None:
                        published = dates[src] = set(gathered.published.get(src, ()))
                        published |= (earlier or {}).get(src, set())
                        pattern = (ox.NamedNode(src), _PUBLISHED, None, None)
                        for q in store.quads_for_pattern(*pattern):
                            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != g:
                                published.add(str(q.object))
                    values |= published or {'"9999-12-31"^^<http://www.w3.org/2001/XMLSchema#date>'}
            new |= {(st, v) for v in values}
    old = set(before)
    have = _rows(store, old | {st for st, _v in new})
    deleted = [(st, v) for st, v in have if st in old and (st, v) not in new]
    inserted = new - have
    if not deleted and not inserted:
        return ""
    when = iri_text(WHEN)
    return (
        template("counts.ru")
        .replace("{OLD}", "\n".join(f"{iri_text(st)} {when} {v} ." for st, v in sorted(deleted)))
        .replace("{NEW}", "\n".join(f"{iri_text(st)} {when} {v} ." for st, v in sorted(inserted)))
    )
