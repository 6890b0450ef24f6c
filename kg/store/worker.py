"""Run a blocking, row-producing job in a daemon thread and read its output with a deadline.

Oxigraph evaluates a query when its first row is asked for (sorting and grouping happen then)
and cannot be interrupted from Python. The job runs in a daemon thread that hands rows over
in batches through a bounded queue; the reader stops waiting when the deadline passes and
tells the job to stop, which it does at its next row. A job stuck inside one step (a huge
sort) keeps its thread busy until that step ends, but nobody waits for it.

>>> stream = Worker(lambda emit: [emit(i) for i in range(3)], timeout=5)
>>> list(stream)
[0, 1, 2]
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from kg.errors import KgError, QueryError

__all__ = ["Worker"]

_BATCH = 512
_END = object()


class _Stopped(Exception):
    """Raised inside the job when the reader has gone."""


class Worker:
    """Iterate over what ``job(emit)`` emits, waiting at most ``timeout`` seconds in total."""

    def __init__(self, job: Callable[[Callable[[Any], None]], Any], timeout: float | None) -> None:
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=64)
        self._stop = threading.Event()
        self._deadline = None if timeout is None else time.monotonic() + timeout
        self._timeout = timeout
        self._batch: list[Any] = []
        self._job = job
        self._thread = threading.Thread(target=self._run, daemon=True, name="kg-query")
        self._thread.start()

    # ------------------------------------------------------------- job side

    def _put(self, item: Any) -> None:
        while True:
            if self._stop.is_set():
                raise _Stopped
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def _emit(self, item: Any) -> None:
        self._batch.append(item)
        if len(self._batch) >= _BATCH:
            batch, self._batch = self._batch, []
            self._put(batch)

    def _run(self) -> None:
        try:
            self._job(self._emit)
            if self._batch:
                self._put(self._batch)
            self._put(_END)
        except _Stopped:
            return
        except KgError as exc:
            # the reader's thread must not free the job's frames: they may hold engine objects
            # that must be dropped on the thread that made them (pyoxigraph's are "unsendable")
            exc.__traceback__ = exc.__context__ = exc.__cause__ = None
            try:
                self._put(exc)
            except _Stopped:
                return

    # ---------------------------------------------------------- reader side

    def _get(self) -> Any:
        wait = None if self._deadline is None else max(0.0, self._deadline - time.monotonic())
        try:
            return self._queue.get(timeout=wait)
        except queue.Empty:
            self._stop.set()
            raise QueryError(f"query timed out after {self._timeout:g} s") from None

    def first(self) -> Any:
        """The first item (or None at once if the job emitted nothing); raises job errors."""
        item = self._peek()
        return item[0] if item else None

    def _peek(self) -> list[Any]:
        if not hasattr(self, "_head"):
            got = self._get()
            if isinstance(got, KgError):
                self._stop.set()
                raise got
            self._head: list[Any] = [] if got is _END else got
            self._ended = got is _END
        return self._head

    def __iter__(self) -> Iterator[Any]:
        try:
            head = self._peek()
            yield from head[1:] if getattr(self, "_skip_first", False) else head
            if self._ended:
                return
            while True:
                got = self._get()
                if got is _END:
                    return
                if isinstance(got, KgError):
                    raise got
                yield from got
        finally:
            self.stop()

    def stop(self, wait: float = 1.0) -> None:
        """Tell the job to stop, and wait up to ``wait`` seconds for it to let go."""
        self._stop.set()
        self._thread.join(timeout=wait)

    def rest(self) -> Iterator[Any]:
        """Every item after the first."""
        self._skip_first = True
        return iter(self)
