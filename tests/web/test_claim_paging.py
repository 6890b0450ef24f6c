"""A served claim page and its ``.json`` list a claim's statements, and its timeline's
appearances, a page of :data:`kg.web.pages.CLAIM_PER_PAGE` at a time (an agent's page its
statements too): the denials and disputes
first, then the other stances, each newest first; the page says which ones it shows and links
to the previous and next pages; following them gives every statement exactly once."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

from kg.ingest import ingest_paths
from kg.store import EmbeddedStore
from kg.view.read import read_view
from kg.web.pages import CLAIM_PER_PAGE, CONTESTING
from kg.web.site import write_site
from tests.track.test_kept_timelines import copies
from tests.web.test_pages_http import get

STANCE_RANK = {s: i for i, s in enumerate(CONTESTING)}


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> tuple[EmbeddedStore, str, int]:
    """A store of 40 copies of the seed: its most cited claim has more than a page of
    statements. Returns the store, that claim's slug and its number of statements."""
    folder: Path = tmp_path_factory.mktemp("copies")
    store = EmbeddedStore()
    assert len(ingest_paths(copies(folder, 0, 40), store).ingested) == 40
    view = read_view(store)
    claim = max(view.claims.values(), key=lambda c: (len(view.on_claim(c.iri)), c.slug))
    total = len(view.on_claim(claim.iri))
    assert total > 2 * CLAIM_PER_PAGE, total  # three pages at least
    assert {s.stance for s in view.on_claim(claim.iri)} & set(CONTESTING), "no denial to sort"
    return store, claim.slug, total


def test_claim_json_pages_through_every_statement_in_order(hub) -> None:
    store, slug, total = hub
    seen: list[dict] = []
    path: str | None = f"/claim/{slug}.json"
    pages = 0
    while path is not None:
        (r,) = get(store, path)
        assert r.status_code == 200, path
        data = r.json()
        pages += 1
        assert data["page"] == pages and data["total"] == total
        assert data["per_page"] == CLAIM_PER_PAGE
        assert len(data["statements"]) == data["last"] - data["first"] + 1 <= CLAIM_PER_PAGE
        assert sum(data["statement_counts"].values()) == total
        assert (data["prev"] is None) == (pages == 1)
        if pages > 1:
            assert data["prev"] == f"{slug}.json" + ("" if pages == 2 else f"?page={pages - 1}")
        seen += data["statements"]
        path = f"/claim/{data['next']}" if data["next"] else None
    assert pages == -(-total // CLAIM_PER_PAGE) and pages >= 3
    assert len(seen) == total == len({s["iri"] for s in seen})  # each exactly once
    # the denials and disputes first, then the others; within a stance newest first
    ranks = [STANCE_RANK.get(s["stance"], len(CONTESTING)) for s in seen]
    assert ranks == sorted(ranks) and ranks[0] == 0
    sources = read_view(store).sources
    days = [(s["stance"], (s["date"] or sources[s["source"]].date or "")[:10]) for s in seen]
    assert any(day for _, day in days), "no dated statement to sort"
    for a, b in pairwise(days):
        assert a[0] != b[0] or a[1] >= b[1] or not b[1], (a, b)


def test_claim_page_says_what_it_shows_and_links_onwards(hub) -> None:
    store, slug, total = hub
    first, second, far, bad = get(
        store, f"/claim/{slug}", f"/claim/{slug}?page=2", f"/claim/{slug}?page=999",
        f"/claim/{slug}?page=0",
    )  # fmt: skip
    assert first.status_code == second.status_code == far.status_code == 200
    assert f"Statements 1–{CLAIM_PER_PAGE} of {total}" in first.text
    assert f'rel="next" href="{slug}?page=2#statements"' in first.text
    assert 'rel="prev"' not in first.text.split('id="statements"')[1].split("</p>")[0]
    assert f"Statements {CLAIM_PER_PAGE + 1}–{2 * CLAIM_PER_PAGE} of {total}" in second.text
    assert f'rel="prev" href="{slug}#statements"' in second.text
    for page in (first, second, far):  # each page's stances in the page's order
        ranks = [
            STANCE_RANK.get(h, len(CONTESTING)) for h in re.findall(r"<h2>(\w+) \(", page.text)
        ]
        assert ranks == sorted(ranks), ranks
    pages = -(-total // CLAIM_PER_PAGE)
    assert f"page {pages} of {pages}" in far.text  # past the end: the last page
    assert bad.status_code == 400
    # every statement block on a page is one of that page's
    blocks = len(re.findall(r'<div class="statement ', first.text))
    assert blocks == CLAIM_PER_PAGE


def test_timeline_appearances_are_paged_apart_from_the_statements(hub) -> None:
    store, slug, _total = hub
    (one, two) = get(store, f"/claim/{slug}.json", f"/claim/{slug}.json?tpage=2")
    tl1, tl2 = one.json()["timeline"], two.json()["timeline"]
    assert tl1["appearances_total"] > CLAIM_PER_PAGE
    assert len(tl1["appearances"]) == CLAIM_PER_PAGE
    assert tl1["paging"]["next"] == f"{slug}.json?tpage=2"
    assert tl2["paging"]["page"] == 2 and tl2["paging"]["prev"] == f"{slug}.json"
    assert tl1["appearances"][-1] != tl2["appearances"][0]
    days = [a["day"] or "9999" for a in tl1["appearances"] + tl2["appearances"]]
    assert days == sorted(days)  # earliest first, across pages
    # the statements stay on their first page while the timeline moves on
    assert one.json()["statements"] == two.json()["statements"]
    (html,) = get(store, f"/claim/{slug}?tpage=2")
    assert f"Appearances {CLAIM_PER_PAGE + 1}–" in html.text


def test_the_static_site_keeps_every_statement_on_the_claim_page(hub, tmp_path: Path) -> None:
    """Files opened from disk take no query: the static site's claim page lists them all."""
    store, slug, total = hub
    write_site(read_view(store), tmp_path)
    data = json.loads((tmp_path / "claim" / f"{slug}.json").read_text(encoding="utf-8"))
    assert len(data["statements"]) == total and "next" not in data
    html = (tmp_path / "claim" / f"{slug}.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<div class="statement ', html)) == total


def test_agent_pages_are_paged_the_same_way(hub, tmp_path: Path) -> None:
    """An agent quoted in every article: its page and .json list 50 of its statements at a
    time, in the same order, and following ``next`` gives each once."""
    store, _slug, _total = hub
    view = read_view(store)
    agent = max(view.agents.values(), key=lambda a: (len(view.by_claimant(a.iri)), a.slug))
    total = len(view.by_claimant(agent.iri))
    assert total > CLAIM_PER_PAGE, total
    seen: list[dict] = []
    path: str | None = f"/agent/{agent.slug}.json"
    while path is not None:
        (r,) = get(store, path)
        data = r.json()
        assert data["total"] == total and len(data["statements"]) <= CLAIM_PER_PAGE
        seen += data["statements"]
        path = f"/agent/{data['next']}" if data["next"] else None
    assert len(seen) == total == len({s["iri"] for s in seen})
    ranks = [STANCE_RANK.get(s["stance"], len(CONTESTING)) for s in seen]
    assert ranks == sorted(ranks)
    (html, bad) = get(store, f"/agent/{agent.slug}?page=2", f"/agent/{agent.slug}?page=x")
    assert f"Statements {CLAIM_PER_PAGE + 1}–" in html.text and bad.status_code == 400
    write_site(view, tmp_path)  # the static site: every statement on the agent's page
    data = json.loads((tmp_path / "agent" / f"{agent.slug}.json").read_text(encoding="utf-8"))
    assert len(data["statements"]) == total and "next" not in data
