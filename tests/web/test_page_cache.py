"""``kg serve`` keeps rendered pages per view of the store: a write shows at once, and each
response still carries its own CSP nonce."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.applications import Starlette

from kg.curation.seeds import Corpus
from kg.ingest import ingest_paths
from kg.store import EmbeddedStore
from kg.web.pages import page_routes
from tests.security.conftest import http

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "browse" / "en_bridge_cost.txt"
NONCE = re.compile(r"'nonce-([^']+)'")


def test_a_write_shows_on_the_pages_right_after(corpus: Corpus) -> None:
    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    app = Starlette(routes=page_routes(store))
    before = http(app, "GET", "/index.json", params={"per_page": "1000"}).json()
    html_before = http(app, "GET", "/").text
    search_before = http(app, "GET", "/search.json", params={"q": "bridge"}).json()
    report = ingest_paths([ARTICLE], store)
    assert len(report.ingested) == 1
    after = http(app, "GET", "/index.json", params={"per_page": "1000"}).json()
    new = {c["iri"] for c in after["claims"]} - {c["iri"] for c in before["claims"]}
    assert new
    slugs = [c["slug"] for c in after["claims"] if c["iri"] in new]
    assert all(slug not in html_before for slug in slugs)
    assert any(slug in http(app, "GET", "/").text for slug in slugs)
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
