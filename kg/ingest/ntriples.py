"""An article's N-Triples lines: written in the worker processes, finished by the writer.

Mapping a bundle to N-Triples (rdflib terms through :func:`kg.rdf.to_triples`, then
:func:`kg.store.counts.line`) cost the one writer about a tenth of an article's time, and needs
nothing of the store. So the workers write it, as text (:func:`to_lines`: the lines of
``to_triples``, without making rdflib terms). But linking (:func:`kg.track.link.link_claims`,
in the writer) changes the bundle after the worker made it: it drops the claims that match
stored ones, points the statements at the stored claims instead (their ``cg:claim`` triples),
and may give a stored claim the article's text in a new language. So the worker writes the
lines of every node of the prepared bundle (:func:`node_lines`), and the writer
(:func:`linked_lines`) takes them for each node linking left as it was (the very same object),
rewrites the ``cg:claim`` lines of a relinked statement, and maps anything else (a stored
claim's new text) itself. The result is the lines of the linked bundle's triples, in the same
order (``tests/ingest/test_ntriples.py`` compares them): the same quads, and the same graph
version (a digest of the text written).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from rdflib import Literal, URIRef

from kg.model import Bundle, Statement
from kg.namespace import CG, RDF, XSD
from kg.rdf import Node, Pred, RdfEnum, child_iri, fields_of
from kg.store.binding import literal_text
from kg.store.counts import iri_text

__all__ = ["NodeLines", "linked_lines", "node_lines", "to_lines"]

#: The N-Triples lines of each node of a bundle, by the node's IRI.
NodeLines = dict[str, tuple[str, ...]]


def _lines(node: Node) -> tuple[str, ...]:
    return tuple(to_lines(node))


_TYPE = iri_text(str(RDF.type))
_DATATYPES = {
    bool: iri_text(str(XSD.boolean)),
    int: iri_text(str(XSD.integer)),
    float: iri_text(str(XSD.double)),
    dt.datetime: iri_text(str(XSD.dateTime)),
    dt.date: iri_text(str(XSD.date)),
}


@lru_cache(maxsize=4096)
def _double(value: float) -> str:
    """rdflib's lexical form of a double."""
    return str(Literal(value, datatype=XSD.double))


def _scalar(value: Any, pred: Pred) -> str:
    """:func:`kg.rdf.to_triples`'s term for one value, as N-Triples text."""
    if isinstance(value, RdfEnum):
        return iri_text(str(value.iri))
    if pred.iri:
        return iri_text(str(value))
    if isinstance(value, bool):  # (before int: a bool is an int)
        return literal_text("true" if value else "false", None, _DATATYPES[bool])
    if isinstance(value, int):
        return literal_text(str(value), None, _DATATYPES[int])
    if isinstance(value, float):
        return literal_text(_double(value), None, _DATATYPES[float])
    if isinstance(value, dt.datetime):
        return literal_text(value.isoformat(), None, _DATATYPES[dt.datetime])
    if isinstance(value, dt.date):
        return literal_text(value.isoformat(), None, _DATATYPES[dt.date])
    return literal_text(str(value))


def to_lines(model: BaseModel, subject: str | None = None) -> Iterator[str]:
    """The N-Triples lines of :func:`kg.rdf.to_triples` of ``model`` (same order), written as
    text: no rdflib term is made but the doubles' lexical forms (``tests/ingest/
    test_ntriples.py`` compares the two on generated models)."""
    if subject is None:
        subject = model.id  # type: ignore[attr-defined]
    s = iri_text(subject)
    for rdf_type in getattr(model, "rdf_types", ()):
        yield f"{s} {_TYPE} {iri_text(str(rdf_type))} ."
    for name, pred, _tp, origin in fields_of(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        p = iri_text(str(pred.predicate))
        if pred.type_map:
            yield f"{s} {_TYPE} {iri_text(str(pred.type_map[value]))} ."
        elif isinstance(value, BaseModel):
            child = str(child_iri(URIRef(subject), name))
            yield f"{s} {p} {iri_text(child)} ."
            yield from to_lines(value, child)
        elif origin is dict:
            for lang, text in value.items():
                for t in text if isinstance(text, list | tuple) else [text]:
                    yield f"{s} {p} {literal_text(str(t), lang)} ."
        elif origin in (list, set, frozenset, tuple):
            for i, item in enumerate(value, start=1):
                if isinstance(item, BaseModel):
                    child = str(child_iri(URIRef(subject), name, i))
                    yield f"{s} {p} {iri_text(child)} ."
                    yield from to_lines(item, child)
                else:
                    yield f"{s} {p} {_scalar(item, pred)} ."
        else:
            yield f"{s} {p} {_scalar(value, pred)} ."


def node_lines(bundle: Bundle) -> NodeLines:
    """The lines of each node of ``bundle`` (a pure function of it: workers compute it)."""
    return {node.id: _lines(node) for node in bundle.nodes()}  # type: ignore[attr-defined]


_CLAIM = iri_text(str(CG.claim))


def _claim_line(statement: str, claim: str) -> str:
    """The line of ``statement``'s ``cg:claim`` ``claim`` (as :func:`line` writes it)."""
    return f"{iri_text(statement)} {_CLAIM} {iri_text(claim)} ."


def _but_claims(statement: Statement) -> dict[str, object]:
    return {k: v for k, v in statement.__dict__.items() if k != "claims"}


def _relinked(lines: tuple[str, ...], was: Statement, now: Statement) -> Iterable[str] | None:
    """The lines of ``now``, which differs from ``was`` (whose lines are ``lines``) in its
    claims only: ``was``'s ``cg:claim`` lines (written together, in the field's place) replaced
    by ``now``'s. None when they are not found so."""
    if type(now) is not type(was) or _but_claims(now) != _but_claims(was):
        return None
    old = [_claim_line(was.id, c) for c in was.claims]
    try:
        start = lines.index(old[0])
    except (IndexError, ValueError):
        return None
    if list(lines[start : start + len(old)]) != old:
        return None
    new = [_claim_line(now.id, c) for c in now.claims]
    return (*lines[:start], *new, *lines[start + len(old) :])


def linked_lines(prepared: Bundle, lines: NodeLines, linked: Bundle) -> list[str]:
    """The distinct N-Triples lines of ``linked`` (``prepared`` after linking), in the order
    of its triples, from the ``lines`` of ``prepared``'s nodes."""
    before = {node.id: node for node in prepared.nodes()}  # type: ignore[attr-defined]
    out: dict[str, None] = {}
    for node in linked.nodes():
        key: str = node.id  # type: ignore[attr-defined]
        was, mine = before.get(key), lines.get(key)
        found: Iterable[str] | None = None
        if mine is not None and was is node:
            found = mine
        elif mine is not None and isinstance(was, Statement) and isinstance(node, Statement):
            found = _relinked(mine, was, node)
        out.update(dict.fromkeys(_lines(node) if found is None else found))
    return list(out)
