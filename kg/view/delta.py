"""Update a browsing :class:`~kg.view.model.View` for what some writes changed, instead of
reading the whole store again (``kg serve`` during an ingest: :class:`kg.web.pages.Views`).

The embedded store logs the subjects each write changed (:mod:`kg.store.changes`). An item of
the view (a source, claim, agent, statement or review) is made from the triples whose subject
is the item itself or one of its nodes (a statement's span and selectors, an agent's role, a
review's rating): so the items a set of writes can change are the changed subjects and the
items that hold a changed node (``view-holders.rq``, asked of the store as it is now: a node
whose link to its item is gone was changed with that link, whose subject is the item). Those
items are dropped and read again with the ``view-*.rq`` queries bound to their IRIs (the same
code as a whole read, :func:`kg.view.read.read_items`), from the whole store: a claim, agent or
source described in many articles' graphs comes back whole. What depends on other items is
then made again as a whole read makes it: the sentences around the spans of statements whose
source changed, the claimants that are no agent, the slugs that another item already has, and
the order of every table. Nothing of the previous view is changed (the pages being served read
it): a changed item is a new object. ``tests/web/test_view_delta.py`` compares the result with
a whole read, field by field and in order, after ingests, a re-ingest, a retraction, a review
and a claim relinked across articles.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from rdflib import URIRef

from kg.queries import load_query
from kg.store.base import Store
from kg.view.model import StatementView, View
from kg.view.read import KEYS_PER_QUERY, add_claimants, read_items, unique_slugs

__all__ = ["MOST_ITEMS", "items_of", "update_view"]

#: Items a delta may read again; beyond that the caller reads the view whole.
MOST_ITEMS = 5000
_CHUNK = KEYS_PER_QUERY

T = TypeVar("T")


def items_of(store: Store, subjects: Collection[str]) -> set[str]:
    """The IRIs of the view items that changed ``subjects`` may change: the subjects and the
    items holding one of them as a node."""
    nodes = sorted(subjects)
    found = set(nodes)
    query = load_query("view-holders").text
    for start in range(0, len(nodes), _CHUNK):
        chunk = tuple(URIRef(n) for n in nodes[start : start + _CHUNK])
        found.update(str(row[0]) for row in store.select(query, {"node": chunk}) if row[0])
    return found


def _merged(old: Mapping[str, T], fresh: Mapping[str, T], items: set[str]) -> dict[str, T]:
    """``old`` without ``items``, with ``fresh``, by IRI (the order of a whole read)."""
    kept = {iri: item for iri, item in old.items() if iri not in items}
    kept.update(fresh)
    return {iri: kept[iri] for iri in sorted(kept)}


def _statement_key(statement: StatementView) -> tuple[str, int, str]:
    return statement.source, statement.start, statement.iri


def update_view(store: Store, old: View, subjects: Collection[str]) -> View | None:
    """The view of ``store`` now, from ``old`` (the view before the writes that changed
    ``subjects``); ``old`` itself when they changed none of its items; None when they
    may change more than :data:`MOST_ITEMS` items (read the view whole then)."""
    if not subjects:
        return old
    items = items_of(store, subjects)
    if len(items) > MOST_ITEMS:
        return None
    fresh = View()
    read_items(fresh, store, [URIRef(iri) for iri in sorted(items)])
    view = View()
    view.sources = _merged(old.sources, fresh.sources, items)
    view.claims = _merged(old.claims, fresh.claims, items)
    view.reviews = _merged(old.reviews, fresh.reviews, items)
    read_agents = {k: v for k, v in old.agents.items() if k not in old.claimants_only}
    view.agents = _merged(read_agents, fresh.agents, items)
    statements = [s for iri, s in old.statements.items() if iri not in items]
    statements.extend(fresh.statements.values())
    for i, statement in enumerate(statements):
        if statement.iri in fresh.statements or statement.source in items:
            if statement.iri not in fresh.statements:
                statement = statements[i] = dataclasses.replace(statement)
            source = view.sources.get(statement.source)
            statement.set_sentence(source.text if source else "")
    statements.sort(key=_statement_key)
    view.statements = {s.iri: s for s in statements}
    add_claimants(view)
    tables: tuple[dict[str, Any], ...] = (view.claims, view.agents, view.sources)
    for table in tables:
        for iri, slug in unique_slugs(table).items():
            if table[iri].slug != slug:
                table[iri] = dataclasses.replace(table[iri], slug=slug)
    if not _changes(old, view, items):
        return old
    return view


def _changes(old: View, new: View, items: set[str]) -> bool:
    """Whether ``new`` differs from ``old`` in one of ``items`` (nothing else can differ
    unless one of them does: the sentences, claimants, slugs and orders follow from them)."""
    for name in ("sources", "claims", "agents", "statements", "reviews"):
        before, after = getattr(old, name), getattr(new, name)
        if any(before.get(iri) != after.get(iri) for iri in items):
            return True
    return False
