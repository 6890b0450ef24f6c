"""Stores: the embedded Oxigraph store (default) and remote SPARQL 1.1 endpoints."""

from __future__ import annotations

from pathlib import Path

from kg.errors import StoreBusyError, StoreError
from kg.store.base import Results, Store
from kg.store.embedded import EmbeddedStore
from kg.store.folder import StoreLock
from kg.store.remote import RemoteStore
from kg.store.shared import SharedStore

__all__ = ["EmbeddedStore", "RemoteStore", "Results", "SharedStore", "Store", "open_store"]


def open_store(location: str | Path, read_only: bool = False) -> Store:
    """Open the store at ``location``: a folder (embedded Oxigraph) or an http(s) URL of a
    SPARQL 1.1 query endpoint (see :meth:`RemoteStore.from_env` for its settings).

    A folder is opened here when its write lock is free (this process owns it, and answers
    for it to others: :mod:`kg.store.owner`), else used through the process that owns it
    (:class:`SharedStore`)."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        return RemoteStore.from_env(text)
    if "://" in text:
        raise StoreError(f"{text}: a store is a folder or an http(s) SPARQL endpoint URL")
    path = Path(text)
    if read_only:
        return EmbeddedStore(path, read_only=True)
    lock = StoreLock(path)
    try:
        lock.acquire()
    except StoreBusyError:
        return SharedStore(path)
    return EmbeddedStore(path, lock=lock)
