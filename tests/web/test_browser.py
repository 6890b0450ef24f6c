"""End to end in Debian's headless Chromium: the offline graph and a claim page of the site.

Clicks the container claim in the graph, sees both denials in the panel, and checks that no
request leaves file:// (or 127.0.0.1) and that the console stays free of errors. Screenshots
go to ``test-artifacts/``. With CI=true a missing Chromium fails the test instead of skipping.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from kg.export.html_graph import write_graph_html
from kg.store import EmbeddedStore
from kg.view import View
from kg.view.cite import citation
from kg.web.app import create_app
from kg.web.site import write_site
from tests.servers import serve_app
from tests.web.chromium import Chromium
from tests.web.conftest import CLAIM

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def exported(seed_view: View, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    write_graph_html(seed_view, out / "graph.html")
    write_graph_html(seed_view, out / "around.html", centre="Korea Utara", depth=1)
    write_site(seed_view, out / "site")
    return out


def assert_offline_and_clean(browser: Chromium) -> None:
    browser.drain()
    for url in browser.requests():
        parsed = urlparse(url)
        assert parsed.scheme in ("file", "data") or parsed.hostname == "127.0.0.1", url
    assert browser.errors() == []


def test_graph_click_on_the_container_claim_shows_both_denials(
    browser: Chromium, exported: Path
) -> None:
    browser.events.clear()
    browser.goto((exported / "graph.html").as_uri())
    browser.wait_for("document.body.getAttribute('data-ready') === '1'")
    at = browser.evaluate(
        "(function (iri) {"
        " var n = window.claimgraph.network;"
        " var d = n.canvasToDOM(n.getPositions([iri])[iri]);"
        " var r = document.getElementById('graph').getBoundingClientRect();"
        " return {x: d.x + r.left, y: d.y + r.top, hit: n.getNodeAt(d)};"
        f"}})({json.dumps(CLAIM)})"
    )
    assert at["hit"] == CLAIM, "another node covers the container claim"
    browser.click(at["x"], at["y"])
    browser.wait_for(
        f"document.getElementById('panel').getAttribute('data-shown') === {json.dumps(CLAIM)}"
    )
    panel = browser.evaluate("document.getElementById('panel').innerText")
    assert "1,000 containers" in panel and "1.000 kontainer" in panel
    assert "denies (2)" in panel and "undefined" not in panel and "null" not in panel
    assert "Government of North Korea" in panel and "Government of Russia" in panel
    assert "Tuduhan AS telah dibantah oleh Korea Utara dan Kremlin" in panel
    marks = browser.evaluate(
        "Array.prototype.map.call(document.querySelectorAll('#panel mark'), m => m.textContent)"
    )
    assert marks.count("Tuduhan AS telah dibantah oleh Korea Utara dan Kremlin") == 2
    browser.screenshot(ARTIFACTS / "graph-container-claim.png")
    assert_offline_and_clean(browser)


def test_graph_search_finds_an_agent_by_an_indonesian_alias(
    browser: Chromium, exported: Path
) -> None:
    browser.events.clear()
    browser.goto((exported / "graph.html").as_uri())
    browser.wait_for("document.body.getAttribute('data-ready') === '1'")
    hits = browser.evaluate("window.claimgraph.find('Moskow')")
    assert "https://w3id.org/claimgraph/id/agent/russia" in hits
    assert_offline_and_clean(browser)


def test_claim_page_of_the_site(browser: Chromium, exported: Path) -> None:
    browser.events.clear()
    browser.goto((exported / "site" / "claim" / "containers-shipped.html").as_uri())
    text = browser.evaluate("document.body.innerText")
    assert "denies (2)" in text
    assert "Government of North Korea" in text and "Government of Russia" in text
    browser.screenshot(ARTIFACTS / "site-container-claim.png")
    href = browser.evaluate("document.querySelector('.denies a[href*=\"source/\"]').href")
    browser.goto(href)
    assert browser.evaluate("!!document.getElementById(location.hash.slice(1))")
    assert_offline_and_clean(browser)


def test_graph_filters_by_claimant_and_stance(browser: Chromium, exported: Path) -> None:
    browser.events.clear()
    browser.goto((exported / "graph.html").as_uri())
    browser.wait_for("document.body.getAttribute('data-ready') === '1'")
    hidden = (
        "(function (iri) { return !!window.claimgraph.network.body.data.nodes.get(iri).hidden; })"
    )
    gaza = json.dumps("https://w3id.org/claimgraph/id/claim/gaza-hospital-strike")
    browser.evaluate(
        "(function () { var s = document.getElementById('claimant');"
        " s.value = 'https://w3id.org/claimgraph/id/agent/north-korea';"
        " s.dispatchEvent(new Event('change')); })()"
    )
    assert browser.evaluate(f"{hidden}({json.dumps(CLAIM)})") is False
    assert browser.evaluate(f"{hidden}({gaza})") is True
    browser.evaluate(
        "(function () { var s = document.getElementById('claimant'); s.value = '';"
        " s.dispatchEvent(new Event('change'));"
        " var c = document.querySelector('.stance-filter[value=denies]'); c.checked = false;"
        " c.dispatchEvent(new Event('change')); })()"
    )
    edges = browser.evaluate(
        "window.claimgraph.network.body.data.edges.get().filter(e => !e.hidden).length"
    )
    denials = browser.evaluate(
        "window.claimgraph.network.body.data.edges.get().filter(e => e.hidden).length"
    )
    assert edges > 0 and denials == 4  # two agents deny two claims each
    assert_offline_and_clean(browser)


@pytest.fixture(scope="module")
def served(seed_store: EmbeddedStore) -> Iterator[str]:
    """``kg serve``'s app on 127.0.0.1 (uvicorn in a thread)."""
    yield from serve_app(create_app(seed_store))


def test_served_claim_page_and_graph(browser: Chromium, served: str) -> None:
    browser.events.clear()
    browser.goto(served + "/claim/containers-shipped")
    text = browser.evaluate("document.body.innerText")
    assert "denies (2)" in text and "Government of Russia" in text
    browser.goto(served + "/graph.html")
    browser.wait_for("document.body.getAttribute('data-ready') === '1'")
    assert browser.evaluate(f"window.claimgraph.show({json.dumps(CLAIM)})") is True
    assert "denies (2)" in browser.evaluate("document.getElementById('panel').innerText")
    browser.screenshot(ARTIFACTS / "served-graph.png")
    assert_offline_and_clean(browser)


def test_every_panel_of_an_around_graph(browser: Chromium, exported: Path) -> None:
    browser.events.clear()
    browser.goto((exported / "around.html").as_uri())
    browser.wait_for("document.body.getAttribute('data-ready') === '1'")
    ids = browser.evaluate("window.claimgraph.data.nodes.map(n => n.id)")
    assert CLAIM in ids and "https://w3id.org/claimgraph/id/agent/north-korea" in ids
    assert "https://w3id.org/claimgraph/id/agent/kim-jong-un" not in ids
    for iri in ids:
        assert browser.evaluate(f"window.claimgraph.show({json.dumps(iri)})") is True
        panel = browser.evaluate("document.getElementById('panel').innerText")
        assert panel.strip() and "undefined" not in panel and "null" not in panel, iri
    assert_offline_and_clean(browser)


def test_claim_page_links_to_its_node_in_the_graph(browser: Chromium, exported: Path) -> None:
    browser.events.clear()
    browser.goto((exported / "site" / "claim" / "containers-shipped.html").as_uri())
    href = browser.evaluate("document.querySelector('a.in-graph').href")
    assert href == (exported / "graph.html").as_uri() + "#claim=containers-shipped"
    browser.goto(href)
    browser.wait_for("document.body.getAttribute('data-ready') === '1'")
    assert browser.evaluate("document.getElementById('panel').getAttribute('data-shown')") == CLAIM
    assert_offline_and_clean(browser)


def test_a_statement_link_lands_with_context_and_marks_its_span(
    browser: Chromium, exported: Path
) -> None:
    browser.events.clear()
    browser.goto((exported / "site" / "claim" / "containers-shipped.html").as_uri())
    href = browser.evaluate("document.querySelector('.denies a[href*=\"source/\"]').href")
    browser.goto(href)
    browser.wait_for("document.readyState === 'complete'")
    landed = browser.evaluate(
        "(function () { var a = document.getElementById(location.hash.slice(1));"
        " var m = a; while (m.tagName !== 'MARK') m = m.nextElementSibling;"
        " var r = m.getBoundingClientRect();"
        " var others = Array.prototype.filter.call(document.querySelectorAll('.article mark'),"
        "   x => x !== m && getComputedStyle(x).outlineStyle !== 'none');"
        " return {tag: m.tagName, top: r.top, height: innerHeight, scrolled: scrollY,"
        "  outline: getComputedStyle(m).outlineStyle, others: others.length}; })()"
    )
    assert landed["tag"] == "MARK" and landed["outline"] == "solid" and landed["others"] == 0
    assert landed["scrolled"] > 0
    assert 0.2 * landed["height"] <= landed["top"] <= 0.6 * landed["height"], landed
    assert_offline_and_clean(browser)


def test_copy_citation_on_the_claim_page_and_in_the_graph_panel(
    browser: Chromium, served: str, seed_view: View
) -> None:
    browser._call(
        "Browser.grantPermissions",
        {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"], "origin": served},
    )
    browser.send("Emulation.setFocusEmulationEnabled", {"enabled": True})
    browser.events.clear()
    browser.goto(served + "/claim/containers-shipped")
    page = browser.evaluate(
        "Array.prototype.map.call(document.querySelectorAll('button.copy'),"
        " b => b.getAttribute('data-copy'))"
    )
    denials = [st for st in seed_view.on_claim(CLAIM) if st.stance == "denies"]
    nk = next(st for st in denials if "north-korea" in st.claimant)
    text = citation(seed_view, nk)["text"]
    assert text in page and citation(seed_view, nk)["markdown"] in page
    assert text.startswith('Government of North Korea: "Tuduhan AS telah dibantah')
    assert seed_view.sources[nk.source].title in text and nk.iri in text
    at = browser.evaluate(
        "(function () { var b = Array.prototype.find.call("
        " document.querySelectorAll('button.copy'),"
        f" x => x.getAttribute('data-copy') === {json.dumps(text)}); b.scrollIntoView();"
        " var r = b.getBoundingClientRect(); return {x: r.left + 5, y: r.top + 5}; })()"
    )
    browser.click(at["x"], at["y"])
    assert browser.evaluate("navigator.clipboard.readText()") == text
    # the graph panel cites the same way
    browser.goto(served + "/graph.html")
    browser.wait_for("document.body.getAttribute('data-ready') === '1'")
    assert browser.evaluate(f"window.claimgraph.citation({json.dumps(nk.iri)})") == citation(
        seed_view, nk
    )
    browser.evaluate(f"window.claimgraph.show({json.dumps(CLAIM)})")
    panel = browser.evaluate(
        "Array.prototype.map.call(document.querySelectorAll('#panel button.copy'),"
        " b => b.getAttribute('data-copy'))"
    )
    assert text in panel
    assert_offline_and_clean(browser)
