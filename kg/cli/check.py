"""``kg check``: store integrity."""

from __future__ import annotations

import sys
from contextlib import closing

import click

from kg.cli.options import store_option
from kg.integrity import run_check
from kg.store import open_store

__all__ = ["check_cmd"]


@click.command("check")
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL shapes (fast on huge stores).")
@click.option(
    "--full",
    is_flag=True,
    help="Check every graph, not only those changed since the last check (after changes "
    "made to the store's folder by other means than claimgraph).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes validating the SHACL batches (default: the cores).",
)
@store_option
def check_cmd(no_shacl: bool, full: bool, jobs: int | None, store: str) -> None:
    """Verify the store: every statement has its claim, claimant, source and a span that
    matches the source text, the graph conforms to the SHACL shapes, and (embedded store) the
    text index holds what the graphs call for. On the embedded store only what changed since
    the last check is read again (its findings are kept beside the store). Exit 3 on problems.
    """
    from kg.ingest.prepare import default_jobs

    with closing(open_store(store)) as target:
        report = run_check(
            target, shacl=not no_shacl, full=full, jobs=default_jobs() if jobs is None else jobs
        )
    for problem in report.problems:
        click.echo(f"problem: {problem}", err=True)
    if report.full:
        checked = "every graph checked"
    else:
        checked = (
            f"{report.changed} graph(s) changed since the last check, "
            f"{report.nodes} node(s) checked again"
        )
    if report.problems:
        click.echo(
            f"kg: error: {len(report.problems)} integrity problem(s) in {store} ({checked})",
            err=True,
        )
        sys.exit(3)
    click.echo(f"ok: {report.graphs} named graph(s), no integrity problems ({checked})")
