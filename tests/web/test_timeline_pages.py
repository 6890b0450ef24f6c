"""Claim pages show the claim's timeline (issue 8): on the static site and served live."""

from __future__ import annotations

import asyncio
import json
from html.parser import HTMLParser
from pathlib import Path

import httpx
from rdflib import URIRef

from kg.store import EmbeddedStore
from kg.track.timeline import timeline
from kg.view.model import View
from kg.web.app import create_app
from kg.web.site import write_site


class Sections(HTMLParser):
    """Collects the text of <section class="timeline"> and its table rows."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.rows: list[list[str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section" and ("class", "timeline") in attrs:
            self.depth = 1
        elif self.depth and tag == "tr":
            self.rows.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self.depth = 0

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)
            if self.rows and data.strip():
                self.rows[-1].append(data.strip())


def parse(html: str) -> Sections:
    parser = Sections()
    parser.feed(html)
    return parser


def test_static_claim_page_has_the_timeline(
    seed_view: View, seed_store: EmbeddedStore, tmp_path: Path
) -> None:
    write_site(seed_view, tmp_path, timelines=lambda iri: timeline(seed_store, URIRef(iri)))
    page = parse((tmp_path / "claim" / "containers-shipped.html").read_text(encoding="utf-8"))
    text = " ".join(page.text)
    assert "Status:" in text and "disputed" in text
    known = {"asserts", "denies", "disputes", "supports", "accuses"}
    stances = sorted(cell for row in page.rows[1:] for cell in row if cell in known)
    assert stances == ["asserts", "denies", "denies"]
    assert any("pada hari Jumat" in row for row in page.rows[1:])
    twin = json.loads((tmp_path / "claim" / "containers-shipped.json").read_text(encoding="utf-8"))
    assert twin["timeline"]["status"] == "disputed"
    assert twin["timeline"]["independent_sources"] == 1
    # an undisputed claim reads as unverified
    quiet = json.loads((tmp_path / "claim" / "limits-and-opportunities.json").read_text())
    assert quiet["timeline"]["status"] == "unverified"


def test_served_claim_page_has_the_timeline(seed_store: EmbeddedStore) -> None:
    async def run() -> tuple[str, dict]:  # type: ignore[type-arg]
        transport = httpx.ASGITransport(app=create_app(seed_store))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            html = (await client.get("/claim/containers-shipped")).text
            data = (await client.get("/claim/containers-shipped.json")).json()
        return html, data

    html, data = asyncio.run(run())
    assert "disputed" in " ".join(parse(html).text)
    assert [a["stance"] for a in data["timeline"]["appearances"]].count("denies") == 2
