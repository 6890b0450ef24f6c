"""The browsing pages: one function per page type (index, claim, agent, source).

Each returns a :class:`Page` (template, context, JSON twin); :func:`render` turns it into HTML
with a fresh CSP nonce. The same pages are written as a static site (:mod:`kg.web.site`) and
served live by ``kg serve`` (:func:`page_routes`). Links between pages are relative, so the
static site opens from disk.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, urlencode

import jinja2

from kg.errors import InputError, KgError, QueryError, StoreError
from kg.export.graph import STANCES, analytics, to_networkx
from kg.store.search import LANG_TAG, Hit
from kg.track.timeline import Timeline, timeline_json
from kg.view.cite import citation
from kg.view.highlight import highlight
from kg.view.model import StatementView, View, safe_href

__all__ = [
    "CLAIM_PER_PAGE",
    "VERSION_HEADER",
    "Links",
    "Page",
    "Rendered",
    "Views",
    "agent_page",
    "claim_page",
    "csp",
    "in_page_order",
    "index_page",
    "page_routes",
    "paged_index",
    "render",
    "search_page",
    "source_page",
]


#: The served search page: at most this many results, and this much query text.
_SEARCH_HITS = 50
#: The served index page: claims per page by default, and at most.
PER_PAGE, MAX_PER_PAGE = 100, 1000
_QUERY_CHARS = 500


def csp(nonce: str) -> str:
    """The Content-Security-Policy of every page: nothing external, inline code by nonce only;
    forms (the index filter, the search) submit to this server and nowhere else."""
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'self'"
    )


@dataclass(frozen=True)
class Links:
    """How pages link to each other: ``depth`` folders below the root, ``ext`` after a slug."""

    view: View
    depth: int = 0
    ext: str = ".html"
    #: appended to every page URL (the served pages' language: ``?hl=id``)
    query: str = ""

    @property
    def root(self) -> str:
        """The relative path back to the site root."""
        return "../" * self.depth

    @property
    def graph(self) -> str:
        """The interactive graph: ``/graph.html`` when served, ``exports/graph.html`` beside
        the static site (``exports/site``) otherwise."""
        return self.root + ("../graph.html" if self.ext else "graph.html")

    def url(self, kind: str, iri: str | None = None) -> str:
        """The relative URL of a page; an agent that is really a source links to the source."""
        if kind == "index" or iri is None:
            return self.root + ("index.html" if self.ext else "./") + self.query
        if iri in self.view.sources:
            kind, slug = "source", self.view.sources[iri].slug
        elif iri in self.view.agents:
            kind, slug = "agent", self.view.agents[iri].slug
        elif iri in self.view.claims:
            kind, slug = "claim", self.view.claims[iri].slug
        else:
            return "#"
        return f"{self.root}{kind}/{slug}{self.ext}{self.query}"


@dataclass
class Page:
    """A page to render: its template, context and the JSON twin."""

    template: str
    context: dict[str, Any]
    data: dict[str, Any]
    json_href: str


def _asdict(obj: Any) -> dict[str, Any]:
    return dataclasses.asdict(obj)


def _statement_json(view: View, st: StatementView, lang: str) -> dict[str, Any]:
    data = _asdict(st)
    data["claimant_label"] = view.claimant(st.claimant, lang)
    return data


def _base(view: View, links: Links, lang: str) -> dict[str, Any]:
    def source_url(iri: str) -> str | None:
        src = view.sources.get(iri)
        return src.url if src else None

    return {
        "url": links.url,
        "graph_href": links.graph,
        "label": lambda iri: view.label(iri, lang),
        "claimant": lambda iri: view.claimant(iri, lang),
        "href": safe_href,
        "source_url": source_url,
        "cite": lambda st: citation(view, st, lang),
        "lang": lang,
        # full-text search needs the server (kg serve); the static site filters its index page
        "search_href": None if links.ext else links.root + "search" + links.query,
        # served pages switch language with ?hl= (the static site is written in one language)
        "languages": [] if links.ext else [("en", "English"), ("id", "Indonesia")],
    }


def _find(table: dict[str, Any], slug: str, kind: str) -> Any:
    for item in table.values():
        if item.slug == slug:
            return item
    raise InputError(f"no {kind} {slug!r}")


def index_page(view: View, links: Links, lang: str = "en") -> Page:
    """Every claim with its claimants, deniers and sources, facets, and graph analytics."""
    facts = analytics(to_networkx(view, lang))
    rows: list[dict[str, Any]] = []
    for claim in sorted(view.claims.values(), key=lambda c: c.label(lang).casefold()):
        sts = view.on_claim(claim.iri)
        sources = sorted({s.source for s in sts})
        names = [*claim.text.values(), *(view.label(s.claimant, lang) for s in sts)]
        for s in sts:
            agent = view.agents.get(s.claimant)
            if agent:
                names.extend(agent.names())
        dates = {s.date for s in sts if s.date} | {
            view.sources[s].date for s in sources if s in view.sources and view.sources[s].date
        }
        rows.append(
            {
                "claim": claim,
                "asserters": sorted({s.claimant for s in sts if s.stance != "denies"}),
                "deniers": sorted({s.claimant for s in sts if s.stance == "denies"}),
                "sources": sources,
                "search": " ".join(names).casefold(),
                "facets": {
                    "claimant": sorted({links.url("agent", s.claimant) for s in sts}),
                    "stance": sorted({s.stance for s in sts}),
                    "source": sorted({links.url("source", s) for s in sources}),
                    "language": sorted(claim.text),
                    "date": sorted(d for d in dates if d),
                },
            }
        )
    facet_values: dict[str, dict[str, str]] = {k: {} for k in rows[0]["facets"]} if rows else {}
    for row in rows:
        for name, values in row["facets"].items():
            for value in values:
                facet_values[name][value] = value
    for row in rows:
        for iri in {s.claimant for s in view.on_claim(row["claim"].iri)}:
            facet_values["claimant"][links.url("agent", iri)] = view.claimant(iri, lang)
        for iri in row["sources"]:
            facet_values["source"][links.url("source", iri)] = view.label(iri, lang)
    facets = [
        (name, sorted(values.items(), key=lambda kv: kv[1].casefold()))
        for name, values in facet_values.items()
    ]
    context = {
        **_base(view, links, lang),
        "rows": rows,
        "facets": facets,
        "analytics": facts,
        "sources": sorted(view.sources.values(), key=lambda s: s.title.casefold()),
        "paging": None,  # all claims on one page (the served index pages them: paged_index)
    }
    data = {
        "claims": [
            {
                "iri": r["claim"].iri,
                "slug": r["claim"].slug,
                "text": r["claim"].text,
                "asserted_by": r["asserters"],
                "denied_by": r["deniers"],
                "sources": r["sources"],
            }
            for r in rows
        ],
        "most_contested": [{"claim": c, "denying_agents": n} for c, n in facts.contested],
        "agents_denying_each_other": [
            {"denier": d, "asserter": a, "claims": cs, "both_ways": both}
            for d, a, cs, both in facts.mutual_deniers
        ],
        "single_source_claims": facts.single_source,
    }
    return Page("index.html.j2", context, data, "index.json")


#: A claim's or an agent's page: statements (and a claim's timeline's appearances) per page.
CLAIM_PER_PAGE = 50
#: The stances that contest a claim: the pages list them first.
CONTESTING = ("denies", "disputes")


def in_page_order(view: View, sts: Sequence[StatementView]) -> list[StatementView]:
    """``sts`` in the order claim and agent pages list them: the denials, then the disputes,
    then the other stances (in :data:`STANCES` order); within a stance the newest first (the
    statement's date, else its source's date; undated last), then by source and statement."""
    stances = [*CONTESTING, *(s for s in STANCES if s not in CONTESTING)]
    order = {s: i for i, s in enumerate(stances)}

    def day(st: StatementView) -> str:
        source = view.sources.get(st.source)
        return (st.date or (source.date if source else None) or "")[:10]

    ordered = sorted(sts, key=lambda st: (st.source, st.iri))
    ordered.sort(key=day, reverse=True)  # newest first (stable: then source, statement)
    ordered.sort(key=lambda st: (order.get(st.stance, len(order)), not day(st)))
    return ordered


def _in_order_by_stance(sts: list[StatementView]) -> dict[str, list[StatementView]]:
    """``sts`` by stance, the stances in the order their first statement comes."""
    grouped: dict[str, list[StatementView]] = {}
    for st in sts:
        grouped.setdefault(st.stance, []).append(st)
    return grouped


def _paging(total: int, page: int, href: Callable[[int], str]) -> dict[str, Any]:
    """Page ``page`` (clamped) of ``total`` items, :data:`CLAIM_PER_PAGE` a page: which items
    it shows (``first`` to ``last``, 1-based) and the links to its neighbours."""
    pages = max(1, -(-total // CLAIM_PER_PAGE))
    page = min(max(page, 1), pages)
    first = (page - 1) * CLAIM_PER_PAGE
    return {
        "page": page,
        "pages": pages,
        "per_page": CLAIM_PER_PAGE,
        "total": total,
        "first": first + 1 if total else 0,
        "last": min(first + CLAIM_PER_PAGE, total),
        "prev": href(page - 1) if page > 1 else None,
        "next": href(page + 1) if page < pages else None,
    }


Href = Callable[[str, dict[str, int]], str]


def _hrefs(slug: str, links: Links) -> Href:
    """Links to pages of the item ``slug`` (``.json`` or the page's own extension), numbered
    by ``{"page": n, ...}`` (1 left out), keeping the page's language."""
    params = [(k, v) for k, v in parse_qsl(links.query.lstrip("?")) if k == "hl"]

    def href(ext: str, numbers: dict[str, int]) -> str:
        query = [*params, *((k, str(n)) for k, n in numbers.items() if n != 1)]
        return slug + ext + ("?" + urlencode(query) if query else "")

    return href


def _paged(
    total: int, page: int, links: Links, href: Href, numbers: Callable[[int], dict[str, int]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Page ``page`` of ``total`` items, for the HTML page and for its ``.json`` twin."""
    return (
        _paging(total, page, lambda n: href(links.ext, numbers(n))),
        _paging(total, page, lambda n: href(".json", numbers(n))),
    )


def _statements(
    view: View, sts: Sequence[StatementView], page: int | None, links: Links, href: Href,
    numbers: Callable[[int], dict[str, int]], lang: str,
) -> tuple[dict[str, Any], dict[str, Any]]:  # fmt: skip
    """The context and the JSON of page ``page`` of ``sts`` (None: all of them), in
    :func:`in_page_order`: the statements shown grouped by stance, the count per stance, and
    the paging (HTML and JSON)."""
    ordered = in_page_order(view, sts)
    counts = {stance: len(items) for stance, items in _in_order_by_stance(ordered).items()}
    paging = jpaging = None
    shown = ordered
    if page is not None:
        paging, jpaging = _paged(len(ordered), page, links, href, numbers)
        shown = ordered[paging["first"] - 1 : paging["last"]]
    context = {
        "by_stance": list(_in_order_by_stance(shown).items()),
        "counts": counts,
        "paging": paging,
    }
    data = {
        "statements": [_statement_json(view, s, lang) for s in shown],
        "statement_counts": counts,
        **(jpaging or {}),
    }
    return context, data


def claim_page(
    view: View,
    slug: str,
    links: Links,
    lang: str = "en",
    timeline: Timeline | None = None,
    page: int | None = 1,
    tpage: int = 1,
) -> Page:
    """One claim: its text, the statements on it with the exact words (page ``page`` of
    :data:`CLAIM_PER_PAGE`, in :func:`in_page_order`, grouped by stance; None: all of them, as
    the static site writes them), its reviews, and (when given) its timeline across sources:
    first appearance, independent sources, status, and its appearances by date (page
    ``tpage``). The JSON twin pages both the same way, with links to the next and previous
    pages."""
    claim = _find(view.claims, slug, "claim")
    reviews = view.reviews_of(claim.iri)
    href = _hrefs(claim.slug, links)
    sts = view.on_claim(claim.iri)
    if page is not None:
        page = _paging(len(sts), page, str)["page"]
    shown, listed = _statements(view, sts, page, links, href,
                                lambda n: {"page": n, "tpage": tpage}, lang)  # fmt: skip
    appearances = timeline.appearances if timeline is not None else []
    tpaging = tjpaging = None
    if timeline is not None and page is not None:
        tpaging, tjpaging = _paged(len(appearances), tpage, links, href,
                                   lambda n: {"page": page or 1, "tpage": n})  # fmt: skip
        tpage = tpaging["page"]
        appearances = appearances[tpaging["first"] - 1 : tpaging["last"]]
    context = {
        **_base(view, links, lang),
        **shown,
        "claim": claim,
        "reviews": reviews,
        "timeline": timeline,
        "appearances": appearances,
        "tpaging": tpaging,
    }
    data: dict[str, Any] = {
        "claim": _asdict(claim),
        **listed,
        "reviews": [_asdict(r) for r in reviews],
    }
    if timeline is not None:
        data["timeline"] = timeline_json(timeline, appearances)
        if tjpaging is not None:
            data["timeline"]["paging"] = tjpaging
    json_href = href(".json", {"page": page or 1, "tpage": tpage})
    return Page("claim.html.j2", context, data, json_href)


def agent_page(view: View, slug: str, links: Links, lang: str = "en", page: int | None = 1) -> Page:
    """One agent: what it asserted, denied, disputed, supported or accused (page ``page`` of
    :data:`CLAIM_PER_PAGE`, in :func:`in_page_order`; None: all of them, as the static site
    writes them), and claims about it."""
    agent = _find(view.agents, slug, "agent")
    href = _hrefs(agent.slug, links)
    about = [c for c in view.claims.values() if agent.iri in c.about]
    shown, listed = _statements(view, view.by_claimant(agent.iri), page, links, href,
                                lambda n: {"page": n}, lang)  # fmt: skip
    context = {**_base(view, links, lang), **shown, "agent": agent, "about": about}
    data = {"agent": _asdict(agent), **listed, "claims_about": [c.iri for c in about]}
    return Page("agent.html.j2", context, data, href(".json", {"page": page or 1}))


def source_page(view: View, slug: str, links: Links, lang: str = "en") -> Page:
    """One article in full, every statement span highlighted, anchored and linked to its claim."""
    source = _find(view.sources, slug, "source")
    sts = view.in_source(source.iri)

    def href(st: StatementView) -> str:
        return links.url("claim", st.claims[0]) if st.claims else "#"

    def who(st: StatementView) -> str:
        return f"{view.claimant(st.claimant, lang)} {st.stance}"

    context = {
        **_base(view, links, lang),
        "source": source,
        "article": highlight(source.text, sts, href, who),
        "statements": sts,
    }
    data = {
        "source": _asdict(source),
        "statements": [_statement_json(view, s, lang) for s in sts],
    }
    return Page("source.html.j2", context, data, f"{source.slug}.json")


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("kg.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(page: Page, nonce: str | None = None) -> tuple[str, str]:
    """The page as HTML, and the CSP it needs (its nonce is fresh unless given)."""
    nonce = nonce or secrets.token_urlsafe(18)
    policy = csp(nonce)
    html = (
        _env()
        .get_template(page.template)
        .render(**page.context, nonce=nonce, csp=policy, json_href=page.json_href)
    )
    return html, policy


def search_page(
    view: View,
    links: Links,
    query: str,
    hits: list[Hit],
    kinds: Sequence[str] = (),
    langs: Sequence[str] = (),
    lang: str = "en",
) -> Page:
    """Full-text search results (:meth:`kg.store.base.Store.search`): each claim text links to
    its claim, each agent label to its agent, each quote to its place in its source article."""
    results: list[dict[str, Any]] = []
    for hit in hits:
        statement = view.statements.get(hit.iri) if hit.kind == "quote" else None
        if statement is not None:
            href = links.url("source", statement.source)
            href = href + "#" + statement.anchor if href != "#" else href
            about = hit.about or hit.iri
        else:
            href, about = links.url(hit.kind, hit.iri), hit.iri
        row = dataclasses.asdict(hit)
        row.update(href=None if href == "#" else href, label=view.label(about, lang))
        results.append(row)
    params = [("q", query), *(("kind", k) for k in kinds), *(("lang", t) for t in langs)]
    context = {
        **_base(view, links, lang),
        "query": query,
        "results": results,
        "kinds": list(kinds),
        "langs": list(langs),
        "choices": ("claim", "quote", "agent"),
    }
    data = {"query": query, "kinds": list(kinds), "langs": list(langs), "results": results}
    return Page("search.html.j2", context, data, "search.json?" + urlencode(params))


def paged_index(
    full: Page, page: int, per_page: int, q: str, chosen: dict[str, str], hl: str = "en"
) -> Page:
    """The served index page: the claims of :func:`index_page` that match the text ``q``
    (every word, in any claim text, claimant or alias, any case) and the ``chosen`` facet
    values, page ``page`` of ``per_page``; the analytics stay those of the whole store."""
    words = q.casefold().split()
    keep = [
        i
        for i, row in enumerate(full.context["rows"])
        if all(w in row["search"] for w in words)
        and all(v in row["facets"].get(name, ()) for name, v in chosen.items())
    ]
    pages = max(1, -(-len(keep) // per_page))
    page = min(page, pages)
    shown = keep[(page - 1) * per_page : page * per_page]
    query = [("q", q)] if q else []
    query += sorted(chosen.items())
    if hl != "en":
        query.append(("hl", hl))
    if per_page != PER_PAGE:
        query.append(("per_page", str(per_page)))

    def href(n: int) -> str | None:
        return "?" + urlencode([*query, ("page", str(n))]) if 1 <= n <= pages else None

    paging = {"page": page, "pages": pages, "total": len(keep), "q": q, "chosen": chosen,
              "prev": href(page - 1), "next": href(page + 1)}  # fmt: skip
    rows = [full.context["rows"][i] for i in shown]
    data = {**full.data, "claims": [full.data["claims"][i] for i in shown]}
    data.update(page=page, pages=pages, total=len(keep))
    return Page(full.template, {**full.context, "rows": rows, "paging": paging}, data,
                "index.json?" + urlencode([*query, ("page", str(page))]))  # fmt: skip


PageFn = Callable[[View, str, Links, str], Page]
PAGES: dict[str, PageFn] = {"claim": claim_page, "agent": agent_page, "source": source_page}


@dataclass(frozen=True)
class Rendered:
    """A response body made once, encoded: HTML with ``placeholder`` where each response's CSP
    nonce goes (:meth:`with_nonce`), or JSON (``placeholder`` empty). ``version``: the store
    generation of the view it was made from (None for a remote store)."""

    body: bytes
    placeholder: bytes = b""
    version: int | None = None

    def with_nonce(self, nonce: str) -> bytes:
        """The body with ``nonce`` in place of the placeholder."""
        if not self.placeholder:
            return self.body
        return self.body.replace(self.placeholder, nonce.encode("ascii"))


#: Most rendered pages kept for the current view (least recently used go first).
CACHED_PAGES = 4096
#: Pages made again with each new view before it is shown (the most recently asked first),
#: and the seconds at most spent on them: the pages in use stay fast across a write.
PRERENDER_PAGES, PRERENDER_SECONDS = 64, 10.0


class Views:
    """The view of ``store`` that the pages show. A remote store, which other clients write,
    is read for every page. A store that counts its writes (``EmbeddedStore.generation``;
    ``kg serve`` owns the store, so every write passes through it) is read once, then again
    only after a write, **in the background**: meanwhile the pages show the previous view, and
    the new one (with the index and graph built from it) replaces it in one step when it is
    ready. Only the very first page waits for a view. Then the most recently asked pages are
    made again from it in the background (the hub claim's page of 1,200 articles takes
    seconds); until each is, its page of the previous view is given, with that view's
    generation (:data:`VERSION_HEADER`). A store that logs the subjects each write changed
    (``EmbeddedStore.changes_since``) gets its view updated for them
    (:func:`kg.view.delta.update_view`: the items they change, read again) instead of read
    whole (tens of seconds at 1,200 articles), unless that is not known (a bulk load, writes
    too long ago) or too many items.

    Rendered pages are kept per view (:meth:`rendered`); ``reader`` reads a whole view
    (:func:`kg.view.read.read_view` unless given), ``updater`` updates one
    (:func:`kg.view.delta.update_view` unless given)."""

    def __init__(
        self,
        store: Any,
        reader: Callable[[Any], View] | None = None,
        updater: Callable[[Any, View, frozenset[str]], View | None] | None = None,
        every: float = 0.0,
    ) -> None:
        self.store = store
        self._reader = reader
        self._updater = updater
        #: Seconds at least from the start of one new view to the next (``kg serve
        #: --view-every``): each new view makes the index, the graph and the pages in use
        #: again, seconds of the server's time at 1,200 articles, so a stream of writes gets a
        #: new view every so often, not one per write.
        self.every = every
        self._started = -float("inf")  # time.monotonic() when the last new view was started
        self._lock = threading.Lock()
        self._reading = threading.Lock()  # one full read of the store at a time
        self._view: View | None = None
        self._generation: int | None = None
        self._rebuild: threading.Thread | None = None
        self._built: dict[str, tuple[View, Any]] = {}
        self._builders: dict[str, Callable[[View], Any]] = {}
        self._pages: OrderedDict[Hashable, Rendered] = OrderedDict()
        self._makers: OrderedDict[Hashable, Callable[[View], Rendered]] = OrderedDict()
        self._pages_of: View | None = None
        #: The previous view's pages, each given (with its own generation) until it is made
        #: again for the view shown, while the pages in use are made again after a new view
        self._stale: OrderedDict[Hashable, Rendered] = OrderedDict()
        #: How each new view was made: "whole" reads, "delta" updates, "same": a delta that
        #: changed none of the view's items (for tests and benchmarks).
        self.made: dict[str, int] = {"whole": 0, "delta": 0, "same": 0}

    def _read(self) -> View:
        self.made["whole"] += 1
        if self._reader is not None:
            return self._reader(self.store)
        from kg.view.read import read_view

        return read_view(self.store)

    def _updated(self, view: View | None, since: int | None) -> View:
        """The view of the store now: ``view`` (read at generation ``since``) updated for the
        writes since, when the store says what they changed; else read whole."""
        changes_since = getattr(self.store, "changes_since", None)
        if view is not None and since is not None and changes_since is not None:
            subjects = changes_since(since)
            if subjects is not None:
                from kg.view.delta import update_view

                try:
                    new = (self._updater or update_view)(self.store, view, subjects)
                except KgError as exc:  # (an IRI no query can bind, say): read it whole
                    print(f"kg serve: updating the view failed ({exc}); reading it whole",
                          file=sys.stderr, flush=True)  # fmt: skip
                    new = None
                if new is not None:
                    self.made["same" if new is view else "delta"] += 1
                    return new
        return self._read()

    def shown(self) -> tuple[View, int | None]:
        """The view the pages show now, and the store generation it was read at (None for a
        remote store, read anew). After a write, the previous view, while the next is read in
        the background (:meth:`wait`)."""
        generation = getattr(self.store, "generation", None)
        if generation is None:
            return self._read(), None
        with self._lock:
            if self._view is not None:
                if self._generation != generation and self._rebuild is None:
                    self._rebuild = threading.Thread(
                        target=self._rebuilt, name="kg-view", daemon=True
                    )
                    self._rebuild.start()
                return self._view, self._generation
        with self._reading:  # the first view: every page waits for it, once
            with self._lock:
                if self._view is not None:
                    return self._view, self._generation
            generation = self.store.generation
            view = self._read()
            with self._lock:
                self._view, self._generation = view, generation
                return view, generation

    def current(self) -> View:
        """The view the pages show now (:meth:`shown`)."""
        return self.shown()[0]

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a view being read in the background; True if none is (any more)."""
        with self._lock:
            thread = self._rebuild
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def _rebuilt(self) -> None:
        """Read the view of the store as it is now, with what is built and rendered from it,
        then show it in place of the previous one."""
        try:
            with self._reading:
                pause = self._started + self.every - time.monotonic()
                if pause > 0:  # (the writes meanwhile go into this view)
                    time.sleep(pause)
                self._started = time.monotonic()
                generation = self.store.generation
                with self._lock:
                    previous, since = self._view, self._generation
                view = self._updated(previous, since)
                if view is previous:  # no item changed; the pages are made again all the
                    view = dataclasses.replace(view)  # same: a claim's timeline reads the store
                with self._lock:
                    builders = dict(self._builders)
                    makers = list(reversed(self._makers.items()))[:PRERENDER_PAGES]
                built = {name: (view, build(view)) for name, build in builders.items()}
                with self._lock:  # shown from now on; the pages in use are made again below
                    stale = self._stale  # (pages not made again for the previous view too)
                    if self._pages_of is previous:
                        stale.update(self._pages)
                    while len(stale) > CACHED_PAGES:
                        stale.popitem(last=False)
                    self._stale = stale
                    self._view, self._generation = view, generation
                    self._built.update(built)
                    self._pages, self._pages_of = OrderedDict(), view
                deadline = time.monotonic() + PRERENDER_SECONDS
                for key, make in makers:
                    now = time.monotonic()
                    if now > deadline or (
                        now > self._started + self.every and self.store.generation != generation
                    ):  # the next view is due: the pages not made yet stay as they were
                        break
                    with self._lock:
                        if key in self._pages or self._pages_of is not view:
                            continue
                    try:
                        page = dataclasses.replace(make(view), version=generation)
                    except KgError:  # gone from the new view: made (and refused) when asked
                        continue
                    with self._lock:
                        if self._pages_of is view:
                            self._pages[key] = page
                            self._pages.move_to_end(key, last=False)  # the recent ones last
        except Exception as exc:  # the previous view stays; the next page tries again
            print(f"kg serve: reading the view failed: {exc}", file=sys.stderr, flush=True)
        finally:
            with self._lock:
                self._rebuild = None
                if self._generation == self.store.generation:  # nothing more to come
                    self._stale = OrderedDict()

    def _per_view(self, name: str, build: Callable[[View], Any]) -> Any:
        """What ``build`` makes of the view shown now, made once per view (and made again
        with each new view before it is shown)."""
        view = self.current()
        with self._lock:
            self._builders[name] = build
            made = self._built.get(name)
            if made is not None and made[0] is view:
                return made[1]
        value = build(view)
        with self._lock:
            self._built[name] = (view, value)
        return value

    def rendered(self, key: Hashable, make: Callable[[View], Rendered]) -> Rendered:
        """What ``make`` renders of the view shown now for ``key``: made once per view (at
        most :data:`CACHED_PAGES` kept); every time for a store without a generation
        (remote). Its ``version`` is the generation of that view."""
        view, generation = self.shown()
        if generation is None:
            return make(view)
        with self._lock:
            self._makers[key] = make
            self._makers.move_to_end(key)
            while len(self._makers) > PRERENDER_PAGES:
                self._makers.popitem(last=False)
            if self._pages_of is not view:
                self._pages.clear()
                self._pages_of = view
            hit = self._pages.get(key)
            if hit is not None:
                self._pages.move_to_end(key)
                return hit
            stale = self._stale.get(key)
            if stale is not None:  # being made again for this view in the background
                return stale
        made = dataclasses.replace(make(view), version=generation)  # other pages go on
        with self._lock:
            if self._pages_of is view:
                self._pages[key] = made
                while len(self._pages) > CACHED_PAGES:
                    self._pages.popitem(last=False)
        return made

    def graph(self, nonce: str) -> str:
        """The interactive graph page of the current view with ``nonce`` (built once per view
        with a random placeholder where each response's nonce goes)."""
        from kg.export.html_graph import graph_html

        def build(view: View) -> tuple[str, str]:
            placeholder = secrets.token_urlsafe(24)
            return placeholder, graph_html(view, site="", nonce=placeholder)

        placeholder, html = self._per_view("graph", build)
        return str(html).replace(placeholder, nonce)

    def index(self, hl: str = "en") -> Page:
        """The whole index page (every claim, facets, analytics) of the current view."""
        page: Page = self._per_view(f"index:{hl}", lambda view: _full_index(view, hl))
        return page

    def index_of(self, view: View, hl: str = "en") -> Page:
        """The whole index page of ``view``: the one built for it if it is the view shown,
        else built now."""
        with self._lock:
            pair = self._built.get(f"index:{hl}")
        if pair is not None and pair[0] is view:
            page: Page = pair[1]
            return page
        return _full_index(view, hl)


def _full_index(view: View, hl: str) -> Page:
    return index_page(view, Links(view, 0, "", _hl(hl)), hl)


#: The response header naming the store generation of the view a page was made from.
VERSION_HEADER = "X-Kg-View"

#: Languages of the served pages (``?hl=``).
PAGE_LANGUAGES = ("en", "id")


def _hl(hl: str) -> str:
    """The query every served link carries for language ``hl`` (none for English)."""
    return "" if hl == "en" else "?hl=" + hl


def page_routes(store: Any, views: Views | None = None) -> list[Any]:
    """Starlette routes serving the pages live from ``store``: ``/``, ``/claim/{slug}``,
    ``/agent/{slug}``, ``/source/{slug}``, each also as ``.json`` (and ``.html``), and the
    interactive graph at ``/graph.html``. The handlers are plain functions, which Starlette
    runs in its thread pool: building a view (seconds on a large store) does not hold up the
    SPARQL endpoint or other pages. Each page names the store generation of the view it shows
    (:data:`VERSION_HEADER`); ``views`` (:class:`Views`) is made here unless given."""
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    from kg.track.kept import KeptTimelines

    views = views or Views(store)
    timelines = KeptTimelines(store)  # each claim's, updated for each view (kg.track.kept)

    def made(page: Page, as_json: bool) -> Rendered:
        if as_json:
            return Rendered(bytes(JSONResponse(page.data).body))
        placeholder = secrets.token_urlsafe(24)
        html = render(page, placeholder)[0].encode("utf-8")
        return Rendered(html, placeholder.encode("ascii"))

    def respond(page: Rendered, as_json: bool) -> Response:
        version = {} if page.version is None else {VERSION_HEADER: str(page.version)}
        if as_json:
            headers = {"Content-Security-Policy": csp("none"), **version}
            return Response(page.body, media_type="application/json", headers=headers)
        nonce = secrets.token_urlsafe(18)
        return HTMLResponse(
            page.with_nonce(nonce),
            headers={
                "Content-Security-Policy": csp(nonce) + "; frame-ancestors 'none'",
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
                **version,
            },
        )

    def not_found(what: str) -> Response:
        return Response(f"not found: {what}\n", status_code=404, media_type="text/plain")

    def page_lang(request: Request) -> str | None:
        hl = request.query_params.get("hl", "en")
        return hl if hl in PAGE_LANGUAGES else None

    def bad_lang() -> Response:
        return Response(f"bad hl: one of {', '.join(PAGE_LANGUAGES)}\n", status_code=400,
                        media_type="text/plain")  # fmt: skip

    def index(request: Request) -> Response:
        params = request.query_params
        try:
            page = int(params.get("page", "1"))
            per_page = int(params.get("per_page", str(PER_PAGE)))
            if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
                raise ValueError
        except ValueError:
            return Response(f"bad paging: page >= 1, per_page 1 to {MAX_PER_PAGE}\n",
                            status_code=400, media_type="text/plain")  # fmt: skip
        hl = page_lang(request)
        if hl is None:
            return bad_lang()
        full = views.index(hl)
        names = {name for name, _values in full.context["facets"]}
        chosen = {k: v for k, v in params.items() if k in names and v}
        q = params.get("q", "")[:_QUERY_CHARS]
        as_json = request.url.path.endswith(".json")
        key = ("index", hl, page, per_page, q, tuple(sorted(chosen.items())), as_json)
        shown = views.rendered(
            key,
            lambda view: made(
                paged_index(views.index_of(view, hl), page, per_page, q, chosen, hl), as_json
            ),
        )
        return respond(shown, as_json)

    def make(kind: str) -> Callable[[Request], Any]:
        def endpoint(request: Request) -> Response:
            slug = str(request.path_params["slug"])
            as_json = slug.endswith(".json")
            slug = slug.removesuffix(".json").removesuffix(".html")
            hl = page_lang(request)
            if hl is None:
                return bad_lang()

            names = {"claim": ("page", "tpage"), "agent": ("page",)}.get(kind, ())
            try:
                numbers = tuple(int(request.query_params.get(n, "1")) for n in names)
                if numbers and min(numbers) < 1:
                    raise ValueError
            except ValueError:
                return Response(f"bad paging: {', '.join(names)} >= 1\n", status_code=400,
                                media_type="text/plain")  # fmt: skip

            def make_page(view: View) -> Rendered:
                links = Links(view, 1, "", _hl(hl))
                if kind == "claim":
                    claim = _find(view.claims, slug, "claim")
                    tl = timelines.of(claim.iri, view)
                    page = claim_page(view, slug, links, hl, tl, *numbers)
                elif kind == "agent":
                    page = agent_page(view, slug, links, hl, *numbers)
                else:
                    page = PAGES[kind](view, slug, links, hl)
                return made(page, as_json)

            try:
                page = views.rendered((kind, slug, hl, as_json, *numbers), make_page)
            except InputError:
                return not_found(f"{kind} {slug}")
            return respond(page, as_json)

        return endpoint

    def search(request: Request) -> Response:
        params = request.query_params
        query = params.get("q", "")[:_QUERY_CHARS]
        kinds = params.getlist("kind")
        # the form's one field takes "id, en" or "id en"; the API also takes lang=id&lang=en
        langs = [t.lower() for v in params.getlist("lang") for t in re.split(r"[\s,]+", v) if t]
        bad = [k for k in kinds if k not in ("claim", "quote", "agent")]
        bad += [t for t in langs if not LANG_TAG.fullmatch(t)]
        if bad:
            return Response(f"bad search parameter: {bad[0][:40]!r}\n", status_code=400,
                            media_type="text/plain")  # fmt: skip
        hl = page_lang(request)
        if hl is None:
            return bad_lang()
        as_json = request.url.path.endswith(".json")

        def make_page(view: View) -> Rendered:
            hits = store.search(query, _SEARCH_HITS, kinds, langs) if query.strip() else []
            links = Links(view, 0, "", _hl(hl))
            return made(search_page(view, links, query, hits, kinds, langs, hl), as_json)

        try:
            page = views.rendered(("search", query, tuple(kinds), tuple(langs), hl, as_json),
                                  make_page)  # fmt: skip
        except (QueryError, StoreError) as exc:
            return Response(f"search failed: {exc}\n", status_code=400, media_type="text/plain")
        return respond(page, as_json)

    def graph(request: Request) -> Response:
        nonce = secrets.token_urlsafe(18)
        html = views.graph(nonce)
        return HTMLResponse(html, headers={"Content-Security-Policy": csp(nonce)})

    routes = [Route("/", index), Route("/index.json", index), Route("/graph.html", graph)]
    routes += [Route("/search", search), Route("/search.json", search)]
    routes += [Route(f"/{kind}/{{slug}}", make(kind)) for kind in PAGES]
    return routes
