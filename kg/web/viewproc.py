"""Read the browsing view of an embedded store in a process of its own (``kg serve``).

Reading the view of a large store is tens of seconds of Python (making a term of every value of
every row: about 18 s of the 40 s at 1,200 articles) and Oxigraph's evaluation. In the server's
process it shares one interpreter lock with the pages being served and the writes the server
applies for the store's other users. Here a spawned process opens a checkpoint of the store
(:meth:`kg.store.EmbeddedStore.checkpoint`, kept until the read ends) read-only, builds the
:class:`~kg.view.model.View` and sends it back (plain dataclasses, pickled between the server
and its own child).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Any, cast

from kg.store.base import Store
from kg.store.checkpoint import CheckpointReader
from kg.store.embedded import EmbeddedStore
from kg.view.model import View
from kg.view.read import read_view

__all__ = ["read_view_apart"]


def _read(folder: str) -> View:
    return read_view(cast(Store, CheckpointReader(folder)))


def read_view_apart(store: Any) -> View:
    """The view of ``store`` read in a child process from a checkpoint, if ``store`` is an
    embedded store on disk that this process writes; else read here."""
    if not isinstance(store, EmbeddedStore) or store.path is None or store.read_only:
        return read_view(store)
    with store.checkpoint() as (_generation, folder):
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=context) as child:
            return child.submit(_read, folder).result()
