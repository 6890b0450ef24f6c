"""``kg build`` and ``kg validate``."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import click

from kg import build as building
from kg.cli.options import exports_option, seeds_option, store_option
from kg.store import open_store

__all__ = ["build_cmd", "validate_cmd"]


@click.command("build")
@seeds_option
@exports_option
@store_option
def build_cmd(seeds: Path, exports: Path, store: str) -> None:
    """Validate every curated seed and write the graph to the store and exports/."""
    with closing(open_store(store)) as target:
        report = building.build(seeds, exports, target)
    click.echo(f"built {report.summary()}")
    click.echo(f"wrote: store {store}, " + ", ".join(report.written[1:]))
    for source in report.superseded:
        click.echo(f"replaced the machine-extracted graph of {source} with the curated one")


@click.command("validate")
@seeds_option
@exports_option
def validate_cmd(seeds: Path, exports: Path) -> None:
    """Check seeds (and exports, if present) without writing anything."""
    report = building.validate(seeds, exports)
    click.echo(f"valid: {report.summary()}")
    click.echo("checked: " + ", ".join(report.checked))
