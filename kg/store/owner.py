"""The owner of an embedded store answers for it: other processes read and write through it.

The process that holds the store's write lock (``<store>.lock``, :mod:`kg.store.folder`) is the
only one that opens the Oxigraph folder and its text index. While it has the store open it
listens on a loopback port and publishes the port and a random key in ``<store>.owner`` (0600,
:mod:`kg.store.wire`); other ``kg`` processes that find the lock held talk to it through
:class:`kg.store.shared.SharedStore` instead of failing. Each request runs here on the one
open store:

* reads (SPARQL with values already bound, text search, graph list, quad count) run in a
  thread per connection, alongside this process's own work: an Oxigraph query reads one
  snapshot, so it sees each write (one article = one transaction) wholly or not at all;
* writes (replace, add to, drop a graph) are applied by the store's own methods, one at a
  time under its write mutex, in the same transaction as their summaries, with the text index
  updated before the mutex is let go (a search waits for that mutex: it never sees an index
  older or newer than the graphs).

Closing stops new connections, lets the requests under way finish (at most :data:`GRACE`
seconds), then the store closes and the lock goes: a process waiting for it takes over.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
from collections.abc import Iterator
from dataclasses import astuple
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef

from kg.errors import KgError
from kg.store.base import Rows, Triples
from kg.store.folder import process_name
from kg.store.wire import (
    Owner,
    WireError,
    accept,
    decoded,
    encode,
    publish,
    receive,
    send,
    unpublish,
)

__all__ = ["BATCH", "GRACE", "OwnerServer"]

#: Rows per message of an answer.
BATCH = 1024
#: Seconds closing waits for requests under way.
GRACE = 30.0
_TICK = 0.2


class OwnerServer:
    """Serve ``store`` (an open read-write :class:`kg.store.EmbeddedStore` of ``path``) to
    other processes until :meth:`close`."""

    def __init__(self, store: Any, path: Path) -> None:
        self.store = store
        self.path = path
        self._closing = threading.Event()
        self._requests = threading.Condition()
        self._busy = 0  # requests under way
        #: Changes whenever this process (re)opens the store: part of the generation readers see.
        self.token = secrets.token_hex(6)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(_TICK)
        self._key = secrets.token_bytes(32)
        port = self._listener.getsockname()[1]
        self._accepting = threading.Thread(target=self._accept, name="kg-owner", daemon=True)
        self._accepting.start()
        publish(path, Owner(os.getpid(), process_name(), port, self._key))

    # ------------------------------------------------------------------ connections

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, sock: socket.socket) -> None:
        try:
            conn = accept(sock, self._key)
        except WireError:
            return
        try:
            while True:
                if not conn.poll(_TICK):
                    if self._closing.is_set():
                        break
                    continue
                with self._requests:
                    if self._closing.is_set():  # (a request that came too late: not begun)
                        break
                    self._busy += 1
                try:
                    self._answer(conn, receive(conn))
                finally:
                    with self._requests:
                        self._busy -= 1
                        self._requests.notify_all()
        except WireError:
            pass
        finally:
            conn.close()

    # ------------------------------------------------------------------ requests

    def _answer(self, conn: Connection, request: list[Any]) -> None:
        op, *args = request
        try:
            if op == "execute":
                self._execute(conn, *args)
                return
            result = self._run(op, args)
        except KgError as exc:
            send(conn, ("error", type(exc).__name__, str(exc)))
            return
        except (ValueError, TypeError, OSError, RuntimeError) as exc:  # a bad request
            send(conn, ("error", "StoreError", f"the store's owner failed: {exc}"))
            return
        send(conn, ("ok", result))

    def _run(self, op: str, args: list[Any]) -> Any:
        store = self.store
        if op == "generation":
            return f"{self.token}:{store.generation}"
        if op == "graphs":
            return [str(g) for g in store.graphs()]
        if op == "len":
            return len(store)
        if op == "ntriples":
            return store.ntriples(args[0])
        if op == "search":
            text, limit, kinds, langs = args
            return [astuple(hit) for hit in store.search(text, limit, kinds, langs)]
        if op == "index-documents":
            return store.index_documents()
        if op == "replace":
            graph, triples = args
            return store.replace_graph_triples(URIRef(graph), (decoded(t) for t in triples))
        if op == "replace-nt":
            graph, text = args
            dataset = Dataset()
            target: Graph = dataset.graph(URIRef(graph))
            target.parse(data=text, format="nt")
            return store.replace_graphs(dataset, [URIRef(graph)])
        if op == "add":
            graph, triples = args
            return store.add_triples(URIRef(graph), (decoded(t) for t in triples))
        if op == "drop":
            return store.drop_graph(URIRef(args[0]))
        if op == "backup":  # written by this process, between two writes
            return store.backup(Path(args[0]))
        if op == "reindex":
            store.reindex()
            return None
        raise ValueError(f"unknown request {op!r}")

    def _execute(
        self, conn: Connection, query: str, timeout: float | None, data_only: bool, isolated: bool
    ) -> None:
        try:
            answer = self.store.execute(query, None, timeout, data_only, isolated)
            if isinstance(answer, bool):
                send(conn, ("bool", answer))
                return
            if isinstance(answer, Rows):
                head: list[Any] = ["rows", list(answer.variables)]
                rows: Iterator[Any] = ([encode(t) for t in row] for row in answer.rows)
            else:
                assert isinstance(answer, Triples)
                head = ["triples", None]
                rows = ([encode(t) for t in triple] for triple in answer.triples)
            batch = list(islice(rows, BATCH))
        except KgError as exc:
            send(conn, ("error", type(exc).__name__, str(exc)))
            return
        send(conn, (*head, batch, len(batch) == BATCH))
        while len(batch) == BATCH:
            if not self._wait(conn):
                return
            if receive(conn) != "more":
                return  # the reader stopped early
            try:
                batch = list(islice(rows, BATCH))
            except KgError as exc:
                send(conn, ("error", type(exc).__name__, str(exc)))
                return
            send(conn, ("batch", batch, len(batch) == BATCH))

    def _wait(self, conn: Connection) -> bool:
        """Wait for the reader's next request; False when closing meanwhile."""
        while not conn.poll(_TICK):
            if self._closing.is_set():
                return False
        return True

    # ------------------------------------------------------------------ closing

    def close(self) -> None:
        """Stop answering: no new connection; requests under way finish (GRACE at most)."""
        with self._requests:
            if self._closing.is_set():
                return
            self._closing.set()
        unpublish(self.path, os.getpid())
        try:
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        except OSError:
            pass
        self._accepting.join(timeout=GRACE)
        self._listener.close()
        with self._requests:
            self._requests.wait_for(lambda: self._busy == 0, timeout=GRACE)
