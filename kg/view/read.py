"""Build the browsing :class:`~kg.view.model.View` from a store with the ``view-*.rq`` queries."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.namespace import CG, SDO, WD
from kg.queries import load_query
from kg.store.base import Store
from kg.store.binding import Bound
from kg.values import is_true, text_or_none
from kg.view.model import (
    AgentView,
    ClaimView,
    ReviewView,
    SourceView,
    StatementView,
    View,
    page_slug,
)

__all__ = [
    "KEYS_PER_QUERY",
    "QUERIES_FOR_KEYS",
    "add_claimants",
    "read_items",
    "read_view",
    "unique_slugs",
]

#: The form of a ``view-*.rq`` query that reads the items of given IRIs, where the whole
#: query's form cannot take them as bound values (its parts are subqueries).
QUERIES_FOR_KEYS = {"view-agents": "view-agents-of"}
#: IRIs bound in one query when reading given items: Oxigraph evaluates ``view-statements``
#: from its bound values up to a few hundred of them (about 1 ms each), and from the whole
#: store beyond (3,000 statements of 1,200 articles: 34 s).
KEYS_PER_QUERY = 100

_KINDS = {
    str(SDO.Person): "person",
    str(SDO.Organization): "organization",
    str(SDO.GovernmentOrganization): "government",
}


def _lang(term: Identifier | None) -> str:
    return (term.language or "und") if isinstance(term, Literal) else "und"


def _stance(term: Identifier | None) -> str:
    text = str(term)
    prefix = str(CG._NS)
    return text[len(prefix) :] if text.startswith(prefix) else text.rsplit("/", 1)[-1]


def _rows(
    store: Store, name: str, ordered: bool = False, bound: Mapping[str, Bound] | None = None
) -> list[dict[str, Identifier | None]]:
    """The rows of the query ``name`` (its parameters ``bound``); ``ordered``: sorted by their
    values, for a query whose rows fill lists or pick one value (which alias comes first, which
    type names the kind): otherwise they come in the engine's order, which can differ from one
    read, or process, or set of bound values, to the next."""
    rows = store.select(load_query(name).text, bound).dicts()
    if ordered:
        rows.sort(key=lambda row: tuple("" if v is None else str(v) for v in row.values()))
    return rows


def _statement_order(row: dict[str, Identifier | None]) -> tuple[object, ...]:
    """``view-statements``' ORDER BY (source, start as a number, statement, claim), then every
    other value: the same order whichever statements a read asks for."""
    rest = tuple("" if v is None else str(v) for v in row.values())
    return (str(row["source"]), int(str(row["start"])), str(row["statement"]), rest)


def read_items(view: View, store: Store, keys: Sequence[URIRef] | None = None) -> None:
    """Fill ``view`` with the sources, claims, agents, statements (with their responses) and
    reviews of ``store`` (only those whose IRI is among ``keys``; None: every one), as the
    ``view-*.rq`` queries give them: statements' sentences, the claimants that are no agent
    and unique slugs are left to :func:`finish_view`."""

    def rows(name: str, key: str, ordered: bool = True) -> list[dict[str, Identifier | None]]:
        if keys is None:
            return _rows(store, name, ordered)
        found: list[dict[str, Identifier | None]] = []
        for start in range(0, len(keys), KEYS_PER_QUERY):
            bound = {key: keys[start : start + KEYS_PER_QUERY]}
            found += _rows(store, QUERIES_FOR_KEYS.get(name, name), bound=bound)
        if ordered:
            found.sort(key=lambda row: tuple("" if v is None else str(v) for v in row.values()))
        return found

    for row in rows("view-sources", "source"):
        iri = str(row["source"])
        view.sources[iri] = SourceView(
            iri=iri,
            slug=page_slug(iri),
            title=str(row["title"]),
            text=str(row["text"]),
            language=text_or_none(row["language"]),
            url=text_or_none(row["url"]),
            date=text_or_none(row["date"]),
            author=text_or_none(row["author"]),
            publisher=text_or_none(row["publisher"]),
        )
    for row in rows("view-claims", "claim"):
        iri = str(row["claim"])
        claim = view.claims.setdefault(iri, ClaimView(iri=iri, slug=page_slug(iri)))
        if row["text"] is not None:
            claim.text[_lang(row["text"])] = str(row["text"])
        if row["about"] is not None and str(row["about"]) not in claim.about:
            claim.about.append(str(row["about"]))
        if row["time"] is not None:
            claim.time = str(row["time"])
    for row in rows("view-agents", "agent"):
        iri = str(row["agent"])
        agent = view.agents.setdefault(iri, AgentView(iri=iri, slug=page_slug(iri)))
        if row["type"] is not None:
            agent.kind = _KINDS.get(str(row["type"]), agent.kind)
        if row["label"] is not None:
            agent.labels[_lang(row["label"])] = str(row["label"])
        if row["alias"] is not None and str(row["alias"]) not in agent.aliases:
            agent.aliases.append(str(row["alias"]))
        if row["role"] is not None and str(row["role"]) not in agent.roles:
            agent.roles.append(str(row["role"]))
        same = text_or_none(row["sameAs"])
        if same and same.startswith(str(WD)):
            agent.wikidata = same[len(str(WD)) :]
    statement_rows = rows("view-statements", "statement", ordered=False)
    statement_rows.sort(key=_statement_order)
    for row in statement_rows:
        iri = str(row["statement"])
        target = str(row["claim"])
        if iri in view.statements:
            if target not in view.statements[iri].claims:
                view.statements[iri].claims.append(target)
            continue
        view.statements[iri] = StatementView(
            iri=iri,
            slug=page_slug(iri),
            claims=[target],
            claimant=str(row["claimant"]),
            stance=_stance(row["stance"]),
            source=str(row["source"]),
            start=int(str(row["start"])),
            end=int(str(row["end"])),
            exact=str(row["exact"]),
            prefix=text_or_none(row["prefix"]) or "",
            suffix=text_or_none(row["suffix"]) or "",
            quote=is_true(row["quote"]),
            verb=text_or_none(row["verb"]),
            hedged=is_true(row["hedged"]),
            hedge=text_or_none(row["hedge"]),
            date=text_or_none(row["date"]),
            date_text=text_or_none(row["dateText"]),
        )
    for row in rows("view-responses", "statement"):
        statement = view.statements.get(str(row["statement"]))
        if statement is not None:
            statement.responds_to.append(str(row["target"]))
    for row in rows("view-reviews", "review"):
        iri = str(row["review"])
        view.reviews[iri] = ReviewView(
            iri=iri,
            slug=page_slug(iri),
            claim=str(row["claim"]),
            rating=text_or_none(row["rating"]),
            author=text_or_none(row["author"]),
            url=text_or_none(row["url"]),
            date=text_or_none(row["date"]),
        )


def read_view(store: Store) -> View:
    """Read every claim, statement, agent, source and review of ``store`` into a :class:`View`."""
    view = View()
    read_items(view, store)
    for statement in view.statements.values():
        source = view.sources.get(statement.source)
        statement.set_sentence(source.text if source else "")
    add_claimants(view)
    _unique_slugs(view)
    return view


def add_claimants(view: View) -> None:
    """Add an agent for every statement's claimant that is neither an agent nor a source
    (in the statements' order), and name them in ``view.claimants_only``."""
    for statement in view.statements.values():
        if statement.claimant not in view.agents and statement.claimant not in view.sources:
            view.agents[statement.claimant] = AgentView(
                iri=statement.claimant, slug=page_slug(statement.claimant)
            )
            view.claimants_only.add(statement.claimant)


def _unique_slugs(view: View) -> None:
    """Give a hash slug to any claim, agent or source whose slug another one already has."""
    for table in (view.claims, view.agents, view.sources):
        for iri, slug in unique_slugs(table).items():
            table[iri].slug = slug


def unique_slugs(table: Mapping[str, AgentView | ClaimView | SourceView]) -> dict[str, str]:
    """The slug of each item of ``table`` by IRI: its :func:`page_slug`, or a hash slug when an
    item of a smaller IRI already has that slug."""
    seen: set[str] = set()
    slugs: dict[str, str] = {}
    for iri in sorted(table):
        slug = page_slug(iri)
        if slug in seen:
            slug = "h-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]
        seen.add(slug)
        slugs[iri] = slug
    return slugs
