"""The interactive graph at a real size, in headless Chromium: the seed plus 32 short articles.

At the first view no two visible nodes' drawn boxes (shape and label, as vis-network measures
them) overlap, and a real click at the drawn position of each of 20 sampled nodes opens that
node's panel. The layout itself is checked in Python too (:mod:`kg.export.overlap`).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from kg.export.graph import to_networkx
from kg.export.html_graph import node_boxes, write_graph_html
from kg.export.layout import layout
from kg.export.overlap import Box, overlapping, remove_overlaps
from kg.view import View
from tests.web.chromium import Chromium

#: Pairs of visible nodes whose bounding boxes (in canvas coordinates) intersect.
OVERLAPS = """(function () {
  var n = window.claimgraph.network, data = n.body.data.nodes;
  var ids = data.getIds().filter(function (id) { return !data.get(id).hidden; });
  var b = ids.map(function (id) { return [id, n.getBoundingBox(id)]; }), out = [];
  for (var i = 0; i < b.length; i++) for (var j = i + 1; j < b.length; j++) {
    var p = b[i][1], q = b[j][1];
    if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom)
      out.push([b[i][0], b[j][0]]);
  }
  return {visible: ids.length, pairs: out};
})()"""

#: Where a node is drawn, in page pixels, and which node vis-network finds there.
DRAWN_AT = """(function (iri) {
  var n = window.claimgraph.network;
  var d = n.canvasToDOM(n.getPositions([iri])[iri]);
  var r = document.getElementById('graph').getBoundingClientRect();
  return {x: d.x + r.left, y: d.y + r.top, hit: n.getNodeAt(d),
          inside: d.x > 0 && d.y > 0 && d.x < r.width && d.y < r.height};
})"""


@pytest.fixture(scope="module")
def news_graph(news_view: View, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("news") / "graph.html"
    return write_graph_html(news_view, out)


def open_graph(browser: Chromium, page: Path) -> None:
    browser.events.clear()
    browser.goto(page.as_uri())
    browser.wait_for("document.body.getAttribute('data-ready') === '1'")


def test_the_news_graph_is_of_real_size(news_view: View) -> None:
    g = to_networkx(news_view)
    kinds = [k for _, k in g.nodes(data="kind")]
    assert kinds.count("claim") >= 130 and kinds.count("agent") >= 90
    assert kinds.count("source") >= 31


def test_python_layout_has_no_overlapping_boxes(news_view: View) -> None:
    g = to_networkx(news_view)
    boxes = node_boxes(g)
    assert overlapping(layout(g, boxes=boxes), boxes) == 0


def test_overlap_removal_separates_nodes_on_one_spot() -> None:
    pos = {str(i): (0.0, 0.0) for i in range(50)}
    boxes = {str(i): Box(200, 50) for i in range(50)}
    assert overlapping(pos, boxes) == 50 * 49 // 2
    assert overlapping(remove_overlaps(pos, boxes), boxes) == 0


def test_no_two_visible_nodes_overlap_at_the_first_view(
    browser: Chromium, news_graph: Path
) -> None:
    open_graph(browser, news_graph)
    found = browser.evaluate(OVERLAPS)
    assert found["visible"] >= 250
    assert found["pairs"] == []
    assert browser.errors() == []


def test_twenty_sampled_clicks_each_open_the_clicked_node(
    browser: Chromium, news_graph: Path
) -> None:
    open_graph(browser, news_graph)
    data = browser.evaluate(
        "window.claimgraph.data.nodes.filter(n => n.kind !== 'review').map(n => n.id)"
    )
    sample = random.Random(16).sample(sorted(data), 20)
    for iri in sample:
        at = browser.evaluate(f"{DRAWN_AT}({json.dumps(iri)})")
        assert at["inside"], iri
        assert at["hit"] == iri, f"{at['hit']} is drawn over {iri}"
        browser.click(at["x"], at["y"])
        browser.wait_for(
            f"document.getElementById('panel').getAttribute('data-shown') === {json.dumps(iri)}",
            timeout=5,
        )
    assert browser.evaluate("typeof window.claimgraph.network.getNodeAt") == "function"
    assert browser.errors() == []
