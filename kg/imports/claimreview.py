"""``kg import claimreview``: schema.org ClaimReview JSON-LD into claims, agents and reviews.

Reads what fact-checking sites publish: a single ClaimReview object, an array of them, an
``@graph``, or a DataFeed (or a lone DataFeedItem) whose ``item`` holds them. Contexts are
resolved locally (:mod:`kg.imports.jsonld`); nothing is fetched. Values are read as Google's
fact-check reader reads them (:mod:`kg.imports.claimreview_reader`): empty optional fields are
absent, relative URLs are resolved against ``--base-url``, the feed's URL or the review's own
URL, and every such leniency is reported as a warning.

What maps to what:

=================================  ==========================================================
ClaimReview                        claimgraph
=================================  ==========================================================
``claimReviewed``                  Claim text, in ``inLanguage``, else the detected language
``itemReviewed`` (Claim)           the Claim; its ``text`` values (with languages) win over
                                   ``claimReviewed``; an ``@id`` in claimgraph's namespace is
                                   kept, any other claim gets ``claim/<slug of its text>``
``itemReviewed.author``            an Agent (with ``url``, ``sameAs``, ``@id``), merged by id,
                                   Wikidata ``sameAs`` or name with kg/data/agents.yaml and the
                                   store's agents; linked as the claim's ``schema:author``
``itemReviewed.datePublished``     the claim's ``schema:datePublished`` (date or date-time)
``appearance`` / ``firstAppearance``  a known source, or a WebPage (schema:CreativeWork) known
/ ``itemReviewed.url``             by its URL; all of them are the claim's appearances
``reviewRating``                   Rating (``alternateName``, ``ratingValue``, ``bestRating``,
                                   ``worstRating``)
``author``                         the review's ``schema:author`` (names as text) and
                                   ``schema:creator`` (the agents, with url, sameAs and @id)
``url`` / ``datePublished`` /      the Review's URL, date or date-time, title, licence and
``name`` / ``license`` /           language
``inLanguage``
=================================  ==========================================================

A ClaimReview has no article text, so no Statement (with its exact span) can be made from it;
who made the claim, when and where is kept on the claim with schema.org's own properties
(:class:`kg.model.appearance.ClaimContext`).

Each file becomes one named graph, ``…/id/graph/import/<file slug>-<hash>``, where the hash
is that of the file's reviews' URLs (or ``@id``, or claim texts): two files with the same
name but other reviews never replace each other, and importing a file again replaces its own
graph. Each file is imported, imported with warnings, or rejected with every problem listed;
:func:`import_claimreviews` goes on past a rejected file, :func:`import_paths` (``--strict``)
writes nothing unless every file is clean of problems.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError as PydanticError
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node as RdfNode

from kg.curation.agents import AgentIndex, load_agents, pydantic_message
from kg.errors import InputError, KgError
from kg.ids import agent_iri, claim_iri, review_iri, source_iri
from kg.imports.checks import check_new_graph, referenced, type_context
from kg.imports.claimreview_reader import RELATIVE_BASE, Reader, relative_part
from kg.imports.iris import check_iris
from kg.imports.jsonld import load_json, parse_dataset
from kg.imports.replace import replace_graphs
from kg.model import Agent, Claim, Rating, Review
from kg.model.appearance import ClaimContext, WebPage
from kg.namespace import CG, CGID, RDF, SDO, WD
from kg.queries import load_query
from kg.rdf import Node, from_graph, to_graph, to_triples
from kg.slugs import key_slug, name_key, short_hash, slugify
from kg.store import Store
from kg.urls import is_web_url

__all__ = [
    "FileOutcome",
    "ImportedFile",
    "import_claimreviews",
    "import_graph_iri",
    "import_paths",
    "read_claimreview_file",
]

_HTTP_SCHEMA = "http://schema.org/"
_KIND = {
    SDO.Person: "person",
    SDO.Organization: "organization",
    SDO.NewsMediaOrganization: "organization",
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
    return name_key(text)


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
    warnings: list[str] = field(default_factory=list)


@dataclass
class FileOutcome:
    """What became of one file: imported (perhaps with warnings) or rejected (with every
    problem found)."""

    path: Path
    imported: ImportedFile | None = None
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.problems:
            return "rejected"
        if self.imported is None:
            return "skipped"
        return "imported with warnings" if self.warnings else "imported"


_LANGID_AS = {"yue": "zh"}


def _detect_language(text: str) -> str:
    """The language of a claim or review text: claimgraph's own detector for the languages it
    supports, else py3langid (offline, 97 languages)."""
    from kg.extract.detect import detect_language
    from kg.extract.errors import UnsupportedLanguageError

    try:
        return detect_language(text)
    except UnsupportedLanguageError:
        import py3langid

        code, _score = py3langid.classify(text)
        # py3langid calls most Traditional Chinese "yue" (Cantonese); fact-checkers in Taiwan
        # and Hong Kong publish standard written Chinese
        return _LANGID_AS.get(str(code), str(code))


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


# ------------------------------------------------------------------ the mapping


class _Mapper:
    """Turns the ClaimReviews of one file into models."""

    def __init__(self, known: _Known) -> None:
        self.index = known.index
        self.stored_agents = known.agents
        self.registry = known.registry
        self.run_agents = known.run_agents
        self.run_by_key = known.run_by_key
        self.run_reviews = known.run_reviews
        self.by_wikidata = {a.wikidata: a for a in known.index if a.wikidata}
        self.by_link = {link: a for a in known.index for link in a.links}
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

    def _names(self, r: Reader, node: RdfNode, what: str) -> list[str]:
        """The names of an agent: a text, or an object's names (first is its label)."""
        if isinstance(node, Literal):
            return [" ".join(str(node).split())]
        names: list[str] = []
        for prop in (SDO.name, SDO.alternateName):
            for value in r.values(node, prop):
                text = " ".join(str(value).split())
                if isinstance(value, Literal) and text and text not in names:
                    names.append(text)
        given = [n for n in names if n]
        if len(r.values(node, SDO.name)) > 1 and given:  # (names that are no text: none)
            r.warn(f"{what}.name given {len(r.values(node, SDO.name))} times; kept "
                   f"{given[0]!r} as the name, the others as aliases")  # fmt: skip
        return given

    def agent(self, r: Reader, node: RdfNode, lang: str, what: str, reviewer: bool) -> str | None:
        """The IRI of the agent ``node`` names (adding a new one if none is known), or None
        when it has no name (a warning)."""
        names = self._names(r, node, what)
        url = links = None
        same_as: list[str] = []
        if not isinstance(node, Literal):
            url = r.url(node, f"{what}.url", lenient=True)
            if url and not reviewer and r.base and _is_home_of(url, r.base):
                r.warn(f"{what}.url {url!r} is the fact-checker's own home page; left out")
                url = None
            for value in r.values(node, SDO.sameAs):
                resolved = r.resolve(value, f"{what}.sameAs")
                if resolved:
                    same_as.append(resolved)
        own_id = (
            str(node)
            if isinstance(node, URIRef)
            and relative_part(str(node)) is None
            and is_web_url(str(node))
            else None
        )
        if not names:
            host = (url or own_id or "").split("://", 1)[-1].split("/", 1)[0]
            host = host.removeprefix("www.")
            if reviewer and host:
                r.warn(f"{what} has no name; named {host!r} after its url")
                names = [host]
            else:
                r.warn(f"{what} has no name; left out")
                return None
        qids = [
            s.rstrip("/").rsplit("/", 1)[-1] for s in same_as if s.startswith(_WIKIDATA_PREFIXES)
        ]
        links = sorted(
            {s for s in same_as if not s.startswith(_WIKIDATA_PREFIXES)}
            | ({own_id} if own_id and not own_id.startswith(str(CGID)) else set())
        )
        found = None
        if own_id:
            found = self.index.by_iri.get(own_id)
        for qid in qids:
            found = found or self.by_wikidata.get(qid)
        for link in links:
            found = found or self.by_link.get(link)
        found = found or self.index.resolve(names[0])
        earlier = self.run_by_key.get(name_key(names[0])) or self.run_agents.get(
            str(agent_iri(key_slug(names[0], 60)))
        )
        if earlier is not None and (found is None or found.id == earlier.id):
            # defined by a file read before in this run: referred to, not defined again
            for s, p, o in to_triples(earlier):
                if p == RDF.type:
                    self.context.add((s, p, o))
            return earlier.id
        new_id = None
        if (
            found is not None
            and found.id not in self.registry
            and found.id not in self.stored_agents
        ):
            # an agent of a graph this import replaces: made again from this file, so that
            # importing the same file twice gives the same graph
            new_id, found = found.id, None
        if found is None and own_id and own_id.startswith(str(CGID["agent/"])):
            new_id = new_id or own_id  # a claimgraph agent, exported by `kg export claimreview`
        if found is None:
            kinds = (
                [_KIND[URIRef(str(t))] for t in r.values(node, RDF.type) if t in _KIND]
                if not isinstance(node, Literal)
                else []
            )
            aliases = sorted(set(names[1:]) - {names[0]})
            try:
                found = Agent(
                    id=new_id or str(agent_iri(key_slug(names[0], 60))),
                    kind=kinds[0] if kinds else "organization",
                    labels={lang: names[0]},
                    aliases={lang: aliases} if aliases else {},
                    same_as=[str(WD[q]) for q in qids if q.startswith("Q")],
                    url=url,
                    links=links,
                )
            except PydanticError as exc:
                r.problem(f"{what}: {pydantic_message(exc)}")
                return None
            existing = self.nodes.get(found.id)
            if isinstance(existing, Agent):
                found = _merge_agents(existing, found)
                self.nodes[found.id] = found
            else:
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

    def page(self, r: Reader, node: RdfNode, what: str) -> str | None:
        """The IRI of a source or web page a claim appeared on (None, with a warning, if it
        has no usable URL)."""
        web = str(CGID["source/web-"])
        ours = isinstance(node, URIRef) and str(node).startswith(str(CGID["source/"]))
        if ours and not str(node).startswith(web):
            return str(node)  # a claimgraph article, exported by `kg export claimreview`
        if isinstance(node, Literal) or (isinstance(node, URIRef) and not ours):
            url = r.resolve(node, what)  # a bare URL
            if isinstance(node, URIRef) and (node, None, None) in r.graph:
                url = r.url(node, f"{what}.url", lenient=True) or url
        else:
            url = r.url(node, f"{what}.url", lenient=True)
            if url is None:
                for prop in (SDO.contentUrl, SDO.embedUrl, SDO.sameAs):
                    value = r.one(node, prop, f"{what}.{_local(prop)}", lenient=True)
                    url = url or (r.resolve(value, what) if value is not None else None)
        if url is None:
            r.warn(f"{what} has no url; left out")
            return None
        date = None
        if not isinstance(node, Literal):
            date = r.date(node, f"{what}.datePublished")
        try:
            page = WebPage(
                id=str(node)
                if ours
                else str(source_iri("web-" + slugify(url.split("://", 1)[-1], 100))),
                url=url,
                title=None
                if isinstance(node, Literal)
                else r.text(node, SDO.headline, f"{what}.headline")
                or r.text(node, SDO.name, f"{what}.name"),
                date=date,
            )
        except PydanticError as exc:
            r.problem(f"{what}: {pydantic_message(exc)}")
            return None
        self.add(page)
        return page.id

    def claim_texts(self, r: Reader, item: RdfNode | None, lang: str | None) -> dict[str, str]:
        texts: dict[str, str] = {}
        if item is not None:
            for value in r.values(item, SDO.text):
                if isinstance(value, Literal) and str(value).strip():
                    text = " ".join(str(value).split())
                    texts[value.language or lang or _detect_language(text)] = text
        candidates = [r.text(r.node, SDO.claimReviewed, "claimReviewed", lenient=True)]
        if item is not None:
            candidates.append(r.text(item, SDO.name, "itemReviewed.name", lenient=True))
        for candidate in candidates:
            if not texts and candidate:
                texts[lang or _detect_language(candidate)] = candidate
        if not texts:
            r.problem("missing claimReviewed (the text of the claim)")
        return texts

    def review(self, r: Reader) -> None:
        """Map one ClaimReview node; problems are collected on ``r``."""
        node = r.node
        lang_term = r.one(node, SDO.inLanguage, "inLanguage", lenient=True)
        lang = str(lang_term).strip().lower() if isinstance(lang_term, Literal) else None
        item = r.one(node, SDO.itemReviewed, "itemReviewed")
        if isinstance(item, Literal):
            r.problem("itemReviewed must be an object (schema:Claim), not text")
            item = None
        texts = self.claim_texts(r, item, lang)
        review_lang = lang or (next(iter(texts)) if texts else None)
        rating = r.one(node, SDO.reviewRating, "reviewRating")
        label = None
        if rating is None:
            r.problem("missing reviewRating")
        elif isinstance(rating, Literal):
            r.problem(
                f"reviewRating must be an object (schema:Rating), not the text {str(rating)!r}"
            )
            rating = None
        else:
            label = r.text(rating, SDO.alternateName, "reviewRating.alternateName") or r.text(
                rating, SDO.name, "reviewRating.name"
            )
            if not label:
                r.problem("reviewRating has no alternateName (the verdict as text)")
        url = r.url(node, "url")
        if url and r.base is None:
            r.base = url
        reviewers: list[str] = []
        reviewer_names: list[str] = []
        author_nodes = r.values(node, SDO.author)
        for author_node in author_nodes:
            agent = self.agent(r, author_node, review_lang or "und", "author", reviewer=True)
            if agent is not None:
                reviewers.append(agent)
                node_of = self.nodes.get(agent) or self.run_agents.get(agent)
                reviewer_names.append(_label_of(node_of, self.index, agent))
        if not reviewer_names:
            host = (url or "").split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")
            if host:
                r.warn(f"no author (the fact-checking organisation); named {host!r} after the url")
                reviewer_names.append(host)
            else:
                r.problem("missing author (the fact-checking organisation)")
        author = ", ".join(sorted(reviewer_names, key=name_key))
        date = r.date(node, "datePublished")
        claim = None
        if texts:
            claim = self._claim(r, item, texts)
        context = None
        if item is not None and claim is not None:
            authors = [
                a
                for a in (
                    self.agent(r, n, review_lang or "und", "itemReviewed.author", reviewer=False)
                    for n in r.values(item, SDO.author)
                )
                if a
            ]
            first_node = r.one(item, SDO.firstAppearance, "itemReviewed.firstAppearance")
            first_page = self.page(r, first_node, "firstAppearance") if first_node else None
            pages = [self.page(r, p, "appearance") for p in r.values(item, SDO.appearance)]
            pages += [self.page(r, p, "itemReviewed.url") for p in r.values(item, SDO.url)]
            found = sorted({p for p in pages if p} | ({first_page} if first_page else set()))
            context = ClaimContext(
                id=claim,
                authors=authors,
                date=r.date(item, "itemReviewed.datePublished"),
                appearances=found,
                first_appearance=first_page,
            )
        values = {}
        if rating is not None:
            for key, prop in (
                ("value", SDO.ratingValue),
                ("best", SDO.bestRating),
                ("worst", SDO.worstRating),
            ):
                values[key] = r.number(rating, prop, f"reviewRating.{_local(prop)}")
        name = r.text(node, SDO.name, "name") or r.text(node, SDO.headline, "headline")
        licence = r.one(node, SDO.license, "license", lenient=True)
        if r.problems or claim is None or label is None or not author:
            return
        try:
            review = Review(
                id=str(review_iri(_review_slug(claim, author, date))),
                claim=claim,
                rating=Rating(label=label, **values),
                author=author,
                url=url,
                date=date,
                reviewers=reviewers,
                name=name,
                license=r.resolve(licence, "license") if licence is not None else None,
                language=review_lang if review_lang and review_lang != "und" else None,
            )
        except PydanticError as exc:
            r.problem(f"review: {pydantic_message(exc)}")
            return
        earlier = self.run_reviews.get(review.id)
        if earlier is not None and earlier != review:
            r.warn(
                "the same review (claim, author, date) was read from an earlier file with "
                "other values; that one is kept, this one left out"
            )
            return
        self.add(review)
        if context and (context.authors or context.appearances or context.date):
            existing = self.nodes.get(f"{claim}#context")
            if isinstance(existing, ClaimContext):
                context = _merge_contexts(existing, context)
            self.nodes[f"{claim}#context"] = context

    def _claim(self, r: Reader, item: RdfNode | None, texts: dict[str, str]) -> str | None:
        if isinstance(item, URIRef) and str(item).startswith(str(CGID["claim/"])):
            claim = str(item)
        else:
            same = [self.by_text[k] for k in map(_text_key, texts.values()) if k in self.by_text]
            first = texts.get("en") or texts[sorted(texts)[0]]
            claim = same[0] if same else str(claim_iri(key_slug(first, 80)))
        if claim in self.known_claims:
            for rdf_type in Claim.rdf_types:
                self.context.add((URIRef(claim), RDF.type, rdf_type))
            for text in self.known_claims[claim]:
                self.context.add((URIRef(claim), SDO.text, text))
            return claim
        existing = self.nodes.get(claim)
        try:
            new = Claim(id=claim, text=texts)
        except PydanticError as exc:
            r.problem(f"claim: {pydantic_message(exc)}")
            return None
        if isinstance(existing, Claim):
            self.nodes[claim] = existing.model_copy(update={"text": {**new.text, **existing.text}})
        else:
            self.add(new)
        return claim


def _local(prop: URIRef) -> str:
    return str(prop).rsplit("/", 1)[-1]


def _is_home_of(url: str, page: str) -> bool:
    """Whether ``url`` is the home page of the site ``page`` is on (a placeholder some
    publishers write as a claimant's url, ``"url": "/"``)."""
    parts, home = urlsplit(url), urlsplit(page)
    return parts.netloc == home.netloc and parts.path in ("", "/") and not parts.query


def _label_of(agent: Node | None, index: AgentIndex, iri: str) -> str:
    found = agent if isinstance(agent, Agent) else index.by_iri.get(iri)
    if found is None:
        return iri.rsplit("/", 1)[-1]
    return found.labels.get("en") or found.labels[sorted(found.labels)[0]]


def _merge_agents(a: Agent, b: Agent) -> Agent:
    """The same new agent named twice in one file: keep every label, alias and link."""
    aliases = {k: list(v) for k, v in a.aliases.items()}
    for lang, names in b.aliases.items():
        aliases[lang] = sorted(set(aliases.get(lang, [])) | set(names))
    for lang, label in b.labels.items():
        if a.labels.get(lang, label) != label:
            aliases[lang] = sorted(set(aliases.get(lang, [])) | {label})
    return a.model_copy(
        update={
            "labels": {**b.labels, **a.labels},
            "aliases": aliases,
            "same_as": sorted(set(a.same_as) | set(b.same_as)),
            "links": sorted(set(a.links) | set(b.links)),
            "url": a.url or b.url,
        }
    )


def _merge_contexts(a: ClaimContext, b: ClaimContext) -> ClaimContext:
    dates = [d for d in (a.date, b.date) if d]
    return ClaimContext(
        id=a.id,
        authors=a.authors + b.authors,
        date=min(dates, key=lambda d: d.isoformat()) if dates else None,
        appearances=a.appearances + b.appearances,
        first_appearance=a.first_appearance or b.first_appearance,
    )


def _review_slug(claim: str, author: str, date: Any) -> str:
    from kg.curation.reviews import review_slug

    return review_slug(claim, author, date)


# ------------------------------------------------------------------ files and folders


@dataclass
class _Known:
    """What the store already holds, outside the graphs an import replaces."""

    index: AgentIndex
    agents: set[str]
    claims: dict[str, list[Literal]]
    registry: set[str] = field(default_factory=set)
    #: Agents made by the files read before in the same run, by IRI and by name key: later
    #: files refer to them rather than define them again (one agent, one set of labels).
    run_agents: dict[str, Agent] = field(default_factory=dict)
    run_by_key: dict[str, Agent] = field(default_factory=dict)
    run_reviews: dict[str, Review] = field(default_factory=dict)

    def learn(self, nodes: Iterable[Node]) -> None:
        """Remember the agents and claims a file defines, for the files read after it."""
        for node in nodes:
            if isinstance(node, Agent) and node.id not in self.registry:
                self.run_agents.setdefault(node.id, node)
                for name in node.names():
                    self.run_by_key.setdefault(name_key(name), node)
            elif isinstance(node, Review):
                self.run_reviews.setdefault(node.id, node)
            elif isinstance(node, Claim) and node.id not in self.claims:
                self.claims[node.id] = [Literal(t, lang=lang) for lang, t in node.text.items()]


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
    return _Known(index=index, agents=kept, claims=claims, registry=ids)


def _name_of(graph: Graph, node: RdfNode) -> str:
    """How a message names a ClaimReview: its IRI, url or claim text."""
    if isinstance(node, URIRef) and relative_part(str(node)) is None:
        return f"<{node}>"
    for prop in (SDO.url, SDO.claimReviewed):
        value = graph.value(node, prop)  # type: ignore[arg-type]
        if value is not None and str(value).strip():
            text = relative_part(str(value)) or str(value)
            return f"<{text}>" if prop == SDO.url else repr(text[:60])
    return "(without url or claimReviewed)"


def _claimreview_nodes(graph: Graph) -> list[RdfNode]:
    """The ClaimReviews of a document, in a stable order (by name)."""
    nodes = set(graph.subjects(RDF.type, SDO.ClaimReview))
    return sorted(nodes, key=lambda n: (_name_of(graph, n), str(n)))


def _declares_context(data: Any) -> bool:
    if isinstance(data, dict):
        return "@context" in data or any(_declares_context(v) for v in data.values())
    if isinstance(data, list):
        return any(_declares_context(v) for v in data)
    return False


def _feed_url(graph: Graph) -> str | None:
    """The URL of the feed (a DataFeed's url or @id), the base of relative URLs in it."""
    for feed in sorted(graph.subjects(RDF.type, SDO.DataFeed), key=str):
        for value in [graph.value(feed, SDO.url), feed]:
            text = str(value) if value is not None else ""
            if text.startswith(("http://", "https://")) and relative_part(text) is None:
                return text
    return None


def _graph_of(path: Path, graph: Graph, reviews: list[RdfNode]) -> URIRef:
    """The file's graph: named from its base name and the identity of its reviews."""
    keys = sorted(
        (relative_part(str(graph.value(n, SDO.url) or n)) or str(graph.value(n, SDO.url) or n))
        if isinstance(n, URIRef) or graph.value(n, SDO.url) is not None
        else str(graph.value(n, SDO.claimReviewed) or "")
        for n in reviews
    )
    return import_graph_iri(f"{slugify(path.stem, 60)}-{short_hash(json.dumps(keys))}")


@dataclass
class _Parsed:
    """A file parsed: its triples, ClaimReview nodes and graph name (or its problems)."""

    outcome: FileOutcome
    graph: Graph = field(default_factory=Graph)
    reviews: list[RdfNode] = field(default_factory=list)
    graph_iri: URIRef | None = None


def _parse(path: Path) -> _Parsed:
    label = str(path)
    parsed = _Parsed(outcome=FileOutcome(path=path))
    outcome = parsed.outcome
    try:
        data = load_json(path)
        if not isinstance(data, dict | list):
            raise InputError(f"{label}: a ClaimReview file holds a JSON object or array")
        if isinstance(data, dict) and "@context" not in data and _declares_context(data):
            # a DataFeedItem (Data Commons) whose items carry the context themselves
            data = {"@context": "https://schema.org", **data}
            outcome.warnings.append(f"{label}: no @context at the top; read as schema.org")
        try:
            dataset = parse_dataset(data, base=RELATIVE_BASE, label=label, check=False)
        except InputError as exc:
            message = str(exc)
            raise InputError(
                message if message.startswith(label) else f"{label}: {message}"
            ) from None
    except InputError as exc:
        outcome.problems.append(str(exc))
        return parsed
    raw = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        raw.add((s, p, o))
    parsed.graph = _normalise(raw)
    parsed.reviews = _claimreview_nodes(parsed.graph)
    if not parsed.reviews:
        outcome.problems.append(
            f"{label}: no schema:ClaimReview found (is the @context missing or not schema.org?)"
        )
        return parsed
    parsed.graph_iri = _graph_of(path, parsed.graph, parsed.reviews)
    return parsed


def _map(parsed: _Parsed, store: Store, known: _Known, base_url: str | None) -> FileOutcome:
    """Map and validate one parsed file; nothing is written."""
    outcome = parsed.outcome
    if outcome.problems or parsed.graph_iri is None:
        return outcome
    label = str(outcome.path)
    graph = parsed.graph
    mapper = _Mapper(known)
    base = base_url or _feed_url(graph)
    for node in parsed.reviews:
        reader = Reader(graph, node, f"{label}: ClaimReview {_name_of(graph, node)}", base)
        mapper.review(reader)
        outcome.warnings += reader.warnings
        outcome.problems += reader.problems
    if outcome.problems:
        return outcome
    out = to_graph(mapper.nodes.values())
    try:
        check_iris(out, label)
        context = type_context(store, referenced(out)) + mapper.context
        check_new_graph(out, context, label=label)
    except KgError as exc:
        outcome.problems.append(str(exc))
        return outcome
    known.learn(mapper.nodes.values())
    outcome.imported = ImportedFile(
        path=outcome.path,
        graph_iri=parsed.graph_iri,
        graph=out,
        reviews=len(parsed.reviews),
        claims=sum(1 for _ in out.subjects(RDF.type, CG.Claim)),
        agents=[n.id for n in mapper.nodes.values() if isinstance(n, Agent)],
        warnings=outcome.warnings,
    )
    return outcome


def read_claimreview_file(
    path: Path, store: Store, known: _Known, base_url: str | None = None
) -> FileOutcome:
    """Read, map and validate one file; nothing is written."""
    return _map(_parse(path), store, known, base_url)


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


def _read_all(store: Store, paths: Iterable[Path], base_url: str | None) -> list[FileOutcome]:
    parsed = [_parse(path) for path in _files(paths)]
    seen: dict[URIRef, Path] = {}
    for item in parsed:
        if item.graph_iri is None:
            continue
        if item.graph_iri in seen:  # the same reviews twice in one run: read the first only
            item.outcome.warnings.append(
                f"{item.outcome.path}: the same reviews as {seen[item.graph_iri]}; "
                "not imported twice"
            )
            item.graph_iri = None
        else:
            seen[item.graph_iri] = item.outcome.path
    known = known_to_store(store, set(seen))
    return [_map(item, store, known, base_url) for item in parsed]


def _write(store: Store, imported: list[ImportedFile]) -> None:
    dataset = Dataset()
    for item in imported:
        named = dataset.graph(item.graph_iri)
        for triple in item.graph:
            named.add(triple)
    replace_graphs(store, dataset, [item.graph_iri for item in imported])


def import_claimreviews(
    store: Store, paths: Iterable[Path], base_url: str | None = None
) -> list[FileOutcome]:
    """Import every ClaimReview file (folders are searched for .json/.jsonld files), going
    on past rejected files: each file that is clean of problems replaces its own graph."""
    outcomes = _read_all(store, paths, base_url)
    imported = [o.imported for o in outcomes if o.imported is not None and not o.problems]
    if imported:
        _write(store, imported)
    return outcomes


def import_paths(
    store: Store, paths: Iterable[Path], base_url: str | None = None
) -> list[ImportedFile]:
    """All or nothing (``--strict``): every file is read and validated first; if any has a
    problem, an InputError names the first one and nothing is written."""
    outcomes = _read_all(store, paths, base_url)
    for outcome in outcomes:
        if outcome.problems:
            raise InputError(outcome.problems[0])
    imported = [o.imported for o in outcomes if o.imported is not None]
    _write(store, imported)
    return imported
