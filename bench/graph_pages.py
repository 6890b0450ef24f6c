"""The interactive graph on the seed plus the 32 test articles, in headless Chromium.

Prints the export time, the time to the first drawn frame and from a click to the panel
(medians), and with ``--shots DIR`` saves the README's screenshots at 1,400 x 900: the
overview, one story zoomed in, and a claim's panel.

    python bench/graph_pages.py [--runs 5] [--shots docs/img]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.curation.seeds import load_corpus  # noqa: E402
from kg.export.html_graph import write_graph_html  # noqa: E402
from kg.ingest import ingest_paths  # noqa: E402
from kg.store import EmbeddedStore  # noqa: E402
from kg.view import read_view  # noqa: E402
from tests.web.chromium import Chromium, chromium_path  # noqa: E402

ARTICLES = [ROOT / "tests" / "data" / d for d in ("browse", "extract", "track")]
CLAIM = "https://w3id.org/claimgraph/id/claim/containers-shipped"
AT = (
    "(function (iri) { var n = window.claimgraph.network;"
    " var d = n.canvasToDOM(n.getPositions([iri])[iri]);"
    " var r = document.getElementById('graph').getBoundingClientRect();"
    " return {x: d.x + r.left, y: d.y + r.top, hit: n.getNodeAt(d)}; })"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shots", type=Path, default=None)
    args = parser.parse_args()
    store = EmbeddedStore()
    store.replace_graphs(load_corpus(ROOT / "seeds").dataset())
    ingest_paths(ARTICLES, store)
    view = read_view(store)
    out = Path(tempfile.mkdtemp(prefix="kg-graph-pages-")) / "graph.html"
    start = time.perf_counter()
    write_graph_html(view, out)
    export = time.perf_counter() - start
    print(
        f"graph: {len(view.claims)} claims, {len(view.agents)} agents, {len(view.sources)} sources"
    )
    print(f"kg export html (layout + stories + HTML): {export:.2f} s")
    binary = chromium_path()
    if binary is None:
        print("chromium: not installed, browser figures skipped")
        return
    firsts, clicks, in_page = [], [], []
    with Chromium(binary) as browser:
        for run in range(args.runs):
            t0 = time.perf_counter()
            # a new query each run: the old page never answers for the new one
            browser.send("Page.navigate", {"url": f"{out.as_uri()}?run={run}"})
            browser.wait_for("document.body && document.body.getAttribute('data-ready') === '1'")
            firsts.append(time.perf_counter() - t0)
            at = browser.evaluate(f"{AT}({json.dumps(CLAIM)})")
            t1 = time.perf_counter()
            browser.click(at["x"], at["y"])
            shown = "document.getElementById('panel').getAttribute('data-shown')"
            browser.wait_for(f"{shown} === {json.dumps(CLAIM)}")
            clicks.append(time.perf_counter() - t1)
            timing = browser.evaluate("window.claimgraph.timing")
            in_page.append(timing["shown"] - timing["click"])
        if args.shots:
            browser.send("Page.navigate", {"url": f"{out.as_uri()}?shots"})
            browser.wait_for("document.body && document.body.getAttribute('data-ready') === '1'")
            browser.screenshot(args.shots / "graph-overview.png")
            browser.evaluate(
                "(function (iri) { var n = window.claimgraph.network;"
                " n.moveTo({position: n.getPositions([iri])[iri], scale: 0.7, animation: false});"
                f" }})({json.dumps(CLAIM)})"
            )
            browser.screenshot(args.shots / "graph-story.png")
            browser.evaluate(f"window.claimgraph.focus({json.dumps(CLAIM)}); 0")
            browser.screenshot(args.shots / "graph-claim-panel.png")
            print(f"screenshots in {args.shots}")
    print(f"chromium: navigation to first drawn frame, median of {args.runs}: "
          f"{statistics.median(firsts):.2f} s")  # fmt: skip
    print(f"chromium: click on a claim to its panel, median: {statistics.median(clicks) * 1000:.0f}"
          f" ms over CDP, {statistics.median(in_page):.1f} ms in the page")  # fmt: skip


if __name__ == "__main__":
    main()
