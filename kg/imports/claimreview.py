"""``kg import claimreview``: schema.org ClaimReview JSON-LD into claims, agents and reviews.

Reads what fact-checking sites publish: a single ClaimReview object, an array of them, an
``@graph``, or a DataFeed whose ``dataFeedElement`` holds them. Contexts are resolved locally
(:mod:`kg.imports.jsonld`); nothing is fetched.

What maps to what:

=================================  ==========================================================
ClaimReview                        claimgraph
=================================  ==========================================================
``claimReviewed``                  Claim text, in ``inLanguage`` (else ``und``)
``itemReviewed`` (Claim)           the Claim; its ``text`` values (with languages) win over
                                   ``claimReviewed``; an ``@id`` in claimgraph's namespace is
                                   kept, any other claim gets ``claim/<slug of its text>``
``itemReviewed.author``            an Agent, merged by id, Wikidata ``sameAs`` or alias with
                                   kg/data/agents.yaml and the agents in the store; else a new
                                   agent ``agent/<slug of its name>``; linked as the claim's
                                   ``schema:author``
``itemReviewed.datePublished``     the claim's ``schema:datePublished``
``appearance`` / ``firstAppearance``  a known source, or a WebPage (schema:CreativeWork) known
                                   by its URL only
``reviewRating``                   Rating (``alternateName``, ``ratingValue``, ``bestRating``,
                                   ``worstRating``)
``author`` / ``url`` / ``datePublished``  the Review's author name, URL and date
=================================  ==========================================================

A ClaimReview has no article text, so no Statement (with its exact span) can be made from it;
who made the claim, when and where is kept on the claim with schema.org's own properties
(:class:`kg.model.appearance.ClaimContext`). Each file becomes one named graph,
``…/id/graph/import/<file slug>``, validated entirely before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError as PydanticError
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node as RdfNode

from kg.curation.agents import AgentIndex, load_agents, pydantic_message
from kg.errors import InputError, KgError
from kg.ids import agent_iri, claim_iri, review_iri, source_iri
from kg.imports.checks import check_new_graph, referenced, type_context
from kg.imports.jsonld import load_json, parse_dataset
from kg.model import Agent, Claim, Rating, Review
from kg.model.appearance import ClaimContext, WebPage
from kg.namespace import CG, CGID, RDF, SDO, WD
from kg.queries import load_query
from kg.rdf import Node, from_graph, to_graph
from kg.slugs import slugify
from kg.store import Store

__all__ = ["ImportedFile", "import_graph_iri", "import_paths", "read_claimreview_file"]

_HTTP_SCHEMA = "http://schema.org/"
_KIND = {
    SDO.Person: "person",
    SDO.Organization: "organization",
    SDO.GovernmentOrganization: "government",
}
_WIKIDATA_PREFIXES = (
    "http://www.wikidata.org/entity/",
    "https://www.wikidata.org/entity/",
    "https://www.wikidata.org/wiki/",
    "http://www.wikidata.org/wiki/",
)


def _text_key(text: str) -> str:
    """Claim texts compare case-insensitively, with white space collapsed."""
    return " ".join(text.split()).casefold()


def import_graph_iri(slug: str) -> URIRef:
    """The named graph of one imported file."""
    return CGID[f"graph/import/{slug}"]


@dataclass
class ImportedFile:
    """One file read and checked: its graph IRI, triples and counts."""

    path: Path
    graph_iri: URIRef
    graph: Graph
    reviews: int
    claims: int
    agents: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ reading the RDF


def _normalise(graph: Graph) -> Graph:
    """Read ``http://schema.org/`` terms as ``https://schema.org/``."""

    def fix(term: RdfNode) -> RdfNode:
        if isinstance(term, URIRef) and str(term).startswith(_HTTP_SCHEMA):
            return SDO[str(term)[len(_HTTP_SCHEMA) :]]
        return term

    out = Graph()
    for s, p, o in graph:
        out.add((fix(s), fix(p), fix(o)))
    return out


class _Reader:
    """Reads one ClaimReview node; errors name the review by its position in the file."""

    def __init__(self, graph: Graph, node: RdfNode, where: str) -> None:
        self.graph = graph
        self.node = node
        self.where = where

    def fail(self, what: str) -> InputError:
        return InputError(f"{self.where}: {what}")

    def values(self, node: RdfNode, prop: URIRef) -> list[RdfNode]:
        return sorted(self.graph.objects(node, prop), key=str)  # type: ignore[arg-type]

    def one(self, node: RdfNode, prop: URIRef, name: str) -> RdfNode | None:
        found = self.values(node, prop)
        if len(found) > 1 and not all(isinstance(v, Literal) and v.language for v in found):
            raise self.fail(f"{name} has {len(found)} values; expected one")
        return found[0] if found else None

    def text(self, node: RdfNode, prop: URIRef, name: str) -> str | None:
        value = self.one(node, prop, name)
        if value is None:
            return None
        if not isinstance(value, Literal):
            raise self.fail(f"{name} must be text, not an object")
        return str(value).strip() or None

    def date(self, node: RdfNode, name: str) -> dt.date | None:
        value = self.one(node, SDO.datePublished, name)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            raise self.fail(f"{name} {str(value)!r} is not a date (YYYY-MM-DD)") from None

    def number(self, node: RdfNode, prop: URIRef, name: str) -> float | None:
        value = self.one(node, prop, name)
        if value is None:
            return None
        try:
            number = float(str(value).strip())
        except ValueError:
            raise self.fail(f"{name} {str(value)!r} is not a number") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise self.fail(f"{name} {str(value)!r} is not a finite number")
        return number

    def url(self, node: RdfNode, name: str) -> str | None:
        value = self.one(node, SDO.url, name)
        if value is None:
            return None
        text = str(value).strip()
        if not text.startswith(("http://", "https://")) or any(c in text for c in ' <>"{}|\\^`'):
            raise self.fail(f"{name} {text!r} is not an http(s) URL")
        return text

    def name(self, node: RdfNode, what: str) -> str:
        """The name of an author: a text, or an object with a name."""
        if isinstance(node, Literal):
            if not str(node).strip():
                raise self.fail(f"{what} is empty")
            return str(node).strip()
        name = self.text(node, SDO.name, f"{what}.name") or self.text(
            node, SDO.alternateName, f"{what}.alternateName"
        )
        if not name:
            raise self.fail(f"{what} has no name")
        return name


# ------------------------------------------------------------------ the mapping


class _Mapper:
    """Turns the ClaimReviews of one file into models."""

    def __init__(self, known: _Known) -> None:
        self.index = known.index
        self.stored_agents = known.agents
        self.by_wikidata = {a.wikidata: a for a in known.index if a.wikidata}
        self.known_claims = known.claims
        #: Known claims by their text (any language), so a ClaimReview of a claim the store
        #: already holds, in the same words, reviews that claim.
        self.by_text = {
            _text_key(str(text)): claim for claim, ts in sorted(known.claims.items()) for text in ts
        }
        self.nodes: dict[str, Node] = {}
        #: What the new graph is checked against: known claims it refers to.
        self.context = Graph()

    def add(self, node: Agent | Claim | Review | WebPage) -> None:
        self.nodes.setdefault(node.id, node)

    def agent(self, r: _Reader, node: RdfNode, lang: str, what: str) -> str:
        """The IRI of the agent ``node`` names, adding a new agent if none is known."""
        name = r.name(node, what)
        same_as = (
            [str(v) for v in r.values(node, SDO.sameAs)] if not isinstance(node, Literal) else []
        )
        qids = [
            s.rstrip("/").rsplit("/", 1)[-1] for s in same_as if s.startswith(_WIKIDATA_PREFIXES)
        ]
        found = None
        if isinstance(node, URIRef):
            found = self.index.by_iri.get(str(node))
        for qid in qids:
            found = found or self.by_wikidata.get(qid)
        found = found or self.index.resolve(name)
        if found is None:
            kinds = (
                [_KIND[URIRef(str(t))] for t in r.values(node, RDF.type) if t in _KIND]
                if not isinstance(node, Literal)
                else []
            )
            try:
                found = Agent(
                    id=str(agent_iri(slugify(name, 60))),
                    kind=kinds[0] if kinds else "organization",
                    labels={lang: name},
                    same_as=[str(WD[q]) for q in qids if q.startswith("Q")],
                )
            except PydanticError as exc:
                raise r.fail(f"{what}: {pydantic_message(exc)}") from None
            self.add(found)
        else:
            self.add_registry_agent(found)
        return found.id

    def add_registry_agent(self, agent: Agent) -> None:
        """Copy a registry agent the store does not hold yet (and the agents its roles name)."""
        if agent.id in self.stored_agents or agent.id in self.nodes:
            return
        self.add(agent)
        for role in agent.roles:
            other = self.index.by_iri.get(role.of) if role.of else None
            if other is not None:
                self.add_registry_agent(other)

    def page(self, r: _Reader, node: RdfNode, what: str) -> str:
        """The IRI of a source or web page a claim appeared on."""
        if isinstance(node, Literal):
            raise r.fail(f"{what} must be an object or a URL, not text")
        web = str(CGID["source/web-"])
        ours = isinstance(node, URIRef) and str(node).startswith(str(CGID["source/"]))
        if ours and not str(node).startswith(web):
            return str(node)  # a claimgraph article, exported by `kg export claimreview`
        url = r.url(node, f"{what}.url") or (
            str(node) if isinstance(node, URIRef) and not ours else None
        )
        if url is None or not url.startswith(("http://", "https://")):
            raise r.fail(f"{what} has no url")
        try:
            page = WebPage(
                id=str(node)
                if ours
                else str(source_iri("web-" + slugify(url.split("://", 1)[-1], 100))),
                url=url,
                title=r.text(node, SDO.headline, f"{what}.headline")
                or r.text(node, SDO.name, f"{what}.name"),
                date=r.date(node, f"{what}.datePublished"),
            )
        except PydanticError as exc:
            raise r.fail(f"{what}: {pydantic_message(exc)}") from None
        self.add(page)
        return page.id

    def claim_texts(self, r: _Reader, item: RdfNode | None, lang: str) -> dict[str, str]:
        texts: dict[str, str] = {}
        if item is not None:
            for value in r.values(item, SDO.text):
                if isinstance(value, Literal) and str(value).strip():
                    texts[value.language or lang] = str(value).strip()
        if not texts:
            reviewed = r.text(r.node, SDO.claimReviewed, "claimReviewed")
            if reviewed:
                texts[lang] = reviewed
        if not texts and item is not None:
            name = r.text(item, SDO.name, "itemReviewed.name")
            if name:
                texts[lang] = name
        if not texts:
            raise r.fail("missing claimReviewed (the text of the claim)")
        return texts

    def review(self, r: _Reader) -> None:
        """Map one ClaimReview node."""
        node = r.node
        lang_term = r.one(node, SDO.inLanguage, "inLanguage")
        lang = str(lang_term).strip().lower() if isinstance(lang_term, Literal) else "und"
        item = r.one(node, SDO.itemReviewed, "itemReviewed")
        if isinstance(item, Literal):
            raise r.fail("itemReviewed must be an object (schema:Claim), not text")
        texts = self.claim_texts(r, item, lang)
        if isinstance(item, URIRef) and str(item).startswith(str(CGID["claim/"])):
            claim = str(item)
        else:
            same = [self.by_text[k] for k in map(_text_key, texts.values()) if k in self.by_text]
            first = texts.get("en") or texts[sorted(texts)[0]]
            claim = same[0] if same else str(claim_iri(slugify(first, 80)))
        if claim in self.known_claims:
            for rdf_type in Claim.rdf_types:
                self.context.add((URIRef(claim), RDF.type, rdf_type))
            for text in self.known_claims[claim]:
                self.context.add((URIRef(claim), SDO.text, text))
        else:
            try:
                self.add(Claim(id=claim, text=texts))
            except PydanticError as exc:
                raise r.fail(f"claim: {pydantic_message(exc)}") from None
        rating = r.one(node, SDO.reviewRating, "reviewRating")
        if rating is None:
            raise r.fail("missing reviewRating")
        if isinstance(rating, Literal):
            raise r.fail(
                f"reviewRating must be an object (schema:Rating), not the text {str(rating)!r}"
            )
        label = r.text(rating, SDO.alternateName, "reviewRating.alternateName") or r.text(
            rating, SDO.name, "reviewRating.name"
        )
        if not label:
            raise r.fail("reviewRating has no alternateName (the verdict as text)")
        author_node = r.one(node, SDO.author, "author")
        if author_node is None:
            raise r.fail("missing author (the fact-checking organisation)")
        author = r.name(author_node, "author")
        date = r.date(node, "datePublished")
        context = ClaimContext(id=claim)
        if item is not None:
            authors = [
                self.agent(r, a, lang, "itemReviewed.author") for a in r.values(item, SDO.author)
            ]
            first_node = r.one(item, SDO.firstAppearance, "itemReviewed.firstAppearance")
            first_page = self.page(r, first_node, "firstAppearance") if first_node else None
            pages = [self.page(r, p, "appearance") for p in r.values(item, SDO.appearance)]
            context = ClaimContext(
                id=claim,
                authors=authors,
                date=r.date(item, "itemReviewed.datePublished"),
                appearances=pages + ([first_page] if first_page else []),
                first_appearance=first_page,
            )
        try:
            review = Review(
                id=str(review_iri(_review_slug(claim, author, date))),
                claim=claim,
                rating=Rating(
                    label=label,
                    value=r.number(rating, SDO.ratingValue, "reviewRating.ratingValue"),
                    best=r.number(rating, SDO.bestRating, "reviewRating.bestRating"),
                    worst=r.number(rating, SDO.worstRating, "reviewRating.worstRating"),
                ),
                author=author,
                url=r.url(node, "url"),
                date=date,
            )
        except PydanticError as exc:
            raise r.fail(f"review: {pydantic_message(exc)}") from None
        self.add(review)
        if context.authors or context.appearances or context.date:
            existing = self.nodes.get(f"{claim}#context")
            if isinstance(existing, ClaimContext):
                context = _merge_contexts(existing, context)
            self.nodes[f"{claim}#context"] = context


def _merge_contexts(a: ClaimContext, b: ClaimContext) -> ClaimContext:
    return ClaimContext(
        id=a.id,
        authors=a.authors + b.authors,
        date=min(d for d in (a.date, b.date) if d) if (a.date or b.date) else None,
        appearances=a.appearances + b.appearances,
        first_appearance=a.first_appearance or b.first_appearance,
    )


def _review_slug(claim: str, author: str, date: dt.date | None) -> str:
    from kg.curation.reviews import review_slug

    return review_slug(claim, author, date)


# ------------------------------------------------------------------ files and folders


@dataclass
class _Known:
    """What the store already holds, outside the graphs an import replaces."""

    index: AgentIndex
    agents: set[str]
    claims: dict[str, list[Literal]]


def known_to_store(store: Store, replaced: set[URIRef]) -> _Known:
    """Agents (registry first, then the store's) to merge with, and the agents and claims
    defined in graphs the import does not replace (those are referred to, not copied)."""
    graph = Graph()
    kept: set[str] = set()
    for g, s, p, o in store.select(load_query("fmt-agent-triples").text):
        graph.add((s, p, o))  # type: ignore[arg-type]
        if g not in replaced:
            kept.add(str(s))
    stored = []
    for subject in sorted(set(graph.subjects()), key=str):
        try:
            stored.append(from_graph(Agent, graph, URIRef(str(subject))))
        except PydanticError:
            continue
    registry = load_agents()
    ids = {a.id for a in registry}
    try:
        index = AgentIndex(registry + [a for a in stored if a.id not in ids], path="agents")
    except KgError:
        index = AgentIndex(registry)
    claims: dict[str, list[Literal]] = {}
    for g, claim, text in store.select(load_query("fmt-claim-graphs").text):
        if g not in replaced:
            claims.setdefault(str(claim), []).append(text)  # type: ignore[arg-type]
    return _Known(index=index, agents=kept, claims=claims)


def _name_of(graph: Graph, node: RdfNode) -> str:
    """How an error names a ClaimReview: its IRI, url or claim text (blank nodes have none)."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    for prop in (SDO.url, SDO.claimReviewed):
        value = graph.value(node, prop)  # type: ignore[arg-type]
        if value is not None:
            text = str(value)
            return f"<{text}>" if prop == SDO.url else repr(text[:60])
    return "(without url or claimReviewed)"


def _claimreview_nodes(graph: Graph) -> list[RdfNode]:
    """The ClaimReviews of a document, in a stable order (by name)."""
    nodes = set(graph.subjects(RDF.type, SDO.ClaimReview))
    return sorted(nodes, key=lambda n: (_name_of(graph, n), str(n)))


def read_claimreview_file(path: Path, store: Store, known: _Known) -> ImportedFile:
    """Read, map and validate one file; nothing is written."""
    label = str(path)
    data = load_json(path)
    if not isinstance(data, dict | list):
        raise InputError(f"{label}: a ClaimReview file holds a JSON object or array")
    try:
        dataset = parse_dataset(data, base=path.resolve().as_uri(), label=label)
    except InputError as exc:
        message = str(exc)
        raise InputError(message if message.startswith(label) else f"{label}: {message}") from None
    raw = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        raw.add((s, p, o))
    graph = _normalise(raw)
    reviews = _claimreview_nodes(graph)
    if not reviews:
        raise InputError(
            f"{label}: no schema:ClaimReview found (is the @context missing or not schema.org?)"
        )
    mapper = _Mapper(known)
    for node in reviews:
        where = f"{label}: ClaimReview {_name_of(graph, node)}"
        mapper.review(_Reader(graph, node, where))
    out = to_graph(mapper.nodes.values())
    context = type_context(store, referenced(out)) + mapper.context
    check_new_graph(out, context, label=label)
    claims = sum(1 for _ in out.subjects(RDF.type, CG.Claim))
    new_agents = [n.id for n in mapper.nodes.values() if isinstance(n, Agent)]
    return ImportedFile(
        path=path,
        graph_iri=_graph_of(path),
        graph=out,
        reviews=len(reviews),
        claims=claims,
        agents=new_agents,
    )


def _graph_of(path: Path) -> URIRef:
    return import_graph_iri(slugify(path.stem, 80))


def _files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".json", ".jsonld"))
            if not found:
                raise InputError(f"{path}: no .json or .jsonld files")
            out.extend(found)
        elif path.is_file():
            out.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return out


def import_paths(store: Store, paths: Iterable[Path]) -> list[ImportedFile]:
    """Import every ClaimReview file (folders are searched for .json/.jsonld files).

    All files are read and validated first; if any is wrong nothing is written. Each file
    then replaces its own named graph in one transaction.
    """
    from rdflib import Dataset

    files = _files(paths)
    seen: dict[URIRef, Path] = {}
    for path in files:
        if _graph_of(path) in seen:
            raise InputError(f"{path}: same graph name as {seen[_graph_of(path)]}; rename one")
        seen[_graph_of(path)] = path
    known = known_to_store(store, set(seen))
    imported = [read_claimreview_file(path, store, known) for path in files]
    dataset = Dataset()
    for item in imported:
        named = dataset.graph(item.graph_iri)
        for triple in item.graph:
            named.add(triple)
    store.replace_graphs(dataset, [item.graph_iri for item in imported])
    return imported
