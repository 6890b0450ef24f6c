"""``kg retract``, ``kg store-info``, ``kg reindex``, ``kg load`` and ``kg link``: manage what
the store holds."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import click

from kg.errors import InputError, StoreBusyError
from kg.ids import graph_iri
from kg.ingest.keep import find_sources, retract_graph
from kg.store import EmbeddedStore, RemoteStore, SharedStore, open_store

__all__ = ["link_cmd", "load_cmd", "reindex_cmd", "retract_cmd", "store_info_cmd"]

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
    graphs it holds (after a crash between a write and its indexes, or a restored copy); on a
    server, recompute the summaries (after its own bulk loader filled it)."""
    with closing(open_store(store)) as target:
        if isinstance(target, SharedStore):  # done by the process that owns it (kg serve)
            target.reindex()
            click.echo(f"reindexed {len(target.graphs())} graphs (by the store's owner)")
            return
        if isinstance(target, RemoteStore):
            target.reindex()
            click.echo(f"recomputed the summaries of {len(target.graphs())} graphs")
            return
        if not isinstance(target, EmbeddedStore):
            raise InputError(f"{store}: this store keeps no summaries to recompute")
        target.reindex()
        click.echo(f"reindexed {len(target.graphs())} graphs, {len(target.index)} texts indexed")


@click.command("load")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--no-link", is_flag=True, help="Leave the articles waiting for `kg link`.")
@_store
def load_cmd(path: Path, no_link: bool, store: str) -> None:
    """Bulk-load an N-Quads (or TriG) file, such as `kg extract --format nquads` writes, into an
    empty embedded store, with its summaries and text index; then link the articles across
    each other in the file's order, as `kg ingest` would have (unless --no-link)."""
    from kg.ingest.linkpass import link_pending
    from kg.track.index import claim_index

    with closing(open_store(store)) as target:
        if isinstance(target, SharedStore):
            raise StoreBusyError(
                f"{store}: another process owns the store; kg load needs it alone (stop "
                "that process first)"
            )
        if not isinstance(target, EmbeddedStore):
            raise InputError(
                f"{store}: kg load fills an embedded store; a server has its own bulk loader "
                "(docs: How-to, Extract on a cluster, load in bulk)"
            )
        if len(target):
            raise InputError(f"{store}: kg load needs an empty store (this one holds quads)")
        order = target.bulk_load(path)
        index = claim_index(target)
        if index is None:
            raise InputError(f"{store}: the store is open read-only")
        index.add_pending((g, "") for g in order)
        click.echo(f"loaded {path}: {len(target)} quads, {len(order)} graphs")
        if not no_link:
            report = link_pending(target)
            click.echo(f"linked {report.linked} article(s), {report.candidates} candidate(s)")


@click.command("link")
@_store
def link_cmd(store: str) -> None:
    """Link the articles `kg load --no-link` left waiting (or a cut-short pass left), each to
    the claims of those before it in the loaded file, as `kg ingest` links."""
    from kg.ingest.linkpass import link_pending

    with closing(open_store(store)) as target:
        if isinstance(target, SharedStore):
            raise StoreBusyError(
                f"{store}: another process owns the store; kg link needs it alone (stop "
                "that process first)"
            )
        report = link_pending(target)
    click.echo(f"linked {report.linked} article(s), {report.candidates} candidate(s)")
