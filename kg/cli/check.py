"""``kg check``: store integrity."""

from __future__ import annotations

import sys
from contextlib import closing

import click

from kg.cli.options import store_option
from kg.integrity import check_store
from kg.store import open_store

__all__ = ["check_cmd"]


@click.command("check")
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL shapes (fast on huge stores).")
@store_option
def check_cmd(no_shacl: bool, store: str) -> None:
    """Verify the store: every statement has its claim, claimant, source and a span that
    matches the source text, the graph conforms to the SHACL shapes, and (embedded store) the
    text index holds what the graphs call for. Exit 3 on problems.
    """
    with closing(open_store(store)) as target:
        problems = check_store(target, shacl=not no_shacl)
        graphs = len(target.graphs())
    for problem in problems:
        click.echo(f"problem: {problem}", err=True)
    if problems:
        click.echo(f"kg: error: {len(problems)} integrity problem(s) in {store}", err=True)
        sys.exit(3)
    click.echo(f"ok: {graphs} named graph(s), no integrity problems")
