"""``kg export ...``: a group; each format's subcommands live in their own module."""

from __future__ import annotations

import click

__all__ = ["export"]


@click.group("export")
def export() -> None:
    """Write the graph in another format (HTML, site, ClaimReview, CSV, GraphML ...)."""


# Subcommands are registered here, one line per module:
from kg.cli.export_html import html_cmd, site_cmd  # noqa: E402  (browsing: html, site)

export.add_command(html_cmd)
export.add_command(site_cmd)
from kg.cli.export_formats import commands  # noqa: E402  (claimreview, csv, graphml, gexf, jsonld)

for _cmd in commands:
    export.add_command(_cmd)
