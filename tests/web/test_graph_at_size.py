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


#: What the view shows: visible nodes, those without a visible edge, those drawn off the canvas,
#: and how much of the canvas the visible nodes' extent fills (1.0 = one side touches both ends).
SHOWN = """(function () {
  var n = window.claimgraph.network, nodes = n.body.data.nodes, edges = n.body.data.edges;
  var ids = nodes.getIds().filter(function (id) { return !nodes.get(id).hidden; });
  var linked = {};
  edges.get().forEach(function (e) {
    if (!e.hidden) { linked[e.from] = true; linked[e.to] = true; }
  });
  var r = document.getElementById('graph').getBoundingClientRect();
  var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, off = [];
  ids.forEach(function (id) {
    var b = n.getBoundingBox(id);
    var a = n.canvasToDOM({x: b.left, y: b.top}), c = n.canvasToDOM({x: b.right, y: b.bottom});
    x0 = Math.min(x0, a.x); y0 = Math.min(y0, a.y); x1 = Math.max(x1, c.x); y1 = Math.max(y1, c.y);
    var p = n.canvasToDOM(n.getPositions([id])[id]);
    if (p.x < 0 || p.y < 0 || p.x > r.width || p.y > r.height) off.push(id);
  });
  return {visible: ids.length, total: nodes.length, off: off,
          alone: ids.filter(function (id) { return !linked[id]; }),
          fill: Math.max((x1 - x0) / r.width, (y1 - y0) / r.height), scale: n.getScale()};
})()"""

NORTH_KOREA = "https://w3id.org/claimgraph/id/agent/north-korea"


def set_filter(browser: Chromium, selector: str, value: str | bool) -> None:
    prop = "checked" if isinstance(value, bool) else "value"
    browser.evaluate(
        f"(function () {{ var e = document.querySelector({json.dumps(selector)});"
        f" e.{prop} = {json.dumps(value)}; e.dispatchEvent(new Event('change')); }})()"
    )


def first_source_of(view: View, lang: str) -> str:
    return sorted(
        st.source
        for st in view.statements.values()
        if view.sources[st.source].language == lang and view.sources[st.source].date
    )[0]


FILTERS: list[tuple[str, str | bool]] = [
    (".stance-filter[value=asserts]", False),
    (".stance-filter[value=denies]", False),
    ("#claimant", NORTH_KOREA),
    ("#language", "id"),
    ("#date-from", "2025-06-01"),
    ("#date-to", "2025-09-30"),
    ("#status", "contested"),
    ("#status", "uncontested"),
]


def test_each_filter_hides_lone_nodes_refits_and_never_overlaps(
    browser: Chromium, news_graph: Path, news_view: View
) -> None:
    open_graph(browser, news_graph)
    total = browser.evaluate(SHOWN)["total"]
    source = first_source_of(news_view, "en")
    for selector, value in [*FILTERS, ("#source", source)]:
        open_graph(browser, news_graph)  # each filter alone, from the first view
        set_filter(browser, selector, value)
        shown = browser.evaluate(SHOWN)
        assert 0 < shown["visible"] < total, (selector, value, shown["visible"])
        assert shown["alone"] == [], (selector, value)
        assert shown["off"] == [], (selector, value)
        # re-fitted: the shown nodes fill the view, or are shown at full size (fit's limit)
        assert shown["fill"] > 0.8 or shown["scale"] >= 1.0, (selector, value, shown)
        assert browser.evaluate(OVERLAPS)["pairs"] == [], (selector, value)
        note = browser.evaluate("document.getElementById('filter-note').textContent")
        assert note == f"{shown['visible']} of {total} nodes shown"
    # all filters at once, then back to everything
    open_graph(browser, news_graph)
    set_filter(browser, "#language", "en")
    set_filter(browser, "#status", "contested")
    set_filter(browser, ".stance-filter[value=asserts]", False)
    both = browser.evaluate(SHOWN)
    assert 0 < both["visible"] < total and both["alone"] == []
    assert browser.evaluate(OVERLAPS)["pairs"] == []
    set_filter(browser, "#language", "")
    set_filter(browser, "#status", "")
    set_filter(browser, ".stance-filter[value=asserts]", True)
    assert browser.evaluate(SHOWN)["visible"] == total
    assert browser.evaluate("document.getElementById('filter-note').textContent") == ""
    assert browser.errors() == []


def test_a_date_range_keeps_only_statements_of_those_days(
    browser: Chromium, news_graph: Path, news_view: View
) -> None:
    open_graph(browser, news_graph)
    set_filter(browser, "#date-from", "2025-06-01")
    set_filter(browser, "#date-to", "2025-06-30")
    kept = browser.evaluate(
        "window.claimgraph.data.nodes.filter(n => n.kind === 'source' &&"
        " !window.claimgraph.network.body.data.nodes.get(n.id).hidden).map(n => n.id)"
    )
    expected = set()
    for st in news_view.statements.values():
        day = st.date or news_view.sources[st.source].date
        if day and "2025-06-01" <= day <= "2025-06-30":
            expected.add(st.source)
    assert expected and set(kept) == expected


def test_clearing_the_search_clears_its_message(browser: Chromium, news_graph: Path) -> None:
    open_graph(browser, news_graph)
    intro = browser.evaluate("document.getElementById('panel').innerText")
    browser.evaluate(
        "(function () { var s = document.getElementById('search'); s.value = 'Korea';"
        " s.dispatchEvent(new Event('input')); })()"
    )
    assert "match" in browser.evaluate("document.getElementById('panel').innerText")
    browser.evaluate(
        "(function () { var s = document.getElementById('search'); s.value = '';"
        " s.dispatchEvent(new Event('input')); })()"
    )
    assert browser.evaluate("document.getElementById('panel').innerText") == intro
    assert browser.evaluate("window.claimgraph.network.getSelectedNodes().length") == 0


@pytest.mark.parametrize("kind", ["claim", "agent", "source"])
def test_a_deep_link_opens_with_the_node_focused_and_its_panel_shown(
    browser: Chromium, news_graph: Path, news_view: View, kind: str
) -> None:
    table = {"claim": news_view.claims, "agent": news_view.agents, "source": news_view.sources}
    iri = {
        "claim": "https://w3id.org/claimgraph/id/claim/containers-shipped",
        "agent": NORTH_KOREA,
        "source": first_source_of(news_view, "id"),
    }[kind]
    slug = table[kind][iri].slug
    browser.events.clear()
    browser.goto(news_graph.as_uri() + f"#{kind}={slug}")
    browser.wait_for("document.body.getAttribute('data-ready') === '1'")
    assert browser.evaluate("document.getElementById('panel').getAttribute('data-shown')") == iri
    assert browser.evaluate("window.claimgraph.network.getSelectedNodes()") == [iri]
    at = browser.evaluate(f"{DRAWN_AT}({json.dumps(iri)})")
    assert at["inside"] and at["hit"] == iri
    assert browser.evaluate("window.claimgraph.network.getScale()") == 1.0
    assert browser.errors() == []


def test_a_deep_link_to_an_unknown_slug_says_so(browser: Chromium, news_graph: Path) -> None:
    browser.events.clear()
    browser.goto(news_graph.as_uri() + "#claim=no-such-claim")
    browser.wait_for("document.body.getAttribute('data-ready') === '1'")
    assert "No claim “no-such-claim”" in browser.evaluate(
        "document.getElementById('panel').innerText"
    )
    assert browser.errors() == []


def test_the_language_switch_relabels_without_overlaps(
    browser: Chromium, news_graph: Path, news_view: View
) -> None:
    claim = news_view.claims["https://w3id.org/claimgraph/id/claim/containers-shipped"]
    open_graph(browser, news_graph)
    browser.evaluate(f"window.claimgraph.show({json.dumps(claim.iri)})")
    assert browser.evaluate("document.querySelector('#panel h2').textContent") == claim.text["en"]
    # the other language only on demand
    assert browser.evaluate("document.querySelector('#panel details.other-langs').open") is False
    set_filter(browser, "#ui-lang", "id")
    node = browser.evaluate(
        f"window.claimgraph.network.body.data.nodes.get({json.dumps(claim.iri)}).title"
    )
    assert node == claim.text["id"]
    assert browser.evaluate("document.querySelector('#panel h2').textContent") == claim.text["id"]
    assert browser.evaluate("document.documentElement.lang") == "id"
    label = browser.evaluate(
        f"window.claimgraph.network.body.data.nodes.get({json.dumps(NORTH_KOREA)}).label"
    )
    assert label == news_view.agents[NORTH_KOREA].label("id")
    browser.evaluate("window.claimgraph.network.redraw(); 0")
    assert browser.evaluate(OVERLAPS)["pairs"] == []
    assert browser.errors() == []


#: Overlapping pairs among the nodes vis-network draws now (collapsed stories included).
DRAWN_OVERLAPS = """(function () {
  var n = window.claimgraph.network;
  var ids = n.body.nodeIndices.filter(function (id) { return !n.body.nodes[id].options.hidden; });
  var b = ids.map(function (id) { return [id, n.getBoundingBox(id)]; }), out = [];
  for (var i = 0; i < b.length; i++) for (var j = i + 1; j < b.length; j++) {
    var p = b[i][1], q = b[j][1];
    if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom)
      out.push([b[i][0], b[j][0]]);
  }
  return {drawn: ids, pairs: out};
})()"""


def test_stories_collapse_into_groups_and_expand_on_click(
    browser: Chromium, news_graph: Path
) -> None:
    open_graph(browser, news_graph)
    stories = browser.evaluate("window.claimgraph.data.stories.length")
    total = browser.evaluate("window.claimgraph.data.nodes.length")
    assert 3 <= stories < total / 4
    set_filter(browser, "#group", True)
    drawn = browser.evaluate(DRAWN_OVERLAPS)
    assert len(drawn["drawn"]) == stories and drawn["pairs"] == []
    assert all(i.startswith("story:") for i in drawn["drawn"])
    members = browser.evaluate("window.claimgraph.data.stories[0][4].length")
    at = browser.evaluate(f"{DRAWN_AT}('story:0')")
    assert at["inside"] and at["hit"] == "story:0"
    browser.click(at["x"], at["y"])
    browser.wait_for("!window.claimgraph.network.body.nodes['story:0']", timeout=5)
    expanded = browser.evaluate(DRAWN_OVERLAPS)
    assert len(expanded["drawn"]) == stories - 1 + members
    # its members are back where the layout put them, not piled on the story's spot
    assert [p for p in expanded["pairs"] if not any(i.startswith("story:") for i in p)] == []
    set_filter(browser, "#group", False)
    drawn = browser.evaluate(DRAWN_OVERLAPS)
    assert len(drawn["drawn"]) == total and drawn["pairs"] == []
    assert browser.errors() == []
