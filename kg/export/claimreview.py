"""``kg export claimreview``: one schema.org ClaimReview JSON-LD document per reviewed claim.

Each document follows Google's fact-check markup: ``claimReviewed`` (the claim's text),
``reviewRating`` (``alternateName`` and, if known, ``ratingValue``/``bestRating``/
``worstRating``), ``url``, ``author`` (the reviewing agents with their ``url`` and ``sameAs``
when the review was imported, else the author's name), ``datePublished`` (a date or the
date-time the publisher gave), ``name``, ``license``, ``inLanguage`` and ``itemReviewed``, a
schema:Claim with its ``author`` (claimants of asserting statements, with ``url`` and
``sameAs``), ``datePublished`` (the earliest statement date), ``appearance`` (the articles and
pages it was found in, with their ``url`` when known) and ``firstAppearance`` (likewise). A claim
with several reviews gives a JSON array of ClaimReviews. Texts of every language travel in
``itemReviewed.text`` as language-tagged values, and every node keeps its claimgraph ``@id``,
so importing the file back gives the same claim and reviews.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.fsutil import atomic_write, safe_child
from kg.ids import slug_of
from kg.namespace import SDO
from kg.queries import load_query
from kg.store import Store
from kg.urls import is_web_url

__all__ = ["SCHEMA_CONTEXT", "claimreview_documents", "write_claimreviews"]

#: The context every ClaimReview document declares (resolved locally on import, never fetched).
SCHEMA_CONTEXT = "https://schema.org"

_KINDS = {
    SDO.Person: "Person",
    SDO.Organization: "Organization",
    SDO.GovernmentOrganization: "GovernmentOrganization",
    SDO.NewsArticle: "NewsArticle",
    SDO.CreativeWork: "CreativeWork",
}


_RATING_KEYS = (("value", "ratingValue"), ("best", "bestRating"), ("worst", "worstRating"))


def _number(term: Identifier | None) -> float | int | None:
    if term is None:
        return None
    value = float(term.toPython()) if isinstance(term, Literal) else float(str(term))
    return int(value) if value.is_integer() else value


def _text(term: Identifier | None) -> str | None:
    return None if term is None else str(term)


def _claim_texts(store: Store) -> dict[str, list[Literal]]:
    texts: dict[str, list[Literal]] = {}
    for claim, text in store.select(load_query("fmt-claims").text):
        texts.setdefault(str(claim), []).append(text)  # type: ignore[arg-type]
    return texts


def _pick_text(texts: list[Literal]) -> Literal:
    by_lang = {t.language or "und": t for t in texts}
    return by_lang.get("en") or texts[0]


def _agent_entries(rows: Any, with_id: bool) -> list[dict[str, Any]]:
    """ClaimReview agent objects from (agent, kind, label, sameAs, url, link) rows: name,
    url and every sameAs (Wikidata and the publisher's own links) when known."""
    agents: dict[str, dict[str, Any]] = {}
    for agent, kind, label, same_as, url, link in rows:
        entry = agents.setdefault(str(agent), {"@id": str(agent), "_labels": {}, "_same": set()})
        if kind is not None:
            entry["@type"] = _KINDS.get(URIRef(str(kind)), "Organization")
        if isinstance(label, Literal):
            entry["_labels"][label.language or "und"] = str(label)
        for value in (same_as, link):
            if is_web_url(str(value)):  # None, or stored before URLs were checked: left out
                entry["_same"].add(str(value))
        if is_web_url(str(url)):
            entry["url"] = str(url)
    out = []
    for entry in agents.values():
        labels, same = entry.pop("_labels"), sorted(entry.pop("_same"))
        if entry.get("@type") in ("NewsArticle", "CreativeWork"):
            continue  # an unattributed report: the article is an appearance, not an author
        if not with_id:
            del entry["@id"]
        entry.setdefault("@type", "Organization")
        if labels:
            entry["name"] = labels.get("en") or labels.get("und") or sorted(labels.items())[0][1]
        if same:
            entry["sameAs"] = same[0] if len(same) == 1 else same
        out.append({k: entry[k] for k in sorted(entry, key=_key_order)})
    return out


def _key_order(key: str) -> tuple[int, str]:
    order = ("@type", "@id", "name", "url", "sameAs")
    return (order.index(key), key) if key in order else (len(order), key)


def _authors(store: Store, claim: URIRef) -> list[dict[str, Any]]:
    rows = store.select(load_query("fmt-claim-authors").text, {"claim": claim})
    return _agent_entries(rows, with_id=True)


def _one_or_many(items: list[dict[str, Any]]) -> dict[str, Any] | list[dict[str, Any]]:
    return items[0] if len(items) == 1 else items


def _appearances(
    store: Store, claim: URIRef
) -> tuple[list[dict[str, Any]], str | None, str | None]:
    """Appearances of a claim, its first appearance (if known) and its earliest date."""
    pages: dict[str, dict[str, Any]] = {}
    first: str | None = None
    dates: list[str] = []
    reported: set[str] = set()
    for source, headline, url, date, st_date, is_first, is_reported in store.select(
        load_query("fmt-claim-appearances").text, {"claim": claim}
    ):
        page = pages.setdefault(str(source), {"@id": str(source)})
        if headline is not None:
            page["headline"] = str(headline)
        if is_web_url(str(url)):  # stored before URLs were checked: left out
            page["url"] = str(url)
        if date is not None:
            page["datePublished"] = str(date)
            dates.append(str(date))
        if st_date is not None:
            dates.append(str(st_date))
        if is_first is not None:
            first = str(source)
        if is_reported is not None:
            reported.add(str(source))
    for page in pages.values():
        article = "headline" in page and "url" not in page
        page["@type"] = "NewsArticle" if article else "CreativeWork"
    listed = [pages[k] for k in sorted(pages)]
    if first is None and len(listed) == 1 and listed[0]["@id"] in reported:
        # a claim found in one article only first appeared there
        first = listed[0]["@id"]
    return listed, first, min(dates) if dates else None


def _item_reviewed(store: Store, claim: URIRef, texts: list[Literal]) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim", "@id": str(claim)}
    item["text"] = [{"@value": str(t), "@language": t.language or "und"} for t in texts]
    authors = _authors(store, claim)
    if authors:
        item["author"] = authors[0] if len(authors) == 1 else authors
    pages, first, earliest = _appearances(store, claim)
    explicit = store.select(load_query("fmt-claim-dates").text, {"claim": claim})
    date = _text(explicit.rows[0][0]) if len(explicit) else earliest
    if date:
        item["datePublished"] = date
    if pages:
        item["appearance"] = pages
    if first:
        item["firstAppearance"] = next((p for p in pages if p["@id"] == first), {"@id": first})
    return item


def claimreview_documents(store: Store) -> Iterator[tuple[str, Any]]:
    """(claim slug, JSON document) for every reviewed claim, in claim order."""
    texts = _claim_texts(store)
    by_claim: dict[str, list[dict[str, Any]]] = {}
    for row in store.select(load_query("fmt-reviews").text).dicts():
        claim = str(row["claim"])
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": str(row["label"])}
        for key, name in _RATING_KEYS:
            number = _number(row[key])
            if number is not None:
                rating[name] = number
        review: dict[str, Any] = {"@context": SCHEMA_CONTEXT, "@type": "ClaimReview"}
        review["@id"] = str(row["review"])
        if is_web_url(str(row["url"])):
            review["url"] = str(row["url"])
        if row["date"] is not None:
            review["datePublished"] = str(row["date"])
        if row["name"] is not None:
            review["name"] = str(row["name"])
        if is_web_url(str(row["license"])):
            review["license"] = str(row["license"])
        creators = _agent_entries(
            store.select(
                load_query("fmt-review-creators").text, {"review": URIRef(str(row["review"]))}
            ),
            with_id=False,
        )
        review["author"] = (
            _one_or_many(creators)
            if creators
            else {"@type": "Organization", "name": str(row["author"])}
        )
        claim_texts = texts.get(claim, [])
        if claim_texts:
            picked = _pick_text(claim_texts)
            review["claimReviewed"] = str(picked)
            lang = str(row["lang"]) if row["lang"] is not None else picked.language
            if lang and lang != "und":
                review["inLanguage"] = lang
        review["reviewRating"] = rating
        review["itemReviewed"] = _item_reviewed(store, URIRef(claim), claim_texts)
        by_claim.setdefault(claim, []).append(review)
    for claim in sorted(by_claim):
        reviews = by_claim[claim]
        yield slug_of(claim), reviews[0] if len(reviews) == 1 else reviews


def write_claimreviews(store: Store, folder: Path) -> list[Path]:
    """Write ``folder/<claim-slug>.jsonld`` for every reviewed claim; return the paths."""
    written = []
    for slug, doc in claimreview_documents(store):
        path = safe_child(folder, f"{slug}.jsonld")
        atomic_write(path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        written.append(path)
    return written
