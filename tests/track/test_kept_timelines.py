"""A claim's timeline kept between views and updated for what changed
(:class:`kg.track.kept.KeptTimelines`) equals the timeline read whole
(:func:`kg.track.timeline.timeline`) of the same store: after several ingests of articles
citing the claim (rows added, sources grouped into the kept groups: no whole read), a review
(read again), and a retraction (read whole again)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from rdflib import URIRef

from kg.curation.reviews import record_review
from kg.ids import graph_iri, slug_of
from kg.imports.replace import retract_graph
from kg.ingest import ingest_paths
from kg.store import EmbeddedStore
from kg.track.kept import KeptTimelines
from kg.track.timeline import Timeline, timeline
from kg.view.delta import update_view
from kg.view.model import View
from kg.view.read import read_view

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_eae76bf788f95f59.txt"


def copies(folder: Path, first: int, n: int) -> list[Path]:
    """Articles shaped like the seed under other bylines (as ``bench/ingest_bench.py`` makes
    them), each on its own day and in one of three papers: each cites the seed's claims, so
    each one's statements join their timelines."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for i in range(first, first + n):
        path = folder / f"{i:03}.txt"
        head = f"---\npublisher: Koran {i % 3}\ndate: 2024-{1 + i % 12:02}-{1 + i % 28:02}\n---\n"
        path.write_text(head + text.replace("Banyu Uwir", f"Penulis {i}"), encoding="utf-8")
        paths.append(path)
    return paths


def assert_same(kept: Timeline, whole: Timeline, step: str) -> None:
    assert kept.claim == whole.claim, step
    assert kept.appearances == whole.appearances, f"{step}: appearances"
    assert kept.groups == whole.groups, f"{step}: groups"
    assert kept.reviews == whole.reviews, f"{step}: reviews"


def test_kept_timeline_equals_the_whole_one_after_additions_and_a_retraction(
    tmp_path: Path,
) -> None:
    store = EmbeddedStore()
    assert len(ingest_paths(copies(tmp_path, 0, 3), store).ingested) == 3
    view: View = read_view(store)
    generation = store.generation
    # the claims most stated, with their timelines kept from the first view
    claims = sorted(view.claims, key=lambda c: (-len(view.on_claim(c)), c))[:3]
    kept = KeptTimelines(store)
    for claim in claims:
        assert_same(kept.of(claim, view), timeline(store, URIRef(claim)), "first view")
    assert kept.made == {"same": 0, "added": 0, "whole": 3}
    # claims cited by the same articles share one copy of each source's shingles
    first, second = (kept._kept[c].groups._shingles for c in claims[:2])
    shared = set(first) & set(second)
    assert shared and all(first[s] is second[s] for s in shared)
    assert kept.of(claims[0], view) is kept.of(claims[0], view)  # the same view: kept as is
    sizes = [len(kept.of(claims[0], view).appearances)]

    def follow(step: str) -> None:
        nonlocal view, generation
        changed = store.changes_since(generation)
        assert changed is not None, step
        generation = store.generation
        updated = update_view(store, view, changed)
        assert updated is not None, step
        view = updated
        for claim in claims:
            assert_same(kept.of(claim, view), timeline(store, URIRef(claim)), step)

    for step, first in enumerate((3, 5, 8)):  # several additions, one and more at a time
        articles = copies(tmp_path, first, 1 + step)
        assert len(ingest_paths(articles, store).ingested) == len(articles)
        follow(f"ingest of {len(articles)} more")
        sizes.append(len(kept.of(claims[0], view).appearances))
    assert sizes[0] < sizes[1] < sizes[2] < sizes[3], sizes  # they did add rows
    assert kept.made["whole"] == 3 and kept.made["added"] == 9, kept.made

    # a review of the claim: its rows stay, its reviews are read again
    record_review(store, claims[0], "False", "Example Checkers", url="https://check.example/1")
    follow("a review")
    assert kept.of(claims[0], view).reviews and kept.made["whole"] == 3, kept.made

    # a retraction removes rows: read whole again, and equal again
    source = next(iter(sorted(view.sources)))
    assert retract_graph(store, graph_iri(slug_of(source)))
    follow("retraction of an article")
    assert kept.made["whole"] == 6, kept.made  # (each kept claim read whole again)
    assert len(kept.of(claims[0], view).appearances) < sizes[-1]

    # and additions after it go on from the timeline read whole
    assert len(ingest_paths(copies(tmp_path, 20, 2), store).ingested) == 2
    follow("ingest after the retraction")
    assert kept.made["whole"] == 6 and kept.made["added"] == 15, kept.made


def test_rows_read_ahead_of_the_view_and_removed_since_do_not_stay(tmp_path: Path) -> None:
    """The store moves on while a page is made from the view: a whole read holds an article
    the view does not have yet. When that article is retracted before the next view, the
    kept timeline must not keep its rows."""
    store = EmbeddedStore()
    assert len(ingest_paths(copies(tmp_path, 0, 3), store).ingested) == 3
    view = read_view(store)
    generation = store.generation
    claim = max(view.claims, key=lambda c: (len(view.on_claim(c)), c))
    [(_path, source, _n)] = ingest_paths(copies(tmp_path, 3, 1), store).ingested
    kept = KeptTimelines(store)
    ahead = kept.of(claim, view)  # read after the ingest, for the view before it
    assert any(a.source == str(source) for a in ahead.appearances)
    assert retract_graph(store, graph_iri(slug_of(str(source))))
    changed = store.changes_since(generation)
    assert changed is not None
    later = update_view(store, view, changed)
    assert later is view  # nothing the view had changed; kg serve shows it as a new view:
    later = dataclasses.replace(view)  # (kg.web.pages.Views._rebuilt)
    assert_same(kept.of(claim, later), timeline(store, URIRef(claim)), "after the retraction")
