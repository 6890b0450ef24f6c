"""``kg export site``: the browsing pages as a static site that opens from disk.

``index.html``, ``claim/<slug>.html``, ``agent/<slug>.html``, ``source/<slug>.html``, each with
a ``.json`` twin beside it. Files opened from disk take no query, so a claim or agent page here
lists all its statements (and a claim's whole timeline), as the index lists every claim;
``kg serve`` pages them. File names come from slugs (never titles) and may not leave the
output folder; every file is written atomically.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.fsutil import atomic_write, safe_child
from kg.track.timeline import Timeline
from kg.view.model import View
from kg.web.pages import PAGES, Links, Page, agent_page, claim_page, index_page, render

__all__ = ["write_site"]


def _write(folder: Path, slug: str, page: Page) -> list[Path]:
    html, _ = render(page)
    data = json.dumps(page.data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    paths = [safe_child(folder, f"{slug}.html"), safe_child(folder, f"{slug}.json")]
    atomic_write(paths[0], html.encode("utf-8"))
    atomic_write(paths[1], data.encode("utf-8"))
    return paths


def write_site(
    view: View,
    out: Path,
    lang: str = "en",
    timelines: Callable[[str], Timeline | None] | None = None,
) -> list[Path]:
    """Write every page of ``view`` under ``out``; return the files written.

    ``timelines`` gives the timeline of a claim IRI, shown on its page (``kg export site``
    reads them from the store).
    """
    out.mkdir(parents=True, exist_ok=True)
    written = _write(out, "index", index_page(view, Links(view, 0, ".html"), lang))
    tables: dict[str, dict[str, Any]] = {
        "claim": view.claims,
        "agent": view.agents,
        "source": view.sources,
    }
    for kind, fn in PAGES.items():
        folder = safe_child(out, kind)
        for item in tables[kind].values():
            if kind == "claim":  # every statement on one page, as the index keeps every claim
                links = Links(view, 1, ".html")
                timeline = timelines(item.iri) if timelines is not None else None
                page = claim_page(view, item.slug, links, lang, timeline, page=None)
            elif kind == "agent":
                page = agent_page(view, item.slug, Links(view, 1, ".html"), lang, page=None)
            else:
                page = fn(view, item.slug, Links(view, 1, ".html"), lang)
            written += _write(folder, item.slug, page)
    return written
