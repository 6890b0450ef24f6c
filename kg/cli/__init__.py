"""The ``kg`` command line: a thin layer over the library.

Every command builds the objects it needs, calls one library function, and turns
:class:`kg.errors.KgError` into a one-line message on stderr and the exit code listed in
docs/reference/errors.md.

Subcommands are loaded lazily (click's "Lazily Loading Subcommands" pattern): ``kg --help``
imports no subcommand module and ``kg extract`` imports only ``kg.cli.extract``, so neither pays
for rdflib, pyoxigraph, pyshacl_turbo and the rest. ``COMMANDS`` names where each command lives
and its one-line help; ``tests/test_startup.py`` checks the line against the command's own help.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, NamedTuple

import click

from kg import __version__
from kg.errors import KgError

__all__ = ["COMMANDS", "main"]


class LazyCommand(NamedTuple):
    """Where a subcommand is defined (``module:attribute``) and its one-line help."""

    target: str
    short_help: str


COMMANDS: dict[str, LazyCommand] = {
    "backup": LazyCommand(
        "kg.cli.backup:backup_cmd",
        "Back up the embedded store into the new folder DEST (a consistent snapshot).",
    ),
    "build": LazyCommand(
        "kg.cli.build:build_cmd",
        "Validate every curated seed and write the graph to the store and exports/.",
    ),
    "check": LazyCommand(
        "kg.cli.check:check_cmd",
        "Verify the store: every statement has its claim, claimant, source and a span that "
        "matches the source text, the graph conforms to the SHACL shapes, and (embedded store) "
        "the text index holds what the graphs call for.",
    ),
    "export": LazyCommand(
        "kg.cli.export:export",
        "Write the graph in another format (HTML, site, ClaimReview, CSV, GraphML ...).",
    ),
    "extract": LazyCommand(
        "kg.cli.extract:extract",
        "Extract claims (who said what, who denied it, exact spans) from article files and "
        "folders.",
    ),
    "import": LazyCommand(
        "kg.cli.imports:import_group",
        "Read ClaimReview, JSON-LD or RDF files into the store (nothing is ever fetched).",
    ),
    "ingest": LazyCommand(
        "kg.cli.ingest:ingest_cmd",
        "Extract claims from article files or folders and add them to the store.",
    ),
    "link": LazyCommand(
        "kg.cli.store:link_cmd",
        "Link the articles `kg load --no-link` left waiting (or a cut-short pass left), each to "
        "the claims of those before it in the loaded file, as `kg ingest` links.",
    ),
    "load": LazyCommand(
        "kg.cli.store:load_cmd",
        "Bulk-load an N-Quads (or TriG) file, such as `kg extract --format nquads` writes, into "
        "an empty embedded store, with its summaries and text index; then link the articles "
        "across each other in the file's order, as `kg ingest` would have (unless --no-link).",
    ),
    "matches": LazyCommand(
        "kg.cli.track:matches_cmd", "List match candidates between claims, best score first."
    ),
    "merge": LazyCommand(
        "kg.cli.track:merge_cmd",
        "Confirm that CLAIM_A and CLAIM_B match (IRIs, slugs or texts).",
    ),
    "queries": LazyCommand(
        "kg.cli.query:queries_cmd",
        "List the canned queries: name, parameters and what each answers.",
    ),
    "query": LazyCommand(
        "kg.cli.query:query_cmd",
        "Run a canned query by NAME (see `kg queries`), a .rq file (--file), or SPARQL from "
        'stdin (NAME "-").',
    ),
    "reindex": LazyCommand(
        "kg.cli.store:reindex_cmd",
        "Recompute the embedded store's summaries and rebuild its text and claim indexes from "
        "the graphs it holds (after a crash between a write and its indexes, or a restored "
        "copy); on a server, recompute the summaries (after its own bulk loader filled it).",
    ),
    "restore": LazyCommand(
        "kg.cli.backup:restore_cmd",
        "Replace the embedded store with the backup in BACKUP (checked before anything changes).",
    ),
    "retract": LazyCommand(
        "kg.cli.store:retract_cmd",
        "Remove one source article (its whole named graph) from the store, atomically.",
    ),
    "review": LazyCommand(
        "kg.cli.review:review_cmd",
        "Record a fact-checker's review (schema:ClaimReview) of CLAIM.",
    ),
    "search": LazyCommand(
        "kg.cli.query:search_cmd",
        "Full-text search over claims, quotes and agent labels and aliases (every language), "
        "best first (BM25 over the Tantivy index beside the embedded store).",
    ),
    "serve": LazyCommand(
        "kg.cli.serve:serve_cmd",
        "Serve the graph: a read-only SPARQL 1.1 Protocol endpoint at /sparql (GET or POST), on "
        "127.0.0.1 unless --host (and --public) say otherwise; writes only with --write-token.",
    ),
    "split": LazyCommand(
        "kg.cli.track:split_cmd",
        "Reject a match between CLAIM_A and CLAIM_B (IRIs, slugs or texts).",
    ),
    "store-info": LazyCommand(
        "kg.cli.store:store_info_cmd", "Print the store's named graphs and its number of quads."
    ),
    "timeline": LazyCommand(
        "kg.cli.track:timeline_cmd",
        "Show how CLAIM (an IRI, slug or text) travelled: first appearance, appearances by date, "
        "independent sources, who asserts and who denies it over time, and its status "
        "(unverified, disputed or reviewed).",
    ),
    "validate": LazyCommand(
        "kg.cli.build:validate_cmd",
        "Check seeds (and exports, if present) without writing anything.",
    ),
}


def load_command(name: str) -> click.Command:
    """Import the module of subcommand ``name`` and return its click command."""
    module, _, attr = COMMANDS[name].target.partition(":")
    command = getattr(importlib.import_module(module), attr)
    if not isinstance(command, click.Command):  # pragma: no cover - a wrong COMMANDS entry
        raise TypeError(f"{COMMANDS[name].target} is not a click command")
    return command


class _Group(click.Group):
    """Loads subcommands on first use; maps KgError to a one-line message and its exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(load_command(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands section of ``kg --help`` from ``COMMANDS``, importing none of them."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in COMMANDS and name not in self.commands:
                help_text = click.utils.make_default_short_help(COMMANDS[name].short_help, limit)
            else:
                command = super().get_command(ctx, name)
                if command is None or command.hidden:
                    continue
                help_text = command.get_short_help_str(limit)
            rows.append((name, help_text))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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
