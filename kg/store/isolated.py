"""User queries on the embedded store run in a child process that is killed at the timeout.

Oxigraph cannot be interrupted from Python: a thread that gives up on a sorted cartesian product
leaves it running (issue 14 measured 6.7 GB after the "timed out" reply). So a user query
(:func:`kg.queries.run.run_user`) runs in a :mod:`kg.querychild` process holding a read-only
view of the store folder:

- at the deadline the process is killed (SIGKILL) and the caller gets "query timed out";
- its data segment is capped at :func:`query_memory` bytes (``KG_QUERY_MEMORY``, in MB): a
  query that needs more ends its process, and the caller gets a one-line error;
- rows come over in batches of :data:`kg.querychild.BATCH`, one batch asked at a time, so the
  parent holds one batch; a batch over :data:`kg.querychild.MAX_MESSAGE` bytes is refused.

A process that answered in full (or was told to stop early) is kept for the next query, at most
:data:`IDLE` of them; it reopens the store when it is asked to read another folder. A
process holding the store's write lock that has written since it opened gives each query a
checkpoint of the store (:meth:`kg.store.EmbeddedStore.readable`): a query process never reads
the live folder while that process writes (RocksDB would delete files under it), and a
checkpoint stays until no query process is reading it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Iterator, Mapping
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError, StoreError
from kg.store.base import Answer, Rows, Triples

__all__ = ["IDLE", "QueryProcesses", "decode", "query_memory", "running"]

#: Most idle query processes kept for reuse: as many as the clients that query at once in the
#: load bench (``bench/serve_bench.py``: with 4, half of 8 clients' queries started a process).
IDLE = 8
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent.parent)
_BUSY = [0]  # query processes answering a query now, in this process
_BUSY_LOCK = threading.Lock()


def running() -> int:
    """How many query processes are answering a query now."""
    return _BUSY[0]


def _busy(change: int) -> None:
    with _BUSY_LOCK:
        _BUSY[0] += change


def query_memory() -> int:
    """Bytes a query process may allocate: ``KG_QUERY_MEMORY`` MB (default 2048; 0 = no cap)."""
    return int(os.environ.get("KG_QUERY_MEMORY", "2048")) * 2**20


def decode(term: list[Any] | tuple[Any, ...] | None) -> Identifier | None:
    """A term sent by :func:`kg.querychild.encode` as an rdflib term.

    >>> decode((2, "AS", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "id"))
    rdflib.term.Literal('AS', lang='id')
    >>> decode((0, "urn:x"))
    rdflib.term.URIRef('urn:x')
    """
    if term is None:
        return None
    if term[0] == 0:
        return URIRef(term[1])
    if term[0] == 1:
        return BNode(term[1])
    _, value, datatype, language = term
    if language:
        return Literal(value, lang=language)
    if datatype == _XSD_STRING:
        return Literal(value)
    return Literal(value, datatype=URIRef(datatype))


class _Timeout(Exception):
    pass


class _Died(Exception):
    pass


class _Child:
    """One query process and its two pipes."""

    def __init__(self, path: Path, memory: int) -> None:
        to_child, from_parent = os.pipe()[::-1]
        from_child, to_parent = os.pipe()
        args = [sys.executable, "-m", "kg.querychild", str(path), str(from_parent),
                str(to_parent), str(memory)]  # fmt: skip
        env = dict(os.environ)  # find this kg package, however this process found it
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PACKAGE_ROOT, env.get("PYTHONPATH")]))
        try:
            self.process = subprocess.Popen(  # noqa: S603 - this Python, our module
                args, pass_fds=(from_parent, to_parent), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
            )  # fmt: skip
        finally:
            os.close(from_parent)
            os.close(to_parent)
        self._out = Connection(to_child, readable=False)
        self._in = Connection(from_child, writable=False)
        #: The folder it was last asked to read.
        self.folder: str | None = None
        self.busy = False
        # dropped anyhow (a reader that never finished, the interpreter's exit): no process
        # is left running, whatever order the garbage collector takes
        self._reaper = weakref.finalize(self, _reap, self.process, self._out, self._in)

    def set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            _busy(1 if busy else -1)

    def send(self, data: bytes) -> None:
        try:
            self._out.send_bytes(data)
        except OSError:
            raise _Died from None

    def receive(self, deadline: float | None) -> Any:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            if not self._in.poll(wait):
                raise _Timeout
            return json.loads(self._in.recv_bytes())
        except (EOFError, OSError):
            raise _Died from None

    def kill(self) -> None:
        self.set_busy(False)
        self._reaper()


def _reap(process: subprocess.Popen[bytes], *pipes: Connection) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()
    for pipe in pipes:
        pipe.close()


class QueryProcesses:
    """Query processes over the store folder ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._idle: list[_Child] = []
        self._busy: set[_Child] = set()
        self._lock = threading.Lock()
        # a store dropped without close() (or the interpreter's exit) leaves no process behind
        weakref.finalize(self, _kill_all, self._idle)

    def _take(self) -> _Child:
        with self._lock:
            while self._idle:
                child = self._idle.pop()
                if child.process.poll() is None:
                    child.set_busy(True)
                    return child
                child.kill()
        child = _Child(self.path, query_memory())
        child.set_busy(True)
        return child

    def in_use(self) -> set[str]:
        """The folders query processes are reading now."""
        with self._lock:
            self._busy = {c for c in self._busy if c.busy}  # (killed ones are not)
            return {c.folder for c in self._busy if c.folder is not None}

    def give_back(self, child: _Child) -> None:
        """Keep ``child`` for the next query (it is waiting for one)."""
        child.set_busy(False)
        with self._lock:
            self._busy.discard(child)
            if len(self._idle) < IDLE:
                self._idle.append(child)
                return
        child.kill()

    def run(
        self,
        query: str,
        prefixes: Mapping[str, str],
        folder: str,
        timeout: float | None,
        data_only: bool = False,
    ) -> Answer:
        """Run ``query`` (bound already) in a query process; wait at most ``timeout`` s in all.
        With ``data_only`` its default graph is the union of the named graphs alone (the
        store's summary counts, in its own default graph, stay out)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        child = self._take()
        request = (query, dict(prefixes), folder, data_only)
        child.folder = folder
        with self._lock:
            self._busy.add(child)
        try:
            child.send(json.dumps(request).encode())
            head = child.receive(deadline)
        except (_Timeout, _Died) as exc:
            child.kill()
            raise _error(exc, timeout) from None
        if head[0] == "error":
            self.give_back(child)
            raise (QueryError if head[1] == "query" else StoreError)(head[2])
        if head[0] == "bool":
            self.give_back(child)
            return bool(head[1])
        stream = _Stream(self, child, deadline, timeout)
        first = stream.fetch()  # errors and timeouts before the first row raise here
        if head[0] == "rows":
            return Rows(tuple(head[1]), stream.rows(first))
        return Triples(stream.rows(first))  # type: ignore[arg-type]

    def close(self) -> None:
        """End every idle process."""
        with self._lock:
            idle = list(self._idle)
            self._idle.clear()
        for child in idle:
            child.kill()


def _kill_all(children: list[_Child]) -> None:
    while children:
        children.pop().kill()


def _error(exc: Exception, timeout: float | None) -> QueryError:
    if isinstance(exc, _Timeout):
        return QueryError(f"query timed out after {timeout:g} s")
    mb = query_memory() // 2**20
    return QueryError(f"query stopped: its process ended (over {mb} MB, KG_QUERY_MEMORY?)")


class _Stream:
    """The batches of one answer; the process goes back to the pool at the end (or is killed
    if the reader stops mid-batch, times out, or never reads)."""

    def __init__(
        self, pool: QueryProcesses, child: _Child, deadline: float | None, timeout: float | None
    ) -> None:
        self._pool, self._child = pool, child
        self._deadline, self._timeout = deadline, timeout
        self._done = False

    def _finish(self, reusable: bool) -> None:
        if self._done:
            return
        self._done = True
        if reusable:
            self._pool.give_back(self._child)
        else:
            self._child.kill()

    def fetch(self) -> list[Any] | None:
        """The next batch (None at the end)."""
        try:
            self._child.send(b"more")
            message = self._child.receive(self._deadline)
        except (_Timeout, _Died) as exc:
            self._finish(reusable=False)
            raise _error(exc, self._timeout) from None
        if message[0] == "error":
            self._finish(reusable=True)
            raise (QueryError if message[1] == "query" else StoreError)(message[2])
        if not message[1]:
            self._finish(reusable=True)
            return None
        return list(message[1])

    def rows(self, first: list[Any] | None) -> Iterator[tuple[Identifier | None, ...]]:
        batch = first
        try:
            while batch is not None:
                for row in batch:
                    yield tuple(decode(t) for t in row)
                batch = self.fetch()
        finally:
            if not self._done:  # the reader stopped early: the process waits for a command
                try:
                    self._child.send(b"stop")
                    self._finish(reusable=True)
                except _Died:
                    self._finish(reusable=False)

    def __del__(self) -> None:
        if not self._done:
            self._child.kill()
            self._done = True
