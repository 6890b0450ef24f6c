"""``kg import ...``: read the field's formats into the store."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import click

from kg.cli.options import store_option
from kg.errors import InputError
from kg.imports.claimreview import FileOutcome, import_claimreviews, import_paths
from kg.imports.rdf_dataset import import_jsonld
from kg.store import open_store
from kg.urls import is_web_url

__all__ = ["import_group"]


@click.group("import")
def import_group() -> None:
    """Read ClaimReview, JSON-LD or RDF files into the store (nothing is ever fetched)."""


@import_group.command("claimreview")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--base-url", help="Resolve relative URLs against this (default: the feed's URL, "
              "else each review's own URL).")  # fmt: skip
@click.option("--strict", is_flag=True,
              help="All or nothing: if any file has a problem, write nothing.")  # fmt: skip
@store_option
def claimreview_cmd(
    paths: tuple[Path, ...], base_url: str | None, strict: bool, store: str
) -> None:
    """Import schema.org ClaimReview JSON-LD from PATHS (files, or folders of .json/.jsonld).

    Single objects, arrays, @graph and DataFeed documents are read, as leniently as Google's
    fact-check reader (empty optional fields are absent, relative URLs are resolved). Each
    file is imported, imported with warnings (each named) or rejected (every problem listed);
    the run goes on past a rejected file and exits 2 if any was rejected. Each file becomes
    one named graph. With --strict nothing is written unless every file is clean.
    """
    if base_url is not None and not is_web_url(base_url):
        raise InputError(f"--base-url {base_url[:80]!r} is not an http(s) URL")
    with closing(open_store(store)) as target:
        if strict:
            imported = import_paths(target, paths, base_url)
            outcomes = [FileOutcome(path=i.path, imported=i, warnings=i.warnings) for i in imported]
        else:
            outcomes = import_claimreviews(target, paths, base_url)
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        item = outcome.imported
        if item is not None:
            click.echo(
                f"{outcome.status} {item.path}: {item.reviews} review(s), {item.claims} "
                f"claim(s), {len(item.agents)} agent(s) into {item.graph_iri}"
            )
        else:
            click.echo(f"{outcome.status} {outcome.path}")
        for warning in outcome.warnings:
            click.echo(f"  warning: {warning}")
        for problem in outcome.problems:
            click.echo(f"  problem: {problem}")
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    click.echo(f"{len(outcomes)} file(s): {summary}")
    rejected = [o for o in outcomes if o.problems]
    if len(rejected) == 1:
        raise InputError("; ".join(rejected[0].problems))
    if rejected:
        raise InputError(
            f"{len(rejected)} of {len(outcomes)} files rejected (problems listed above); "
            f"the first: {rejected[0].problems[0]}"
        )


@import_group.command("jsonld")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@store_option
def jsonld_cmd(path: Path, store: str) -> None:
    """Import a JSON-LD file (e.g. from `kg export jsonld`): each named graph replaces the
    store's graph of that name; triples outside named graphs go to graph/import/<file>."""
    with closing(open_store(store)) as target:
        names = import_jsonld(target, path)
    click.echo(f"imported {path}: {len(names)} graph(s)")


@import_group.command("rdf")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "rdfxml"]),
              help="The file's syntax (default: from its suffix).")  # fmt: skip
@store_option
def rdf_cmd(path: Path, fmt: str | None, store: str) -> None:
    """Import one Turtle, TriG, N-Quads or RDF/XML file into its own named graph
    (graph/import/<file>), after checking it conforms to the SHACL shapes. RDF/XML with a
    DOCTYPE or ENTITY declaration is refused; nothing is fetched."""
    from kg.imports.rdf import import_rdf

    with closing(open_store(store)) as target:
        name, quads = import_rdf(target, path, fmt)
    click.echo(f"imported {path}: {quads} triple(s) into {name}")
