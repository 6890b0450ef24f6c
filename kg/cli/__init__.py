"""The ``kg`` command line: a thin layer over the library.

Every command builds the objects it needs, calls one library function, and turns
:class:`kg.errors.KgError` into a one-line message on stderr and the exit code listed in the
README.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from kg import __version__
from kg.cli.backup import backup_cmd, restore_cmd
from kg.cli.build import build_cmd, validate_cmd
from kg.cli.check import check_cmd
from kg.cli.export import export
from kg.cli.extract import extract
from kg.cli.imports import import_group
from kg.cli.ingest import ingest_cmd
from kg.cli.query import queries_cmd, query_cmd, search_cmd
from kg.cli.review import review_cmd
from kg.cli.serve import serve_cmd
from kg.cli.store import reindex_cmd, retract_cmd, store_info_cmd
from kg.cli.track import matches_cmd, merge_cmd, split_cmd, timeline_cmd
from kg.errors import KgError

__all__ = ["main"]


class _Group(click.Group):
    """Maps KgError to a one-line message and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """claimgraph: track claims, their claimants, denials and sources as a knowledge graph."""


main.add_command(build_cmd)
main.add_command(validate_cmd)
main.add_command(check_cmd)
main.add_command(backup_cmd)
main.add_command(restore_cmd)
main.add_command(export)
main.add_command(extract)
main.add_command(ingest_cmd)
main.add_command(review_cmd)
main.add_command(import_group)
main.add_command(query_cmd)
main.add_command(queries_cmd)
main.add_command(search_cmd)
main.add_command(retract_cmd)
main.add_command(store_info_cmd)
main.add_command(reindex_cmd)
main.add_command(serve_cmd)
main.add_command(matches_cmd)
main.add_command(merge_cmd)
main.add_command(split_cmd)
main.add_command(timeline_cmd)
