"""``kg backup`` / ``kg restore`` of the embedded store.

A backup is a folder holding an Oxigraph checkpoint (``oxigraph/``, a consistent snapshot
taken by the store's own writer) and ``manifest.json`` (claimgraph version, quads, named
graphs, and the size and SHA-256 of every file). A RocksDB checkpoint hard-links the store's
files; the backup copies each linked file, so it shares no file with the store and damage to
the store never reaches it. The text index is not copied: everything in it comes from the
graphs, and the restored store rebuilds it.

Restore checks the backup's files against their checksums, takes the store's write lock (it
never opens the store it replaces, which may be damaged), copies the backup beside the store
(``<store>.restoring``), checks the copy against the checksums and the quad counts, and swaps
it in through a journal (:mod:`kg.store.folder`): killed at any moment, the store is the old
one or the new one.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, StoreBusyError, StoreError
from kg.store.backup_files import DATA, MANIFEST, graph_names, sha256
from kg.store.embedded import EmbeddedStore
from kg.store.folder import StoreLock, check_files, recover, sibling, swap_in
from kg.store.shared import SharedStore

__all__ = ["DATA", "MANIFEST", "backup_store", "restore_store", "verify_backup"]


def backup_store(store_dir: Path, dest: Path) -> dict[str, object]:
    """Back up the embedded store in ``store_dir`` into the new folder ``dest``.

    When another process owns the store (``kg serve``, an ingest), that process writes the
    backup between two of its writes; otherwise the store is opened here for it."""
    dest = dest.resolve()
    if dest.exists():
        raise InputError(f"{dest}: already exists; a backup goes into a new folder")
    if not store_dir.is_dir():
        raise StoreError(f"{store_dir}: no store here")
    lock = StoreLock(store_dir)
    try:
        lock.acquire()
    except StoreBusyError:
        shared = SharedStore(store_dir)
        try:
            return shared.backup(dest)
        finally:
            shared.close()
    store = EmbeddedStore(store_dir, lock=lock, publish=False)
    try:
        return store.backup(dest)
    finally:
        store.close()


def _read_manifest(backup: Path) -> dict[str, object]:
    path = backup / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a claimgraph backup ({exc})") from None
    if not isinstance(manifest, dict) or not {"quads", "graphs"} <= set(manifest):
        raise InputError(f"{path}: not a claimgraph backup manifest")
    files = manifest.get("files")
    if files is not None and not (
        isinstance(files, dict)
        and all(isinstance(v, dict) and isinstance(v.get("sha256"), str) for v in files.values())
    ):
        raise InputError(f"{path}: the manifest's files are not a name -> size, sha256 table")
    return manifest


def _check_files(folder: Path, manifest: dict[str, object], label: Path) -> None:
    """Every file the manifest lists, with its size and checksum, and no other."""
    files = manifest.get("files")
    if not isinstance(files, dict):  # a backup made before checksums: counts only
        return
    try:
        present = {p.name for p in folder.iterdir()}
    except OSError as exc:
        raise InputError(f"{label}: cannot read the backup: {exc}") from None
    for name in sorted(set(files) | present):
        path = folder / name
        if name not in files:
            raise InputError(f"{label}: {name} is not in the backup's manifest")
        if name not in present:
            raise InputError(f"{label}: {name} is missing from the backup")
        entry = files[name]
        if path.stat().st_size != entry.get("size") or sha256(path) != entry["sha256"]:
            raise InputError(f"{label}: {name} does not match its checksum; the backup is damaged")


def verify_backup(backup: Path) -> dict[str, object]:
    """Check a backup without touching any store: its manifest, and every file against its
    size and SHA-256. Return the manifest."""
    manifest = _read_manifest(backup)
    _check_files(backup / DATA, manifest, backup)
    return manifest


def _copy(backup: Path, staged: Path) -> None:
    """Copy the backup's files into the new folder ``staged``, each written to disk."""
    staged.mkdir(parents=True)
    for path in sorted((backup / DATA).iterdir()):
        shutil.copyfile(path, staged / path.name)
        with (staged / path.name).open("rb") as f:
            os.fsync(f.fileno())


def restore_store(
    backup: Path, store_dir: Path, force: bool = False, wait: float = 0.0
) -> dict[str, object]:
    """Replace the store in ``store_dir`` with ``backup`` (``force`` if one exists).

    ``wait``: seconds to wait for another process to let the store go (else StoreBusyError).
    """
    manifest = verify_backup(backup)
    lock = StoreLock(store_dir, wait).acquire()
    try:
        recover(store_dir)  # a restore killed before: finish it or undo it first
        if store_dir.exists() and any(store_dir.iterdir()) and not force:
            raise InputError(f"{store_dir}: a store exists; use --force to replace it")
        staged = sibling(store_dir, ".restoring")
        shutil.rmtree(staged, ignore_errors=True)
        try:
            _copy(backup, staged)
            _check_files(staged, manifest, backup)
            try:
                check = ox.Store(str(staged))
                quads, graphs = len(check), graph_names(check)
                del check
            except (OSError, RuntimeError) as exc:
                raise InputError(f"{backup}: the backup cannot be opened: {exc}") from None
            if quads != manifest["quads"] or graphs != manifest["graphs"]:
                raise InputError(
                    f"{backup}: the backup holds {quads} quads in {len(graphs)} graphs, "
                    f"its manifest says {manifest['quads']} in {len(manifest['graphs'])}"  # type: ignore[arg-type]
                )
            check_files(staged)
            swap_in(store_dir, staged)
        except OSError as exc:
            raise StoreError(f"{store_dir}: restore failed: {exc}") from None
        finally:
            if staged.exists():
                recover(store_dir)  # not swapped in: delete the copy
        # opening (still under the lock) refills the text index from the graphs
        EmbeddedStore(store_dir, lock=lock, publish=False).close()
    finally:
        lock.release()
    return manifest
