"""``kg export ...``: a group; each format's subcommands live in their own module."""

from __future__ import annotations

import click

__all__ = ["export"]


@click.group("export")
def export() -> None:
    """Write the graph in another format (HTML, site, ClaimReview, CSV, GraphML ...)."""


# Subcommands are registered here, one line per module:
