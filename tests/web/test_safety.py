"""Untrusted labels, quotes, titles and URLs render as text in the graph, its panel data and
every page: no injected element, attribute, script or javascript: link survives."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from kg.export.html_graph import graph_html
from kg.view import View, read_view
from kg.web.site import write_site
from tests.web.evil import AGENT, CLAIM, EVIL, IMG, JS_URL, SCRIPT, SOURCE, evil_store


@pytest.fixture(scope="module")
def evil_view() -> View:
    return read_view(evil_store())


def check_document(html: str, scripts_allowed: int) -> lxml.html.HtmlElement:
    """No injected element, event attribute or javascript: URL; only our own scripts."""
    doc = lxml.html.document_fromstring(html)
    assert doc.xpath("//img | //iframe | //object | //embed | //svg | //base | //form") == []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            if name in ("href", "src", "action") and (el.tag, value) != ("link", "data:,"):
                assert not value.strip().lower().startswith(("javascript:", "data:")), value
    scripts = doc.xpath("//script")
    assert len(scripts) == scripts_allowed
    for script in scripts:
        if script.get("type") == "application/json":
            assert "<" not in (script.text or "") and ">" not in (script.text or "")
        else:
            assert script.get("nonce") and "alert(1)" not in (script.text or "")
    return doc


def test_graph_page_keeps_evil_text_as_data(evil_view: View) -> None:
    html = graph_html(evil_view)
    doc = check_document(html, scripts_allowed=3)
    data = json.loads(doc.get_element_by_id("kg-data").text)
    assert data["claims"][CLAIM]["text"]["en"] == f"Claim {EVIL}"
    assert data["agents"][AGENT]["label"] == f"Agent {IMG}"
    assert SCRIPT in data["agents"][AGENT]["names"]
    exacts = {st["exact"] for st in data["statements"].values()}
    assert any(SCRIPT in e and IMG in e for e in exacts)
    titles = {n[2] for n in data["nodes"]}
    assert f"Agent {IMG}" in titles  # plain text; the page script never uses innerHTML
    assert data["sources"][SOURCE]["url"] is None  # javascript: never becomes a link
    review = data["claims"][CLAIM]["reviews"][0]
    assert review["url"] is None and review["rating"] == f"False {IMG}"
    # the drop-downs show labels as text
    options = [o.text_content() for o in doc.xpath("//select[@id='claimant']/option")]
    assert f"Other {SCRIPT}" in options


def test_panel_script_builds_text_nodes_only() -> None:
    from importlib import resources

    script = (resources.files("kg.templates") / "graph.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "document.write" not in script and "eval(" not in script


def test_every_site_page_renders_evil_text_literally(evil_view: View, tmp_path: Path) -> None:
    written = write_site(evil_view, tmp_path)
    pages = [p for p in written if p.suffix == ".html"]
    assert {p.relative_to(tmp_path).as_posix() for p in pages} == {
        "index.html",
        "claim/evil-claim.html",
        "agent/evil-agent.html",
        "agent/other-agent.html",
        "source/evil.html",
    }
    for page in pages:
        html = page.read_text(encoding="utf-8")
        # the index filters rows; claim and agent pages copy citations; nothing else has code
        check_document(html, scripts_allowed=0 if page.parent.name == "source" else 1)
    claim = lxml.html.parse(str(tmp_path / "claim/evil-claim.html")).getroot()
    assert claim.xpath("string(//h1)") == f"Claim {EVIL}"
    marks = [m.text_content() for m in claim.xpath("//blockquote/mark")]
    assert any(SCRIPT in m for m in marks)
    assert f"False {IMG}" in claim.text_content()
    source = lxml.html.parse(str(tmp_path / "source/evil.html")).getroot()
    assert source.xpath("string(//h1)") == f"Title {EVIL}"
    article = source.xpath("//div[@class='article']")[0]
    for ref in article.xpath(".//sup"):
        ref.drop_tree()  # the numbered references to each statement
    assert article.text_content() == evil_view.sources[SOURCE].text
    assert JS_URL in source.text_content()  # shown as text ...
    assert not source.xpath("//a[contains(@href, 'alert')]")  # ... never as a link
    agent = lxml.html.parse(str(tmp_path / "agent/evil-agent.html")).getroot()
    assert agent.xpath("string(//h1)") == f"Agent {IMG}"
    data = json.loads((tmp_path / "claim/evil-claim.json").read_text(encoding="utf-8"))
    assert data["claim"]["text"]["id"] == f"Klaim {SCRIPT}"


def test_overlapping_spans_are_both_highlighted(evil_view: View, tmp_path: Path) -> None:
    write_site(evil_view, tmp_path)
    source = lxml.html.parse(str(tmp_path / "source/evil.html")).getroot()
    marks = source.xpath("//div[@class='article']//mark")
    tips = [m.get("title") for m in marks]
    assert any("asserts" in t and "denies" in t for t in tips)  # the shared piece
    assert source.get_element_by_id("s-says") is not None
    assert source.get_element_by_id("s-denies") is not None
