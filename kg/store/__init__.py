"""Stores: the embedded Oxigraph store (default) and remote SPARQL 1.1 endpoints."""

from __future__ import annotations

from pathlib import Path

from kg.errors import StoreError
from kg.store.base import Results, Store
from kg.store.embedded import EmbeddedStore

__all__ = ["EmbeddedStore", "Results", "Store", "open_store"]


def open_store(location: str | Path, read_only: bool = False) -> Store:
    """Open the store at ``location``: a folder (embedded Oxigraph) or an http(s) URL."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        raise StoreError(f"{text}: remote SPARQL stores are not supported yet")
    return EmbeddedStore(Path(text), read_only=read_only)
