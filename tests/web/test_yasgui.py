"""YASGUI (npm ``@triply/yasgui``, installed by scripts/services.sh) in headless Chromium,
served from another origin, runs a query against ``kg serve``'s /sparql and shows the rows;
with CORS switched off the same page gets nothing, so the headers are what makes it work."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Route

from kg.store import EmbeddedStore
from kg.web.app import create_app
from kg.web.sparql import Limits
from tests.servers import serve_app
from tests.web.chromium import Chromium, chromium_path

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / ".ci" / "services" / "yasgui" / "node_modules" / "@triply" / "yasgui" / "build"
DENIERS = (
    "PREFIX cg: <https://w3id.org/claimgraph/ns#>\n"
    "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
    "SELECT DISTINCT ?denier WHERE { ?st cg:stance cg:denies ; prov:wasAttributedTo ?denier }"
    " ORDER BY ?denier"
)
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>YASGUI</title>
<link rel="stylesheet" href="/yasgui.min.css"><script src="/yasgui.min.js"></script></head>
<body><div id="yasgui"></div><script>
Yasgui.Yasqe.defaults.autocompleters = [];  // they fetch prefix.cc and LOV: stay offline
window.yasgui = new Yasgui(document.getElementById("yasgui"), {
  requestConfig: {endpoint: ENDPOINT, method: "POST"},
  copyEndpointOnNewTab: false,
});
</script></body></html>"""


def _need_yasgui() -> Path:
    if not (BUILD / "yasgui.min.js").exists():
        message = "npm @triply/yasgui is not installed: run scripts/services.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return BUILD


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    binary = chromium_path()
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed: run scripts/services.sh")
        pytest.skip("chromium is not installed (scripts/services.sh installs it)")
    with Chromium(binary) as b:
        yield b


def _page_app(build: Path, endpoint: str) -> Starlette:
    """The YASGUI page, on an origin of its own (another port)."""

    async def page(request: Request) -> Response:
        return HTMLResponse(PAGE.replace("ENDPOINT", json.dumps(endpoint)))

    def asset(name: str) -> Route:
        async def serve(request: Request) -> Response:
            return FileResponse(build / name)

        return Route(f"/{name}", serve)

    return Starlette(routes=[Route("/", page), asset("yasgui.min.js"), asset("yasgui.min.css")])


ROWS = "Array.from(document.querySelectorAll('.yasr table tbody tr')).map(r => r.innerText)"


def _run_query(browser: Chromium, page_url: str) -> None:
    browser.goto(page_url)
    browser.wait_for("window.yasgui && window.yasgui.getTab() && true")
    query = json.dumps(DENIERS)
    browser.evaluate(f"(() => {{ const t = yasgui.getTab(); t.setQuery({query}); t.query(); "
                     "return true; })()")  # fmt: skip


def test_yasgui_in_chromium_shows_the_rows(browser: Chromium, seeded_store: EmbeddedStore) -> None:
    build = _need_yasgui()
    for base in serve_app(create_app(seeded_store, Limits(cap=1000, timeout=10))):
        endpoint = base + "/sparql"
        for page in serve_app(_page_app(build, endpoint)):
            assert urlparse(page).port != urlparse(base).port  # another origin
            _run_query(browser, page + "/")
            browser.wait_for(f"{ROWS}.join(' ').includes('north-korea')", timeout=60)
            rows = browser.evaluate(ROWS)
            assert any("north-korea" in r for r in rows) and any("russia" in r for r in rows)
            browser.drain()
            for url in browser.requests():
                assert urlparse(url).hostname in (None, "127.0.0.1") or url.startswith("data:"), url


def test_without_cors_the_page_gets_no_rows(browser: Chromium, seeded_store: EmbeddedStore) -> None:
    build = _need_yasgui()
    app = create_app(seeded_store, Limits(cap=1000, timeout=10, cors_origins=()))
    for base in serve_app(app):
        for page in serve_app(_page_app(build, base + "/sparql")):
            _run_query(browser, page + "/")
            with pytest.raises(TimeoutError):
                browser.wait_for(f"{ROWS}.join(' ').includes('north-korea')", timeout=8)


@pytest.fixture(scope="module")
def seeded_store(dataset: object) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore()
    store.replace_graphs(dataset)  # type: ignore[arg-type]
    yield store
    store.close()
