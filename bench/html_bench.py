"""Benchmark of ``kg export html`` on a synthetic graph of 5,000 claims.

Prints the Python build time, the HTML size, and in headless Chromium (Debian's package) the
time to the first drawn frame and the time from a click on a claim to the panel showing it.

    python bench/html_bench.py [--claims 5000] [--out /tmp/kg-bench.html]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.export.html_graph import graph_html  # noqa: E402
from kg.view.model import (  # noqa: E402
    AgentView,
    ClaimView,
    SourceView,
    StatementView,
    View,
)
from tests.web.chromium import Chromium, chromium_path  # noqa: E402

BASE = "https://w3id.org/claimgraph/id/"
WORDS = (
    "north korea russia sent containers munitions weapons ministry said denied claims report "
    "military cooperation sanctions strike civilians hospital officials agency visit talks"
).split()


def synth(claims: int, seed: int = 1) -> View:
    """A view with ``claims`` claims, claims/15 agents, claims/25 sources, ~2.4 statements each."""
    rng = random.Random(seed)
    view = View()
    n_agents, n_sources = max(claims // 15, 2), max(claims // 25, 1)
    for i in range(n_agents):
        iri = f"{BASE}agent/a{i}"
        view.agents[iri] = AgentView(
            iri=iri,
            slug=f"a{i}",
            kind="government",
            labels={"en": f"Agent {i}", "id": f"Agen {i}"},
            aliases=[f"alias{i}"],
        )
    texts = {}
    for i in range(n_sources):
        iri = f"{BASE}source/s{i}"
        sentences = (
            " ".join(rng.choice(WORDS) for _ in range(rng.randrange(8, 30))).capitalize() + "."
            for _ in range(40)
        )
        text = " ".join(sentences)
        texts[iri] = text
        view.sources[iri] = SourceView(iri=iri, slug=f"s{i}", title=f"Article {i}", text=text)
    agents, sources = list(view.agents), list(view.sources)
    for i in range(claims):
        iri = f"{BASE}claim/c{i}"
        words = " ".join(rng.choice(WORDS) for _ in range(14))
        view.claims[iri] = ClaimView(
            iri=iri,
            slug=f"c{i}",
            text={"en": f"Claim {i}: {words}", "id": f"Klaim {i}: {words}"},
            about=rng.sample(agents, 2),
        )
        stances = ["asserts", *rng.choice([[], ["denies"], ["denies", "denies"], ["supports"]])]
        for j, stance in enumerate(stances):
            src = rng.choice(sources)
            start = rng.randrange(0, len(texts[src]) - 200)
            end = start + rng.randrange(40, 160)
            st = StatementView(
                iri=f"{BASE}statement/s/{i}-{j}",
                slug=f"{i}-{j}",
                claims=[iri],
                claimant=rng.choice(agents),
                stance=stance,
                source=src,
                start=start,
                end=end,
                exact=texts[src][start:end],
            )
            st.set_sentence(texts[src])
            view.statements[st.iri] = st
    return view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/kg-html-bench.html"))
    args = parser.parse_args()
    view = synth(args.claims)
    start = time.perf_counter()
    html = graph_html(view)
    build = time.perf_counter() - start
    args.out.write_text(html, encoding="utf-8")
    nodes = len(view.claims) + len(view.agents) + len(view.sources)
    print(f"graph: {len(view.claims)} claims, {nodes} nodes, {len(view.statements)} statements")
    print(f"python build (layout + HTML): {build:.2f} s")
    print(f"html size: {len(html.encode('utf-8')) / 1e6:.1f} MB")
    binary = chromium_path()
    if binary is None:
        print("chromium: not installed, browser figures skipped")
        return
    with Chromium(binary) as browser:
        t0 = time.perf_counter()
        browser.send("Page.navigate", {"url": args.out.resolve().as_uri()})
        browser.wait_for("document.body && document.body.getAttribute('data-ready') === '1'", 300)
        first = time.perf_counter() - t0
        drawn = browser.evaluate("window.claimgraph.network.body.nodeIndices.length")
        # zoom/pan redraw at overview: median of 15 full synchronous draws (vis-network's
        # internal _redraw) after a small pan and zoom
        redraw = browser.evaluate(
            "(function () { var n = window.claimgraph.network, t = [];"
            " for (var i = 0; i < 15; i++) { var p = n.getViewPosition();"
            "  n.moveTo({position: {x: p.x + 5, y: p.y}, scale: n.getScale() * 1.01,"
            "   animation: false});"
            "  var a = performance.now(); n.renderer._redraw(); t.push(performance.now() - a); }"
            " t.sort(function (a, b) { return a - b; }); return t[7]; })()"
        )
        # expand the largest story with a real click
        at = browser.evaluate(
            "(function () { var n = window.claimgraph.network;"
            " var d = n.canvasToDOM(n.getPositions(['story:0'])['story:0']);"
            " var r = document.getElementById('graph').getBoundingClientRect();"
            " return {x: d.x + r.left, y: d.y + r.top, hit: n.getNodeAt(d)}; })()"
        )
        t1 = time.perf_counter()
        browser.click(at["x"], at["y"])
        browser.wait_for("!window.claimgraph.network.body.nodes['story:0']")
        expand = time.perf_counter() - t1
        claims = browser.evaluate(
            "window.claimgraph.data.stories[0][4].map(k => window.claimgraph.data.nodes[k])"
            ".filter(n => n.kind === 'claim').slice(0, 5).map(n => n.id)"
        )
        answers = []
        for claim in claims:
            at = browser.evaluate(
                "(function (iri) { var n = window.claimgraph.network;"
                " n.moveTo({position: n.getPositions([iri])[iri], scale: 1.5, animation: false});"
                " var d = n.canvasToDOM(n.getPositions([iri])[iri]);"
                " var r = document.getElementById('graph').getBoundingClientRect();"
                " return {x: d.x + r.left, y: d.y + r.top, hit: n.getNodeAt(d)}; })"
                f"({json.dumps(claim)})"
            )
            browser.wait_for("new Promise(r => requestAnimationFrame(() => r(true)))")
            t2 = time.perf_counter()
            browser.click(at["x"], at["y"])
            shown = "document.getElementById('panel').getAttribute('data-shown')"
            browser.wait_for(f"{shown} === {json.dumps(at['hit'])}")
            answers.append(time.perf_counter() - t2)
        in_page = browser.evaluate("window.claimgraph.timing")
        browser.evaluate("window.claimgraph.group(true); 0")
        shot = browser.screenshot(ROOT / "test-artifacts" / f"bench-{args.claims}-claims.png")
        browser.drain()
        errors = browser.errors()
    answers.sort()
    print(f"chromium: first frame after {first:.2f} s ({drawn} nodes drawn: stories)")
    print(f"chromium: redraw after zoom/pan at overview, median of 15: {redraw:.1f} ms")
    print(f"chromium: click on a story to expanded: {expand * 1000:.0f} ms")
    print(
        f"chromium: click on a claim to its panel, median of {len(answers)}: "
        f"{answers[len(answers) // 2] * 1000:.0f} ms (round trip over CDP); in page "
        f"{in_page['shown'] - in_page['click']:.1f} ms"
    )
    print(f"screenshot: {shot}")
    print(f"chromium: console errors: {errors}")


if __name__ == "__main__":
    main()
