"""Stores: the embedded Oxigraph store (default) and remote SPARQL 1.1 endpoints."""

from __future__ import annotations

from pathlib import Path

from kg.errors import StoreError
from kg.store.base import Results, Store
from kg.store.embedded import EmbeddedStore
from kg.store.remote import RemoteStore

__all__ = ["EmbeddedStore", "RemoteStore", "Results", "Store", "open_store"]


def open_store(location: str | Path, read_only: bool = False) -> Store:
    """Open the store at ``location``: a folder (embedded Oxigraph) or an http(s) URL of a
    SPARQL 1.1 query endpoint (see :meth:`RemoteStore.from_env` for its settings)."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        return RemoteStore.from_env(text)
    if "://" in text:
        raise StoreError(f"{text}: a store is a folder or an http(s) SPARQL endpoint URL")
    return EmbeddedStore(Path(text), read_only=read_only)
