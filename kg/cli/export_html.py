"""``kg export html`` (the interactive graph) and ``kg export site`` (the static pages)."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import click

from kg.cli.options import store_option
from kg.errors import InputError
from kg.store import open_store
from kg.view import View, read_view

__all__ = ["html_cmd", "site_cmd"]


def _load(store: str) -> View:
    """The browsing view of the store at ``store``; a missing local store is an error."""
    if "://" not in store and not Path(store).is_dir():
        raise InputError(f"{store}: no store there; run `kg build` first")
    with closing(open_store(store)) as target:
        return read_view(target)


@click.command("html")
@store_option
@click.option(
    "--around",
    "centre",
    metavar="IRI_OR_LABEL",
    default=None,
    help="Only the neighbourhood of one claim, agent or source (IRI, slug, label or alias).",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="How many hops around --around to keep.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("exports/graph.html"),
    show_default=True,
    help="The HTML file to write.",
)
@click.option(
    "--site-base",
    default="site/",
    show_default=True,
    help="Relative path from the HTML file to the static site (kg export site) for links.",
)
@click.option(
    "--lang",
    default="en",
    show_default=True,
    type=click.Choice(["en", "id"]),
    help="Language of claim texts and agent labels at first (the page can switch).",
)
def html_cmd(
    store: str, centre: str | None, depth: int, out: Path, site_base: str, lang: str
) -> None:
    """Write the claim graph as one offline HTML file (vis-network, no CDN).

    Click a claim to see who asserted, denied or disputed it, with the exact words in each
    source; click an agent to see what it asserted and denied.
    """
    from kg.export.html_graph import write_graph_html

    view = _load(store)
    write_graph_html(view, out, centre=centre, depth=depth, site=site_base, lang=lang)
    click.echo(f"wrote {out}")


@click.command("site")
@store_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("exports/site"),
    show_default=True,
    help="The folder to write the site into.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "id"]),
    default="en",
    show_default=True,
    help="Language of claim texts and agent labels (the other one on demand).",
)
def site_cmd(store: str, out: Path, lang: str) -> None:
    """Write a static site: an index with search and facets, and one page per claim, agent and
    source (article with every claim span highlighted), each with a .json twin."""
    from rdflib import URIRef

    from kg.track.timeline import timeline
    from kg.web.site import write_site

    view = _load(store)
    with closing(open_store(store)) as target:
        written = write_site(
            view, out, lang=lang, timelines=lambda iri: timeline(target, URIRef(iri))
        )
    click.echo(f"wrote {len(written)} files under {out} (open {out / 'index.html'})")
