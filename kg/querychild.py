"""The process a user query runs in (``python -m kg.querychild STORE IN OUT MEMORY``).

Started by :mod:`kg.store.isolated`: it opens the store folder read-only, answers queries one
at a time, and can be killed at the timeout, which stops Oxigraph wherever it is (a sort, an
aggregate). Its data segment is capped at ``MEMORY`` bytes (``RLIMIT_DATA``): a query that
needs more makes the allocator fail and the process end, never the server's memory grow.
It imports only the standard library and pyoxigraph, so it starts in a few tens of ms.

Messages are JSON over two pipes (file descriptors ``IN`` and ``OUT``). A request is
``(query, prefixes, folder, data_only)`` (``folder``: the store, or a checkpoint of it, to read,
reopened when it changes; ``data_only``: the default graph is the union of the named graphs
without the store's summary counts); the answer is ``("bool", value)``,
``("rows", variables)`` or ``("triples", None)``, or ``("error", kind, message)``. After
rows or triples, each ``"more"`` is answered with ``("batch", [row, ...])`` (an empty batch at
the end) and ``"stop"`` ends the answer early. Terms travel as tuples (:func:`encode`).
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from itertools import islice
from multiprocessing.connection import Connection
from typing import Any

__all__ = ["BATCH", "MAX_MESSAGE", "encode", "main"]

#: Rows per batch sent to the parent.
BATCH = 512
#: Largest batch sent, in bytes of JSON (a row holding a huge string is refused, not sent).
MAX_MESSAGE = 32 * 1024 * 1024


def encode(term: Any) -> tuple[Any, ...] | None:
    """A pyoxigraph term as a tuple: ``(0, iri)``, ``(1, blank node id)``,
    ``(2, value, datatype, language)`` (lists once sent as JSON); None stays None.

    >>> import pyoxigraph as ox
    >>> encode(ox.Literal("AS", language="id"))
    (2, 'AS', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString', 'id')
    """
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return (0, term.value)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.Literal):
        return (2, term.value, term.datatype.value, term.language)
    raise ValueError(f"cannot send {term!r}")


def _limit_memory(memory: int) -> None:
    import resource

    if memory > 0:
        with contextlib.suppress(ValueError, OSError):  # a system that cannot: no cap
            resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (elsewhere: EOF ends it)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _open(path: str) -> Any:
    import pyoxigraph as ox

    for attempt in range(50):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError) as exc:  # a file removed by a writer: retry
            if "No such file" not in str(exc) or attempt == 49:
                raise
    raise AssertionError("unreachable")


def _send(out: Connection, message: Any) -> None:
    out.send_bytes(json.dumps(message).encode())


def _stream(rows: Iterator[tuple[Any, ...]], inbox: Connection, out: Connection) -> None:
    """Answer ``"more"`` with batches until the rows end, an error, or ``"stop"``."""
    while inbox.recv_bytes() == b"more":
        try:
            batch = list(islice(rows, BATCH))
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            _send(out, ("error", "query", f"query failed: {str(exc).splitlines()[0]}"))
            return
        data = json.dumps(("batch", batch)).encode()
        if len(data) > MAX_MESSAGE:
            message = f"query failed: {BATCH} rows over {MAX_MESSAGE // 2**20} MB"
            _send(out, ("error", "query", message))
            return
        out.send_bytes(data)
        if not batch:
            return


def serve(path: str, inbox: Connection, out: Connection) -> None:
    """Answer requests until the parent closes the pipe."""
    import pyoxigraph as ox

    store, opened = None, None
    while True:
        try:
            query, prefixes, folder, data_only = json.loads(inbox.recv_bytes())
        except EOFError:
            return
        try:
            if store is None or opened != folder:
                store = None
                store, opened = _open(folder or path), folder
            if data_only:  # the named graphs only: the summaries in the default graph stay out
                graphs = list(store.named_graphs())
                answer = store.query(query, prefixes=prefixes, default_graph=graphs)
            else:
                answer = store.query(query, prefixes=prefixes, use_default_graph_as_union=True)
        except SyntaxError as exc:
            _send(out, ("error", "query", f"SPARQL syntax error: {str(exc).splitlines()[0]}"))
            continue
        except (OSError, RuntimeError) as exc:
            _send(out, ("error", "store", f"query failed: {str(exc).splitlines()[0]}"))
            continue
        if isinstance(answer, ox.QueryBoolean):
            _send(out, ("bool", bool(answer)))
            continue
        if isinstance(answer, ox.QuerySolutions):
            names = tuple(v.value for v in answer.variables)
            _send(out, ("rows", names))
            rows = (tuple(encode(s[n]) for n in names) for s in answer)
        else:
            _send(out, ("triples", None))
            rows = ((encode(t.subject), encode(t.predicate), encode(t.object)) for t in answer)
        _stream(rows, inbox, out)
        del rows, answer


def main(argv: list[str]) -> int:
    """``STORE IN OUT MEMORY``: serve queries on the store folder over the two pipes."""
    path, fd_in, fd_out, memory = argv
    _die_with_parent()
    _limit_memory(int(memory))
    inbox = Connection(int(fd_in), writable=False)
    out = Connection(int(fd_out), readable=False)
    with contextlib.suppress(EOFError, BrokenPipeError):
        serve(path, inbox, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
