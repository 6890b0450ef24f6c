"""``kg retract``, ``kg store-info`` and ``kg reindex``: manage what the store holds."""

from __future__ import annotations

from contextlib import closing

import click

from kg.errors import InputError, StoreBusyError
from kg.ids import graph_iri
from kg.ingest.keep import find_sources, retract_graph
from kg.store import EmbeddedStore, SharedStore, open_store

__all__ = ["reindex_cmd", "retract_cmd", "store_info_cmd"]

_store = click.option(
    "--store", envvar="KG_STORE", default=".kg/store", show_default=True,
    help="Store: a folder or a SPARQL endpoint URL. Env: KG_STORE.",
)  # fmt: skip


@click.command("retract")
@click.argument("source")
@_store
def retract_cmd(source: str, store: str) -> None:
    """Remove one source article (its whole named graph) from the store, atomically.

    SOURCE is the source id, its IRI, the article file that was ingested, the article's URL or
    its exact title. Claims of it that other articles' statements point at are kept."""
    if not source.strip():
        raise InputError("kg retract needs a source: an id, IRI, file, URL or exact title")
    with closing(open_store(store)) as target:
        found = find_sources(target, source)
        if len(found) > 1:
            raise InputError(
                f"{source!r} names {len(found)} sources: {', '.join(found)}; give one id"
            )
        if not found or not retract_graph(target, graph_iri(found[0])):
            raise InputError(
                f"no source {source!r} in the store (give a source id from `kg store-info`, "
                "its IRI, the ingested file, the article's URL or its exact title)"
            )
    click.echo(f"retracted {found[0]}")


@click.command("store-info")
@_store
def store_info_cmd(store: str) -> None:
    """Print the store's named graphs and its number of quads."""
    with closing(open_store(store)) as target:
        graphs = target.graphs()
        click.echo(f"store: {store}")
        click.echo(f"quads: {len(target)}")
        click.echo(f"graphs: {len(graphs)}")
        for g in graphs:
            click.echo(f"  {g}")


@click.command("reindex")
@_store
def reindex_cmd(store: str) -> None:
    """Recompute the embedded store's summaries and rebuild its text and claim indexes from the
    graphs it holds (after a crash between a write and its indexes, or a restored copy)."""
    with closing(open_store(store)) as target:
        if isinstance(target, SharedStore):
            raise StoreBusyError(
                f"{store}: another process owns the store; kg reindex needs it alone (stop "
                "that process first)"
            )
        if not isinstance(target, EmbeddedStore):
            raise InputError(f"{store}: a remote store keeps no indexes to rebuild")
        target.reindex()
        click.echo(f"reindexed {len(target.graphs())} graphs, {len(target.index)} texts indexed")
