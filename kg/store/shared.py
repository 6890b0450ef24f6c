"""An embedded store another process owns, used through that owner (:mod:`kg.store.owner`).

:func:`kg.store.open_store` returns a :class:`SharedStore` when it finds the store's write lock
held: every read and write is sent to the owner, which runs it on the one open store. When the
owner goes (it ends, or is killed), the next request takes the lock and opens the store here
(this process becomes the owner and publishes itself in turn), or, if another process was
quicker, talks to that one: a request cut by the owner's end is sent again, which is safe
because every write replaces, adds the same triples to, or drops a whole graph.

While the lock is held and no owner answers (one is opening the store, or a ``kg restore`` or
``kg backup`` holds it alone), requests wait up to ``KG_STORE_WAIT`` seconds (default 60),
saying on stderr what they wait for, then fail with :class:`kg.errors.StoreBusyError`.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from rdflib import Dataset, URIRef
from rdflib.term import Identifier

from kg.errors import InputError, QueryError, StoreBusyError, StoreError
from kg.store.base import Answer, Results, Rows, TripleIn, Triples, graphs_to_write
from kg.store.binding import Bound, bind
from kg.store.embedded import EmbeddedStore
from kg.store.folder import StoreLock, holder
from kg.store.search import Hit
from kg.store.wire import WireError, connect, decoded, encode, error_of, read, receive, send
from kg.store.writes import refuse_internal

__all__ = ["PREFETCH", "SharedStore", "wait_seconds"]

T = TypeVar("T")
#: Rows of an answer read at once (an owner that ends meanwhile is asked again elsewhere).
PREFETCH = 8192
#: Seconds after which a request waiting for an owner says so on stderr.
TELL_AFTER = 1.0


def wait_seconds() -> float:
    """How long to wait for a store's owner: ``KG_STORE_WAIT`` seconds (default 60)."""
    try:
        return max(0.0, float(os.environ.get("KG_STORE_WAIT", "60")))
    except ValueError:
        raise InputError(
            f"KG_STORE_WAIT={os.environ['KG_STORE_WAIT']!r}: a number of seconds"
        ) from None


class _OwnerLost(StoreError):
    """The owner ended in the middle of a streamed answer."""


class SharedStore:
    """The embedded store in ``path``, used through the process that owns it (or opened here
    when that process has gone). Implements :class:`kg.store.base.Store`."""

    read_only = False

    def __init__(self, path: Path, wait: float | None = None) -> None:
        self.path = path
        self.wait = wait_seconds() if wait is None else wait
        self._local: EmbeddedStore | None = None
        self._idle: list[Connection] = []
        self._lock = threading.Lock()
        self._told = False
        self._seen: str | None = None
        self._generation = 0
        self._give(self._connection(time.monotonic() + self.wait))

    # ------------------------------------------------------------------ connections

    @property
    def owned_here(self) -> bool:
        """Whether this process has become the store's owner (its owner went)."""
        return self._local is not None

    def _connection(self, deadline: float) -> Connection | None:
        """An idle or new connection to the owner; None once the store is open here."""
        started = time.monotonic()
        while True:
            if self._local is not None:
                return None
            with self._lock:
                if self._idle:
                    return self._idle.pop()
            owner = read(self.path)
            if owner is not None:
                try:
                    return connect(owner)
                except WireError:
                    pass
            if self._take_over():
                return None
            now = time.monotonic()
            if now >= deadline:
                raise StoreBusyError(
                    f"{self.path}: {holder(self.path)} holds the store and does not share it "
                    f"(waited {self.wait:g} s, KG_STORE_WAIT)"
                )
            if not self._told and now - started >= min(TELL_AFTER, self.wait / 2):
                self._told = True
                sys.stderr.write(
                    f"kg: waiting for {holder(self.path)} to share the store {self.path} "
                    f"(up to {self.wait:g} s, KG_STORE_WAIT)\n"
                )
                sys.stderr.flush()
            time.sleep(0.05)

    def _take_over(self) -> bool:
        """Open the store here if its lock is free (the owner has gone)."""
        lock = StoreLock(self.path)
        try:
            lock.acquire()
        except StoreBusyError:
            return False
        with self._lock:
            if self._local is None:
                self._local = EmbeddedStore(self.path, lock=lock)
                idle, self._idle = self._idle, []
            else:  # another thread of this process was first
                lock.release()
                idle = []
        for conn in idle:
            conn.close()
        return True

    def _give(self, conn: Connection | None) -> None:
        if conn is not None:
            with self._lock:
                self._idle.append(conn)

    def _lost(self, conn: Connection) -> None:
        """``conn``'s owner is gone: forget every connection to it."""
        conn.close()
        with self._lock:
            idle, self._idle = self._idle, []
        for other in idle:
            other.close()

    def _request(self, message: tuple[Any, ...], local: Callable[[EmbeddedStore], T]) -> Any:
        """Send ``message`` to the owner and return its result (or run ``local`` when the
        store is open here). Sent again to the next owner if this one goes meanwhile."""
        deadline = time.monotonic() + self.wait
        while True:
            conn = self._connection(deadline)
            if conn is None:
                assert self._local is not None
                return local(self._local)
            try:
                send(conn, message)
                reply = receive(conn)
            except WireError:
                self._lost(conn)
                continue
            self._give(conn)
            if reply[0] == "error":
                raise error_of(reply[1], reply[2])
            return reply[1]

    # ------------------------------------------------------------------ reading

    @property
    def generation(self) -> int:
        """Changes whenever the store may have changed (a write, or another owner)."""
        if self._local is not None:
            seen = f"here:{self._local.generation}"
        else:
            seen = str(self._request(("generation",), lambda s: f"here:{s.generation}"))
        if seen != self._seen:
            self._seen = seen
            self._generation += 1
        return self._generation

    def execute(
        self,
        query: str,
        bindings: Mapping[str, Bound] | None = None,
        timeout: float | None = None,
        data_only: bool = False,
        isolated: bool = False,
    ) -> Answer:
        """Run any read-only query at the owner; the first :data:`PREFETCH` rows are read at
        once (asked again of the next owner if this one goes meanwhile), the rest streamed."""
        text = bind(query, bindings)
        message = ("execute", text, timeout, data_only, isolated)
        deadline = time.monotonic() + self.wait
        while True:
            conn = self._connection(deadline)
            if conn is None:
                assert self._local is not None
                return self._local.execute(text, None, timeout, data_only, isolated)
            try:
                send(conn, message)
                head = receive(conn)
                if head[0] == "error":
                    self._give(conn)
                    raise error_of(head[1], head[2])
                if head[0] == "bool":
                    self._give(conn)
                    return bool(head[1])
                kind, names, batch, more = head
                rows = [decoded(r) for r in batch]
                while more and len(rows) < PREFETCH:
                    send(conn, "more")
                    reply = receive(conn)
                    if reply[0] == "error":
                        self._give(conn)
                        raise error_of(reply[1], reply[2])
                    rows.extend(decoded(r) for r in reply[1])
                    more = reply[2]
            except WireError:
                self._lost(conn)
                continue
            if more:
                stream = self._rest(conn, rows)
            else:
                self._give(conn)
                stream = iter(rows)
            if kind == "rows":
                return Rows(tuple(names), stream)
            return Triples(stream)  # type: ignore[arg-type]

    def _rest(
        self, conn: Connection, first: list[tuple[Identifier | None, ...]]
    ) -> Iterator[tuple[Identifier | None, ...]]:
        """The rows read already, then the rest of a long answer, batch by batch."""
        done = False
        try:
            yield from first
            while True:
                try:
                    send(conn, "more")
                    reply = receive(conn)
                except WireError:
                    done = True
                    self._lost(conn)
                    raise _OwnerLost(
                        f"{self.path}: the process that owned the store ended during the "
                        "answer; run the query again"
                    ) from None
                if reply[0] == "error":
                    done = True
                    self._give(conn)
                    raise error_of(reply[1], reply[2])
                yield from (decoded(r) for r in reply[1])
                if not reply[2]:
                    done = True
                    self._give(conn)
                    return
        finally:
            if not done:  # the reader stopped early
                try:
                    send(conn, "stop")
                    self._give(conn)
                except WireError:
                    self._lost(conn)

    def select(self, query: str, bindings: Mapping[str, Bound] | None = None) -> Results:
        """Run a SELECT query and read every row (again at the next owner if one goes)."""
        while True:
            answer = self.execute(query, bindings)
            if not isinstance(answer, Rows):
                raise QueryError("not a SELECT query")
            try:
                return Results(answer.variables, tuple(answer.rows))
            except _OwnerLost:
                continue

    def ask(self, query: str, bindings: Mapping[str, Bound] | None = None) -> bool:
        """Run an ASK query."""
        answer = self.execute(query, bindings)
        if not isinstance(answer, bool):
            raise QueryError("not an ASK query")
        return answer

    def ntriples(self, query: str, bindings: Mapping[str, Bound] | None = None) -> str:
        """Run a CONSTRUCT; its triples as N-Triples text, serialised by the owner."""
        text = bind(query, bindings)
        return str(self._request(("ntriples", text), lambda s: s.ntriples(text)))

    def search(
        self, text: str, limit: int = 20, kinds: Sequence[str] = (), langs: Sequence[str] = ()
    ) -> list[Hit]:
        """Full-text search in the owner's text index."""
        message = ("search", text, limit, list(kinds), list(langs))
        found = self._request(message, lambda s: s.search(text, limit, kinds, langs))
        return [h if isinstance(h, Hit) else Hit(*h) for h in found]

    def graphs(self) -> list[URIRef]:
        """Named graphs, sorted."""
        return [URIRef(g) for g in self._request(("graphs",), lambda s: s.graphs())]

    def __len__(self) -> int:
        return int(self._request(("len",), len))

    def index_documents(self) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        """The owner's text index documents, expected and held, at one write boundary."""
        found = self._request(("index-documents",), lambda s: s.index_documents())
        expected, held = found
        return [tuple(r) for r in expected], [tuple(r) for r in held]

    # ------------------------------------------------------------------ writing

    def replace_graph_triples(self, graph: URIRef, triples: Iterable[TripleIn]) -> int:
        """Replace one named graph (IRIs and literals) at the owner, in one transaction."""
        kept = list(triples)
        message = ("replace", str(graph), [[encode(t) for t in triple] for triple in kept])
        return int(self._request(message, lambda s: s.replace_graph_triples(graph, kept)))

    def replace_graphs(self, dataset: Dataset, graphs: Sequence[URIRef] | None = None) -> int:
        """Replace named graphs at the owner, each in one transaction."""
        targets = list(graphs_to_write(dataset, graphs))
        for name, _graph in targets:
            refuse_internal(name)  # before anything is written
        written = 0
        for name, graph in targets:
            text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
            written += int(
                self._request(
                    ("replace-nt", str(name), text),
                    lambda s, name=name: s.replace_graphs(dataset, [name]),  # type: ignore[misc]
                )
            )
        return written

    def add_triples(self, graph: URIRef, triples: Iterable[TripleIn]) -> int:
        """Add triples to ``graph`` at the owner, with the summaries they change."""
        kept = list(triples)
        message = ("add", str(graph), [[encode(t) for t in triple] for triple in kept])
        return int(self._request(message, lambda s: s.add_triples(graph, kept)))

    def drop_graph(self, graph: URIRef) -> bool:
        """Remove one named graph at the owner; False if it was not there."""
        return bool(self._request(("drop", str(graph)), lambda s: s.drop_graph(graph)))

    # ------------------------------------------------------------------ maintenance

    def backup(self, dest: Path) -> dict[str, object]:
        """Have the owner write a backup into the new folder ``dest`` (an absolute path) between
        two of its writes; return the backup's manifest."""
        found = self._request(("backup", str(dest)), lambda s: s.backup(dest))
        return dict(found)

    def reindex(self) -> None:
        """Have the owner recompute the summaries and rebuild the text index, under its write
        mutex (readers see the store before or after, never half)."""
        self._request(("reindex",), lambda s: s.reindex())

    def close(self) -> None:
        """Close the connections (and the store, if this process came to own it)."""
        with self._lock:
            idle, self._idle = self._idle, []
            local, self._local = self._local, None
        for conn in idle:
            conn.close()
        if local is not None:
            local.close()
