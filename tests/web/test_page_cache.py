"""``kg serve`` keeps rendered pages per view of the store: after a write the pages show the
previous view while the next one is read in the background, then the new one; each response
still carries its own CSP nonce."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette

from kg.curation.seeds import Corpus
from kg.ingest import ingest_paths
from kg.store import EmbeddedStore
from kg.view.delta import update_view
from kg.view.model import View
from kg.view.read import read_view
from kg.web.pages import VERSION_HEADER, Views, page_routes
from tests.security.conftest import http

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "browse" / "en_bridge_cost.txt"
NONCE = re.compile(r"'nonce-([^']+)'")


def _fresh(app: Starlette, store: EmbeddedStore, path: str, **params: str) -> httpx.Response:
    """``path`` once the pages show the store as it is now (a new view is read in the
    background: the first request after a write starts it)."""
    for _ in range(600):
        response = http(app, "GET", path, params=params)
        if response.headers[VERSION_HEADER] == str(store.generation):
            return response
        threading.Event().wait(0.1)
    raise AssertionError(f"{path}: the pages never showed generation {store.generation}")


def test_a_write_shows_on_the_pages_once_its_view_is_read(corpus: Corpus) -> None:
    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    app = Starlette(routes=page_routes(store))
    before = http(app, "GET", "/index.json", params={"per_page": "1000"}).json()
    html_before = http(app, "GET", "/").text
    search_before = http(app, "GET", "/search.json", params={"q": "bridge"}).json()
    report = ingest_paths([ARTICLE], store)
    assert len(report.ingested) == 1
    after = _fresh(app, store, "/index.json", per_page="1000").json()
    new = {c["iri"] for c in after["claims"]} - {c["iri"] for c in before["claims"]}
    assert new
    slugs = [c["slug"] for c in after["claims"] if c["iri"] in new]
    assert all(slug not in html_before for slug in slugs)
    assert any(slug in _fresh(app, store, "/").text for slug in slugs)
    search_after = http(app, "GET", "/search.json", params={"q": "bridge"}).json()
    assert len(search_after["results"]) > len(search_before["results"])
    assert http(app, "GET", f"/claim/{slugs[0]}").status_code == 200


def test_a_cached_page_gets_a_fresh_nonce(seed_store: EmbeddedStore) -> None:
    app = Starlette(routes=page_routes(seed_store))
    first, second = (http(app, "GET", "/claim/containers-shipped") for _ in range(2))
    nonces = []
    for response in (first, second):
        [nonce] = set(NONCE.findall(response.headers["content-security-policy"]))
        assert f'nonce="{nonce}"' in response.text
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
    assert first.text.replace(nonces[0], "N") == second.text.replace(nonces[1], "N")


def test_a_write_makes_kept_sparql_answers_stale(corpus: Corpus) -> None:
    from kg.web.app import create_app

    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    app = create_app(store)
    query = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a cg:Claim }", "format": "csv"}
    counts = [http(app, "POST", "/sparql", data=query).text.split()[1] for _ in range(2)]
    assert counts[0] == counts[1]
    assert len(ingest_paths([ARTICLE], store).ingested) == 1
    after = http(app, "POST", "/sparql", data=query).text.split()[1]
    assert int(after) > int(counts[0])


class Gated:
    """Reads views with :func:`read_view` and updates them with :func:`update_view`, each
    read or update after the first read waiting until let go."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.started = threading.Event()
        self.reads = 0

    def _held(self) -> None:
        self.reads += 1
        if self.reads > 1:
            self.started.set()
            assert self.go.wait(120), "the test never let the read go"

    def __call__(self, store: Any) -> View:
        self._held()
        return read_view(store)

    def update(self, store: Any, view: View, subjects: frozenset[str]) -> View | None:
        self._held()
        return update_view(store, view, subjects)


def test_pages_answer_from_the_previous_view_while_the_next_is_read(corpus: Corpus) -> None:
    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    reader = Gated()
    views = Views(store, reader, reader.update)
    app = Starlette(routes=page_routes(store, views))
    old = store.generation
    before = http(app, "GET", "/index.json", params={"per_page": "1000"})
    claim = before.json()["claims"][0]["slug"]
    assert before.headers[VERSION_HEADER] == str(old)
    assert http(app, "GET", f"/claim/{claim}").status_code == 200
    assert len(ingest_paths([ARTICLE], store).ingested) == 1
    assert store.generation > old
    try:
        during = http(app, "GET", "/index.json", params={"per_page": "1000"})
        assert reader.started.wait(30)  # the new view is being read, and held there
        assert during.headers[VERSION_HEADER] == str(old)
        assert during.json()["claims"] == before.json()["claims"]
        page = http(app, "GET", f"/claim/{claim}")  # and another page, while it is held
        assert (page.status_code, page.headers[VERSION_HEADER]) == (200, str(old))
        assert not views.wait(0)  # still reading: these answers did not wait for it
    finally:
        reader.go.set()
    assert views.wait(60)
    after = http(app, "GET", "/index.json", params={"per_page": "1000"})
    assert after.headers[VERSION_HEADER] == str(store.generation)
    assert len(after.json()["claims"]) > len(before.json()["claims"])
    assert reader.reads == 2  # one update in the background for all those requests
    assert views.made == {"whole": 1, "delta": 1, "same": 0}


def test_sparql_answers_may_trail_writes_by_the_snapshot_age(
    corpus: Corpus, tmp_path: Path
) -> None:
    from kg.web.app import create_app
    from kg.web.sparql import Limits

    store = EmbeddedStore(tmp_path / "store")
    try:
        store.replace_graphs(corpus.dataset())
        trailing = create_app(store, Limits(snapshot_age=3600))
        fresh = create_app(store, Limits(snapshot_age=0))
        query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

        def count(app: Starlette, text: str) -> int:
            answer = http(app, "POST", "/sparql", data={"query": text, "format": "csv"})
            return int(answer.text.split()[1])

        before = count(trailing, query)  # made a checkpoint of the store as it is
        assert len(ingest_paths([ARTICLE], store).ingested) == 1
        assert count(trailing, query) == before  # the kept answer
        assert count(trailing, query + " # never asked") == before  # the same checkpoint
        assert count(fresh, query) == before + 1  # a new checkpoint: the write shows
        assert count(trailing, query + " # new again") == before + 1  # and is shared
    finally:
        store.close()


def test_a_stale_sparql_answer_is_given_while_a_fresh_one_is_made(
    corpus: Corpus, tmp_path: Path
) -> None:
    from kg.web.app import create_app
    from kg.web.sparql import Limits

    store = EmbeddedStore(tmp_path / "store")
    try:
        store.replace_graphs(corpus.dataset())
        app = create_app(store, Limits(snapshot_age=0, stale=3600))
        query = {"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }",
                 "format": "csv"}  # fmt: skip

        def count() -> int:
            return int(http(app, "POST", "/sparql", data=query).text.split()[1])

        before = count()
        assert len(ingest_paths([ARTICLE], store).ingested) == 1
        assert count() == before  # the kept answer, given at once; a fresh one is being made
        for _ in range(600):  # the fresh one replaces it when it is made
            if count() == before + 1:
                break
            threading.Event().wait(0.1)
        assert count() == before + 1
    finally:
        store.close()


def test_the_view_read_apart_is_the_view_read_here(corpus: Corpus, tmp_path: Path) -> None:
    from kg.web.viewproc import read_view_apart

    store = EmbeddedStore(tmp_path / "store")
    try:
        store.replace_graphs(corpus.dataset())
        assert len(ingest_paths([ARTICLE], store).ingested) == 1
        here = read_view(store)
        apart = read_view_apart(store)  # another process, from a checkpoint of this store
        assert apart == here
        assert len(apart.claims) > 5 and len(apart.statements) > 5
    finally:
        store.close()


def test_a_page_of_the_previous_view_is_given_until_made_again(corpus: Corpus) -> None:
    """A new view is shown as soon as it is read; a page in use is then made again from it in
    the background, and until it is, the previous view's page (with its generation) is given
    rather than made by the request."""
    from kg.web.pages import Rendered

    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    views = Views(store)
    go, making = threading.Event(), threading.Event()
    first = views.current()

    def make(view: View) -> Rendered:
        if view is not first:  # made again for the next view: held until let go
            making.set()
            assert go.wait(120), "the test never let the page go"
        return Rendered(str(len(view.sources)).encode())

    old = views.rendered("page", make)
    assert old.version == store.generation
    assert len(ingest_paths([ARTICLE], store).ingested) == 1
    views.shown()  # starts the next view
    try:
        assert making.wait(60)  # the new view is shown, its page being made again
        view, generation = views.shown()
        assert view is not first and generation == store.generation
        assert views.rendered("page", make) == old  # the previous page, not made here
    finally:
        go.set()
    assert views.wait(60)
    new = views.rendered("page", make)
    assert new.version == store.generation and new.body == str(len(first.sources) + 1).encode()
