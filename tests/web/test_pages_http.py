"""The live pages (``page_routes``) served in-process: HTML, JSON twins, CSP, 404s."""

from __future__ import annotations

import asyncio
import re
from html.parser import HTMLParser

import httpx
import pytest
from rdflib import RDF, SDO, Dataset, Literal, URIRef
from starlette.applications import Starlette

from kg.curation.seeds import Corpus
from kg.namespace import CG
from kg.store import EmbeddedStore
from kg.view.read import read_view
from kg.web.pages import Links as PageLinks
from kg.web.pages import Views, index_page, page_routes, render
from tests.web.evil import IMG, SCRIPT, evil_store


class Links(HTMLParser):
    """Collects hrefs, script nonces and every tag seen."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.nonces: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))
        if tag == "script":
            self.nonces.append(found.get("nonce"))


def get(store: EmbeddedStore, *paths: str) -> list[httpx.Response]:
    app = Starlette(routes=page_routes(store))

    async def run() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return [await c.get(p) for p in paths]

    return asyncio.run(run())


def test_pages_and_json_twins(seed_store: EmbeddedStore) -> None:
    paths = [
        "/",
        "/index.json",
        "/claim/containers-shipped",
        "/claim/containers-shipped.json",
        "/agent/north-korea",
        "/agent/north-korea.json",
        "/source/eae76bf788f95f59",
        "/source/eae76bf788f95f59.json",
    ]
    responses = dict(zip(paths, get(seed_store, *paths), strict=True))
    for path, r in responses.items():
        assert r.status_code == 200, path
        policy = r.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "http" not in policy
        if path.endswith(".json"):
            assert r.headers["content-type"].startswith("application/json")
    claim = responses["/claim/containers-shipped.json"].json()
    stances = sorted((s["claimant_label"], s["stance"]) for s in claim["statements"])
    assert stances == [
        ("Government of North Korea", "denies"),
        ("Government of Russia", "denies"),
        ("United States government", "asserts"),
    ]
    page = responses["/claim/containers-shipped"]
    parser = Links()
    parser.feed(page.text)
    assert "../agent/north-korea" in parser.hrefs and "../agent/russia" in parser.hrefs
    assert any(h.startswith("../source/eae76bf788f95f59#s-") for h in parser.hrefs)
    assert "Tuduhan AS telah dibantah oleh Korea Utara dan Kremlin" in page.text
    index = responses["/"]
    nonce = re.search(r"'nonce-([^']+)'", index.headers["content-security-policy"])
    assert nonce is not None
    parser = Links()
    parser.feed(index.text)
    assert parser.nonces and set(parser.nonces) == {nonce.group(1)}  # every script, by nonce
    assert "claim/containers-shipped" in parser.hrefs
    contested = responses["/index.json"].json()["most_contested"]
    assert {"claim": claim["claim"]["iri"], "denying_agents": 2} in contested


def test_unknown_pages_are_404(seed_store: EmbeddedStore) -> None:
    for r in get(seed_store, "/claim/nope", "/agent/..%2F..%2Fetc", "/source/x.json"):
        assert r.status_code == 404


def test_served_pages_escape_untrusted_text() -> None:
    (r,) = get(evil_store(), "/claim/evil-claim")
    parser = Links()
    parser.feed(r.text)
    nonce = re.search(r"'nonce-([^']+)'", r.headers["content-security-policy"])
    # the one script is our own "copy citation" code, by the policy's nonce
    assert nonce is not None and parser.nonces == [nonce.group(1)]
    assert "img" not in parser.tags
    assert "&lt;img src=x onerror=alert(1)&gt;" in r.text
    assert IMG not in r.text and SCRIPT not in r.text


def test_kg_serve_app_serves_pages_beside_the_sparql_endpoint(seed_store: EmbeddedStore) -> None:
    from kg.web.app import create_app

    app = create_app(seed_store)

    async def run() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return [
                await c.get("/claim/containers-shipped"),
                await c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}),
            ]

    page, sparql = asyncio.run(run())
    assert page.status_code == 200 and "Government of Russia" in page.text
    assert sparql.status_code == 200


def test_served_graph_and_html_suffix(seed_store: EmbeddedStore) -> None:
    graph, page, again = get(
        seed_store, "/graph.html", "/claim/containers-shipped.html", "/graph.html"
    )
    assert graph.status_code == 200 and page.status_code == 200
    seen = set()
    for response in (graph, again):  # built once, each response with a nonce of its own
        nonce = re.search(r"'nonce-([^']+)'", response.headers["content-security-policy"])
        assert nonce is not None and f'nonce="{nonce.group(1)}"' in response.text
        assert set(re.findall(r'nonce="([^"]+)"', response.text)) == {nonce.group(1)}
        seen.add(nonce.group(1))
    assert len(seen) == 2


def test_pages_read_the_store_once_per_change(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The view behind the pages is read once, then again only after a write (in the
    background: the page asked meanwhile shows the previous view); the pages after it show it."""
    import kg.view.read

    seed_store = EmbeddedStore()
    seed_store.replace_graphs(corpus.dataset())

    reads: list[int] = []
    real = kg.view.read.read_view

    def counted(store: EmbeddedStore) -> object:
        reads.append(store.generation)
        return real(store)

    monkeypatch.setattr(kg.view.read, "read_view", counted)
    views = Views(seed_store)
    app = Starlette(routes=page_routes(seed_store, views))

    async def run(*paths: str) -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return [await c.get(p) for p in paths]

    pages = ["/", "/claim/containers-shipped", "/agent/north-korea", "/graph.html"]
    assert all(r.status_code == 200 for r in asyncio.run(run(*pages)))
    assert len(reads) == 1
    ds = Dataset()
    g = ds.graph(URIRef("urn:x-test:late"))
    g.add((URIRef("urn:x-test:claim/zebra-crossing"), RDF.type, CG.Claim))
    g.add((URIRef("urn:x-test:claim/zebra-crossing"), SDO.text, Literal("Zebra", lang="en")))
    seed_store.replace_graphs(ds)
    asyncio.run(run("/index.json"))  # starts reading the next view
    assert views.wait(60)
    first, again = asyncio.run(run("/index.json", "/index.json"))
    assert "zebra" in first.text.lower() and again.text == first.text
    assert len(reads) == 1 and views.made["delta"] == 1  # the view updated for the write
    seed_store.drop_graph(URIRef("urn:x-test:late"))
    asyncio.run(run("/index.json"))
    assert views.wait(60)
    assert "zebra" not in asyncio.run(run("/index.json"))[0].text.lower()
    assert len(reads) == 1 and views.made == {"whole": 1, "delta": 2, "same": 0}


def test_served_search_page(seed_store: EmbeddedStore) -> None:
    """/search runs the store's full-text search: claims link to claim pages, quotes to their
    place in the source article, agents to agent pages; the static site has no search link."""
    html, data, agents, bad, empty, hostile = get(
        seed_store,
        "/search?q=kontainer",
        "/search.json?q=kontainer",
        "/search.json?q=kremlin&kind=agent",
        "/search?q=kremlin&kind=people",
        "/search",
        "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
    )
    assert html.status_code == 200 and "nonce-" in html.headers["content-security-policy"]
    links = Links()
    links.feed(html.text)
    assert "claim/containers-shipped" in links.hrefs
    quotes = [h for h in links.hrefs if h.startswith("source/eae76bf788f95f59#s-")]
    assert quotes, links.hrefs
    results = data.json()["results"]
    assert {r["kind"] for r in results} >= {"claim", "quote"}
    assert all(r["href"] for r in results)
    assert {r["kind"] for r in agents.json()["results"]} == {"agent"}
    assert bad.status_code == 400 and bad.text == "bad search parameter: 'people'\n"
    assert empty.status_code == 200 and 'id="results"' not in empty.text
    assert hostile.status_code == 200 and "<script>alert" not in hostile.text
    assert 'href="search"' in html.text
    site = render(index_page(read_view(seed_store), PageLinks(read_view(seed_store), 0)))[0]
    assert 'href="search"' not in site


def test_served_index_pages_and_filters_on_the_server(seed_store: EmbeddedStore) -> None:
    """The served index shows a page of the claims, filtered by text and facets across all of
    them; the static site's index keeps every claim on one page."""
    everything = read_view(seed_store).claims
    first, second, json_2, denied, text, bad = get(
        seed_store,
        "/?per_page=2",
        "/?per_page=2&page=2",
        "/index.json?per_page=2&page=2",
        "/index.json?stance=denies&per_page=1000",
        "/index.json?q=KONTAINER",
        "/?page=0",
    )
    assert first.status_code == second.status_code == 200
    assert f"Claims ({len(everything)})" in first.text
    data = json_2.json()
    assert data["page"] == 2 and data["total"] == len(everything) and len(data["claims"]) == 2
    assert data["pages"] == -(-len(everything) // 2)
    slugs_1 = {c["slug"] for c in get(seed_store, "/index.json?per_page=2")[0].json()["claims"]}
    assert slugs_1.isdisjoint(c["slug"] for c in data["claims"])
    links = Links()
    links.feed(first.text)
    assert "?per_page=2&page=2" in links.hrefs  # next, keeping the page size
    denied_claims = denied.json()["claims"]
    assert denied_claims and all(c["denied_by"] for c in denied_claims)
    assert len(denied_claims) == sum(
        1 for c in everything.values() if any(s.stance == "denies" for s in
                                               read_view(seed_store).on_claim(c.iri))
    )  # fmt: skip
    assert "containers-shipped" in {c["slug"] for c in text.json()["claims"]}
    assert text.json()["total"] < len(everything)
    assert bad.status_code == 400 and bad.text.startswith("bad paging")
    site = index_page(read_view(seed_store), PageLinks(read_view(seed_store), 0))
    assert len(site.data["claims"]) == len(everything)


def test_a_slow_page_does_not_hold_up_the_sparql_endpoint(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a page waits for its view (seconds on a large store), /sparql still answers."""
    import threading

    import kg.view.read
    from kg.web.app import create_app

    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    real = kg.view.read.read_view
    started, release = threading.Event(), threading.Event()

    def slow(target: EmbeddedStore) -> object:
        started.set()
        release.wait(10)  # until the test has its SPARQL answer (or gives up)
        return real(target)

    monkeypatch.setattr(kg.view.read, "read_view", slow)
    app = create_app(store)

    async def run() -> tuple[bool, int, int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            page = asyncio.create_task(c.get("/"))
            while not started.is_set():
                await asyncio.sleep(0.01)
            sparql = await c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            page_was_pending = not page.done()
            release.set()
            return page_was_pending, sparql.status_code, (await page).status_code

    assert asyncio.run(run()) == (True, 200, 200)
