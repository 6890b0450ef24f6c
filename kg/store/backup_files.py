"""The files of a backup of the embedded store, written from an open Oxigraph store.

Kept apart from :mod:`kg.store.backup` (which opens stores) so the store itself, and the
process that owns it, can write a backup between two writes (:meth:`EmbeddedStore.backup`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pyoxigraph as ox

from kg import __version__
from kg.errors import InputError, StoreError

__all__ = ["DATA", "MANIFEST", "graph_names", "sha256", "write_backup"]

MANIFEST = "manifest.json"
#: The folder of a backup holding the store's files.
DATA = "oxigraph"
_CHUNK = 1 << 20


def graph_names(store: ox.Store) -> list[str]:
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _unlink_copies(folder: Path) -> dict[str, dict[str, object]]:
    """Give every hard-linked file in ``folder`` its own copy; return each file's size and
    SHA-256 (``files`` of the manifest)."""
    files: dict[str, dict[str, object]] = {}
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            raise StoreError(f"{path}: unexpected entry in a store checkpoint")
        if path.stat().st_nlink > 1:
            copy = path.with_name(path.name + ".copy")
            shutil.copyfile(path, copy)
            copy.replace(path)
        files[path.name] = {"size": path.stat().st_size, "sha256": sha256(path)}
    return files


def write_backup(store: ox.Store, dest: Path) -> dict[str, object]:
    """Write a backup of ``store`` into the new folder ``dest`` (through ``dest.partial``,
    renamed when complete). The caller holds the store's write mutex or lock."""
    if dest.exists():
        raise InputError(f"{dest}: already exists; a backup goes into a new folder")
    tmp = dest.with_name(dest.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir(parents=True)
        store.flush()
        store.backup(str(tmp / DATA))
        manifest: dict[str, object] = {
            "claimgraph": __version__,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "quads": len(store),
            "graphs": graph_names(store),
            "files": _unlink_copies(tmp / DATA),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        tmp.rename(dest)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise StoreError(f"{dest}: backup failed: {exc}") from None
    return manifest
