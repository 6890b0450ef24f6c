"""``kg import ...``: read the field's formats into the store."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import click

from kg.cli.options import store_option
from kg.imports.claimreview import import_paths
from kg.imports.rdf_dataset import import_jsonld
from kg.store import open_store

__all__ = ["import_group"]


@click.group("import")
def import_group() -> None:
    """Read ClaimReview, JSON-LD or RDF files into the store (nothing is ever fetched)."""


@import_group.command("claimreview")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
def claimreview_cmd(paths: tuple[Path, ...], store: str) -> None:
    """Import schema.org ClaimReview JSON-LD from PATHS (files, or folders of .json/.jsonld).

    Single objects, arrays, @graph and DataFeed documents are read. Every file is checked
    first; if one is wrong, nothing is written. Each file becomes one named graph.
    """
    with closing(open_store(store)) as target:
        imported = import_paths(target, paths)
    for item in imported:
        click.echo(
            f"imported {item.path}: {item.reviews} review(s), {item.claims} claim(s), "
            f"{len(item.agents)} agent(s) into {item.graph_iri}"
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
