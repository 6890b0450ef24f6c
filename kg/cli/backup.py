"""``kg backup`` and ``kg restore`` of the embedded store."""

from __future__ import annotations

from pathlib import Path

import click

from kg.errors import InputError
from kg.store.backup import backup_store, restore_store

__all__ = ["backup_cmd", "restore_cmd"]

_store_dir = click.option(
    "--store",
    "store",
    envvar="KG_STORE",
    default=".kg/store",
    show_default=True,
    help="The embedded store's folder. Env: KG_STORE.",
)


def _counts(manifest: dict[str, object]) -> str:
    graphs = manifest.get("graphs")
    return (
        f"{manifest.get('quads')} quads in {len(graphs) if isinstance(graphs, list) else 0} graphs"
    )


def _folder(store: str) -> Path:
    if "://" in store:
        raise InputError(f"{store}: backup and restore are for the embedded store only")
    return Path(store)


@click.command("backup")
@click.argument("dest", type=click.Path(path_type=Path))
@_store_dir
def backup_cmd(dest: Path, store: str) -> None:
    """Back up the embedded store into the new folder DEST (a consistent snapshot).

    Its files are copies, not links to the store's, with their checksums in its manifest."""
    manifest = backup_store(_folder(store), dest)
    click.echo(f"backed up {_counts(manifest)} to {dest}")


@click.command("restore")
@click.argument("backup", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--force", is_flag=True, help="Replace an existing store.")
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0,
    show_default=True,
    help="Seconds to wait for another process to let the store go (else exit 5).",
)
@_store_dir
def restore_cmd(backup: Path, force: bool, wait: float, store: str) -> None:
    """Replace the embedded store with the backup in BACKUP (checked before anything changes).

    The backup's files are checked against their checksums first; the store is swapped under
    its write lock, never opened (it may be damaged), and a kill leaves the old store or the
    new one."""
    manifest = restore_store(backup, _folder(store), force=force, wait=wait)
    click.echo(f"restored {_counts(manifest)} into {store}")
