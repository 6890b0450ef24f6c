"""``kg backup`` / ``kg restore`` of the embedded store.

A backup is a folder holding an Oxigraph checkpoint (``oxigraph/``, a consistent snapshot
taken by the store's own writer) and ``manifest.json`` (claimgraph version, quads, named
graphs). The text index is not copied: everything in it comes from the graphs, and the
restored store rebuilds it (a copy taken beside a checkpoint could disagree with it).

Restore never touches the target until the backup has been copied beside it and checked
against its manifest; then the old store is renamed away, the new one renamed in, and the old
one deleted. A store in use by another process is refused (StoreBusyError).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pyoxigraph as ox

from kg import __version__
from kg.errors import InputError, StoreError
from kg.store.embedded import EmbeddedStore, search_path

__all__ = ["MANIFEST", "backup_store", "restore_store"]

MANIFEST = "manifest.json"


def _graph_names(store: ox.Store) -> list[str]:
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def backup_store(store_dir: Path, dest: Path) -> dict[str, object]:
    """Back up the embedded store in ``store_dir`` into the new folder ``dest``."""
    if dest.exists():
        raise InputError(f"{dest}: already exists; a backup goes into a new folder")
    if not store_dir.is_dir():
        raise StoreError(f"{store_dir}: no store here")
    store = EmbeddedStore(store_dir)  # the writer: a consistent checkpoint needs it
    tmp = dest.with_name(dest.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir(parents=True)
        store._store.flush()
        store._store.backup(str(tmp / "oxigraph"))
        manifest: dict[str, object] = {
            "claimgraph": __version__,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "quads": len(store._store),
            "graphs": _graph_names(store._store),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        tmp.rename(dest)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise StoreError(f"{dest}: backup failed: {exc}") from None
    finally:
        store.close()
    return manifest


def _read_manifest(backup: Path) -> dict[str, object]:
    path = backup / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a claimgraph backup ({exc})") from None
    if not isinstance(manifest, dict) or not {"quads", "graphs"} <= set(manifest):
        raise InputError(f"{path}: not a claimgraph backup manifest")
    return manifest


def restore_store(backup: Path, store_dir: Path, force: bool = False) -> dict[str, object]:
    """Replace the store in ``store_dir`` with ``backup`` (``force`` if one exists)."""
    manifest = _read_manifest(backup)
    if store_dir.exists() and not force:
        raise InputError(f"{store_dir}: a store exists; use --force to replace it")
    if store_dir.exists():
        EmbeddedStore(store_dir).close()  # refuses (StoreBusyError) while another process uses it
    staged = store_dir.with_name(store_dir.name + ".restoring")
    shutil.rmtree(staged, ignore_errors=True)
    try:
        shutil.copytree(backup / "oxigraph", staged)
        check = ox.Store(str(staged))
        quads, graphs = len(check), _graph_names(check)
        del check
        if quads != manifest["quads"] or graphs != manifest["graphs"]:
            raise InputError(
                f"{backup}: the backup holds {quads} quads in {len(graphs)} graphs, "
                f"its manifest says {manifest['quads']} in {len(manifest['graphs'])}"  # type: ignore[arg-type]
            )
        old = store_dir.with_name(store_dir.name + ".replaced")
        shutil.rmtree(old, ignore_errors=True)
        if store_dir.exists():
            store_dir.rename(old)
        staged.rename(store_dir)
        shutil.rmtree(search_path(store_dir), ignore_errors=True)  # the old store's index
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise StoreError(f"{store_dir}: restore failed: {exc}") from None
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    EmbeddedStore(store_dir).close()  # opening refills the text index from the graphs
    return manifest
