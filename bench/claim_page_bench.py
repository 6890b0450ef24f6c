"""The hub claim's page for a new view: its timeline read whole versus kept and updated, and
the page with every statement versus one page of them.

On a copy of ``serve_bench.py``'s cached store (``--articles`` seed-shaped articles, each
citing the first one's claims: the most cited claim has 3 statements per article), reads the
view, then for each step of ``--steps`` ingests that many more such articles, updates the view
for what they changed (as ``kg serve`` does), and times for the most cited claim:

- ``timeline()`` read whole (``track-appearances`` over every source, the sources' texts,
  grouping them all), and
- ``KeptTimelines.of`` for the new view (``kg/track/kept.py``: the new statements' rows, the new
  sources' texts, grouped into the kept groups), checking that both give the same timeline;

then the claim page made and rendered (HTML and ``.json``) with all its statements and
timeline (as before paging, and as the static site writes it) and with the first page of 50,
and the memory kept for the timelines of the three most stated claims (tracemalloc).
Prints the load average with the figures (the machine may be shared).

Usage: python bench/claim_page_bench.py [--articles 1200] [--steps 1,5,20] [--cache DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from rdflib import URIRef

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingest_bench import make_articles  # noqa: E402
from kg.ingest import ingest_files  # noqa: E402
from kg.store import EmbeddedStore  # noqa: E402
from kg.track.kept import KeptTimelines  # noqa: E402
from kg.track.timeline import timeline  # noqa: E402
from kg.view.delta import update_view  # noqa: E402
from kg.view.read import read_view  # noqa: E402
from kg.web.pages import Links, claim_page, render  # noqa: E402


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def page_seconds(view, slug, tl, page):  # type: ignore[no-untyped-def]
    """Seconds to make the claim page and render it, and to make its .json data."""
    import json

    start = time.perf_counter()
    made = claim_page(view, slug, Links(view, 1, "", ""), "en", tl, page=page)
    html = render(made)[0].encode("utf-8")
    data = json.dumps(made.data).encode("utf-8")
    return time.perf_counter() - start, len(html), len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1200)
    parser.add_argument("--steps", default="1,5,20")
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "claimgraph-serve-bench")  # fmt: skip
    args = parser.parse_args()
    cached = args.cache / f"store-{args.articles}"
    if not (args.cache / f"store-{args.articles}.ready").exists():
        raise SystemExit(f"no cached store {cached}: run bench/serve_bench.py first")
    print(f"load average at start: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        shutil.copytree(cached, path)
        store = EmbeddedStore(path)
        view, seconds = timed(read_view, store)
        print(f"view read in {seconds:.1f} s", flush=True)
        hub = max(view.claims.values(), key=lambda c: (len(view.on_claim(c.iri)), c.slug))
        kept = KeptTimelines(store)
        tl, seconds = timed(kept.of, hub.iri, view)
        print(f"claim {hub.slug}: {len(view.on_claim(hub.iri))} statements, "
              f"{len(tl.appearances)} appearances, {len(tl.sources)} sources; "
              f"first timeline (whole) {seconds:.2f} s", flush=True)  # fmt: skip
        for label, page in (("all statements", None), ("page 1 of 50", 1)):
            secs, html, data = page_seconds(view, hub.slug, tl, page)
            print(f"claim page, {label}: {secs * 1000:.0f} ms to make and render, "
                  f"HTML {html // 1024} KB, JSON {data // 1024} KB", flush=True)  # fmt: skip
        # memory kept: the claims cited by every article share their sources' shingles
        tracemalloc.start()
        probe = KeptTimelines(store)
        start = tracemalloc.get_traced_memory()[0]
        top = sorted(view.claims.values(), key=lambda c: (-len(view.on_claim(c.iri)), c.slug))
        for n, claim in enumerate(top[:3], 1):
            probe.of(claim.iri, view)
            held = (tracemalloc.get_traced_memory()[0] - start) / 1e6
            print(f"memory kept for the {n} most stated claim(s): {held:.0f} MB", flush=True)
        tracemalloc.stop()
        del probe
        folder = Path(tmp) / "articles"
        done = 0
        print("\n| new articles | timeline read whole | kept, updated | kept, same view | equal |")
        print("|---|---|---|---|---|")
        for step in (int(n) for n in args.steps.split(",")):
            files = make_articles(folder, done + step, byline="Kontributor")[done:]
            done += step
            generation = store.generation
            report = ingest_files(files, store)
            assert len(report.ingested) == step, report.failed[:3]
            changed = store.changes_since(generation)
            assert changed is not None
            updated = update_view(store, view, changed)
            assert updated is not None
            view = updated
            before = dict(kept.made)
            mine, kept_s = timed(kept.of, hub.iri, view)
            how = [k for k in kept.made if kept.made[k] != before[k]]
            _, same_s = timed(kept.of, hub.iri, view)
            whole, whole_s = timed(timeline, store, URIRef(hub.iri))
            equal = (mine.appearances, mine.groups, mine.reviews) == (
                whole.appearances, whole.groups, whole.reviews
            )  # fmt: skip
            print(f"| {step} | {whole_s:.2f} s | {kept_s:.3f} s ({'/'.join(how)}) | "
                  f"{same_s * 1000:.2f} ms | {equal} |", flush=True)  # fmt: skip
        store.close()
    print(f"\nload average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
