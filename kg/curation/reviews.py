"""Recording a fact-checker's verdict on a claim (``kg review``).

All reviews live in one named graph, ``…/id/graph/reviews``. Recording a review reads that
graph, replaces the review with the same IRI (claim + author + date make the IRI, so running
the same review twice replaces it), validates the result against the SHACL shapes and writes
the graph back in one transaction.

A claim is named by its IRI, its slug (``containers-shipped``) or a piece of its text that
matches exactly one claim (case-insensitive, any language).
"""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError as PydanticError
from rdflib import Dataset, Graph, Literal, URIRef

from kg.curation.agents import pydantic_message
from kg.errors import InputError
from kg.ids import review_iri, slug_of
from kg.imports.checks import check_new_graph, referenced, type_context
from kg.model import Rating, Review
from kg.namespace import CGID
from kg.queries import load_query
from kg.rdf import to_triples
from kg.slugs import short_hash, slugify
from kg.store import Store

__all__ = [
    "REVIEWS_GRAPH",
    "find_claim",
    "graph_triples",
    "record_review",
    "review_slug",
]

#: The named graph holding every review recorded with ``kg review``.
REVIEWS_GRAPH = CGID["graph/reviews"]


def review_slug(claim: str, author: str, date: dt.date | None) -> str:
    """The slug of a review: claim slug, author slug and date.

    >>> review_slug("https://w3id.org/claimgraph/id/claim/containers-shipped", "Tempo Cek Fakta",
    ...             dt.date(2024, 6, 1))
    'containers-shipped--tempo-cek-fakta--2024-06-01'
    """
    when = date.isoformat()[:10] if date else "undated"
    slug = f"{slugify(slug_of(claim), 60)}--{slugify(author, 40)}--{when}"
    if len(slug) > 120:
        slug = slug[:110].rstrip("-") + "-" + short_hash(slug)
    return slug


def find_claim(store: Store, name: str) -> URIRef:
    """The claim named by ``name``: an IRI, a slug, or text matching exactly one claim."""
    wanted = name.strip()
    if not wanted:
        raise InputError("no claim given")
    texts: dict[URIRef, list[str]] = {}
    for claim, text in store.select(load_query("fmt-claims").text):
        texts.setdefault(URIRef(str(claim)), []).append(str(text))
    if not any(c in wanted for c in ' <>"{}|\\^`'):  # could be an IRI or a slug
        by_iri = {str(c): c for c in texts}
        for candidate in (wanted, f"{CGID}claim/{wanted}"):
            if candidate in by_iri:
                return by_iri[candidate]
    needle = wanted.casefold()
    hits = sorted(c for c, ts in texts.items() if any(needle in t.casefold() for t in ts))
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise InputError(f"claim {wanted!r}: no claim has this IRI, slug or text")
    names = ", ".join(slug_of(h) for h in hits[:5])
    raise InputError(f"claim {wanted!r}: matches {len(hits)} claims ({names}); give a slug")


def graph_triples(store: Store, graph: URIRef) -> Graph:
    """The triples of one named graph of the store, as an rdflib Graph."""
    out = Graph()
    for s, p, o in store.select(load_query("fmt-graph-triples").text, {"graph": graph}):
        out.add((s, p, o))  # type: ignore[arg-type]
    return out


def _without(graph: Graph, subject: URIRef) -> Graph:
    """``graph`` without the triples of ``subject`` and its fragment children."""
    prefix = str(subject) + "#"
    out = Graph()
    for s, p, o in graph:
        if s == subject or str(s).startswith(prefix):
            continue
        out.add((s, p, o))
    return out


def record_review(
    store: Store,
    claim: str,
    rating: str,
    author: str,
    url: str | None = None,
    date: dt.date | None = None,
    value: float | None = None,
    best: float | None = None,
    worst: float | None = None,
) -> Review:
    """Add (or replace) a review of ``claim`` in the reviews graph; return it."""
    claim_ref = find_claim(store, claim)
    try:
        review = Review(
            id=str(review_iri(review_slug(claim_ref, author, date))),
            claim=str(claim_ref),
            rating=Rating(label=rating, value=value, best=best, worst=worst),
            author=author,
            url=url,
            date=date,
        )
    except PydanticError as exc:
        raise InputError(f"review: {pydantic_message(exc)}") from None
    _check_scale(review.rating)
    graph = _without(graph_triples(store, REVIEWS_GRAPH), URIRef(review.id))
    for triple in to_triples(review):
        graph.add(triple)
    check_new_graph(graph, type_context(store, referenced(graph)), label="review")
    dataset = Dataset()
    named = dataset.graph(REVIEWS_GRAPH)
    for triple in graph:
        named.add(triple)
    store.replace_graphs(dataset, [REVIEWS_GRAPH])
    return review


def _check_scale(rating: Rating) -> None:
    """A rating's value must lie between its worst and best values, when they are given."""
    low, high = rating.worst, rating.best
    if low is not None and high is not None and low > high:
        raise InputError(f"rating: worst ({low:g}) is above best ({high:g})")
    if rating.value is None:
        return
    if (low is not None and rating.value < low) or (high is not None and rating.value > high):
        raise InputError(f"rating: value {rating.value:g} is outside its scale")


def review_literal(review: Review) -> Literal:
    """The review's label, for reports: ``"False" by Tempo (2024-06-01)``."""
    when = f" ({review.date.isoformat()})" if review.date else ""
    return Literal(f'"{review.rating.label}" by {review.author}{when}')
