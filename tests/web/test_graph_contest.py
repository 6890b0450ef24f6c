"""How contested a claim is shows in its size, on graphs built and drawn in headless Chromium.

Each denial or dispute answering a claim makes it bigger: on large graphs (above
``BIG_GRAPH`` nodes) a claim is a dot whose radius grows, on smaller ones a box whose margin
around its label grows. Sizes are read from vis-network's own bounding boxes, and the layout
keeps the bigger shapes apart.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path

import pytest

from kg.export.graph import to_networkx
from kg.export.html_graph import BIG_GRAPH, contest_levels, write_graph_html
from kg.view import View
from tests.web.chromium import Chromium
from tests.web.test_graph_at_size import DRAWN_AT, DRAWN_OVERLAPS, open_graph

ROOT = Path(__file__).resolve().parents[2]

#: Drawn width and height of a node, and how much wider its shape is than its label.
SIZE = """(function (iri) {
  var n = window.claimgraph.network, b = n.getBoundingBox(iri), node = n.body.nodes[iri];
  return {width: b.right - b.left, height: b.bottom - b.top,
          margin: node.shape.width - node.labelModule.size.width};
})"""


def _synth_view(claims: int) -> View:
    """The HTML benchmark's synthetic view (bench/html_bench.py): 0, 1 or 2 denials a claim."""
    spec = importlib.util.spec_from_file_location("html_bench", ROOT / "bench" / "html_bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    view: View = module.synth(claims)
    return view


def _by_level(view: View) -> dict[int, str]:
    """One claim for each contest step (the first in IRI order)."""
    levels = contest_levels(to_networkx(view))
    found: dict[int, str] = {}
    for iri in sorted(view.claims):
        found.setdefault(levels.get(iri, 0), iri)
    return found


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[View, Path]:
    view = _synth_view(1450)
    out = tmp_path_factory.mktemp("big") / "graph.html"
    return view, write_graph_html(view, out)


def test_a_large_graph_opens_as_stories_whose_nodes_come_on_opening(
    browser: Chromium, big: tuple[View, Path]
) -> None:
    view, page = big
    open_graph(browser, page)
    stories = browser.evaluate("window.claimgraph.data.stories.length")
    drawn = browser.evaluate(DRAWN_OVERLAPS)
    assert len(drawn["drawn"]) == stories and drawn["pairs"] == []
    assert all(i.startswith("story:") for i in drawn["drawn"])
    members = browser.evaluate("window.claimgraph.data.stories[0][4].length")
    at = browser.evaluate(f"{DRAWN_AT}('story:0')")
    assert at["inside"] and at["hit"] == "story:0"
    browser.click(at["x"], at["y"])
    browser.wait_for("!window.claimgraph.network.body.nodes['story:0']", timeout=5)
    assert len(browser.evaluate(DRAWN_OVERLAPS)["drawn"]) == stories - 1 + members
    # a deep link to a claim inside a closed story opens that story and the claim's panel
    claim = view.claims[sorted(view.claims)[-1]]
    browser.goto(f"{page.as_uri()}?fresh#claim={claim.slug}")  # a new load
    browser.wait_for("document.body.getAttribute('data-ready') === '1'")
    browser.wait_for(
        f"document.getElementById('panel').getAttribute('data-shown') === {json.dumps(claim.iri)}"
    )
    assert browser.evaluate(f"!!window.claimgraph.network.body.nodes[{json.dumps(claim.iri)}]")
    assert browser.errors() == []


def test_on_a_large_graph_more_denials_draw_a_bigger_dot(
    browser: Chromium, big: tuple[View, Path]
) -> None:
    view, page = big
    assert len(to_networkx(view)) > BIG_GRAPH
    open_graph(browser, page)
    browser.evaluate("window.claimgraph.group(false); 0")
    browser.wait_for("new Promise(r => requestAnimationFrame(() => r(true)))")  # drawn
    claims = _by_level(view)
    assert {0, 1, 2} <= set(claims)
    sizes = {k: browser.evaluate(f"{SIZE}({json.dumps(iri)})") for k, iri in claims.items()}
    assert sizes[0]["width"] < sizes[1]["width"] < sizes[2]["width"]
    assert sizes[0]["height"] < sizes[1]["height"] < sizes[2]["height"]
    # the layout made room for the bigger dots: nothing drawn overlaps
    drawn = browser.evaluate(DRAWN_OVERLAPS)
    assert len(drawn["drawn"]) == len(to_networkx(view)) and drawn["pairs"] == []
    assert browser.errors() == []


def test_on_the_news_graph_a_denied_claim_has_a_wider_box(
    browser: Chromium, news_view: View, tmp_path: Path
) -> None:
    page = write_graph_html(news_view, tmp_path / "graph.html")
    open_graph(browser, page)
    claims = _by_level(news_view)
    assert {0, 1} <= set(claims)
    margins = {
        k: browser.evaluate(f"{SIZE}({json.dumps(iri)})")["margin"] for k, iri in claims.items()
    }
    steps = sorted(margins)
    assert all(margins[a] < margins[b] for a, b in itertools.pairwise(steps))
    assert browser.errors() == []
