"""Which subjects each write of the embedded store changed: what a view kept outside the store
(``kg serve``'s browsing view, :mod:`kg.view.delta`) reads again instead of everything.

Every write that moves :attr:`kg.store.EmbeddedStore.generation` records, for the generation
it makes, the IRIs of the subjects whose triples it replaced, added or removed in some named
graph (a graph's old subjects and its new ones), or *unknown* (None): a bulk load, blank nodes
(the store names them anew) or more than :data:`MOST_SUBJECTS` subjects. The log keeps the last
:data:`KEPT_WRITES` writes; a reader asking about older ones is told *unknown* too, and reads
everything again.

>>> log = ChangeLog()
>>> log.record(1, frozenset({"urn:a"})); log.record(2, frozenset({"urn:b"}))
>>> sorted(log.since(0)), sorted(log.since(1)), log.since(2)
(['urn:a', 'urn:b'], ['urn:b'], frozenset())
>>> log.record(3, None); log.since(1) is None, log.since(3)
(True, frozenset())
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable

import pyoxigraph as ox

__all__ = [
    "KEPT_WRITES",
    "MOST_SUBJECTS",
    "ChangeLog",
    "Subjects",
    "bounded",
    "parse_triples",
    "subjects_in",
]

#: Writes the log remembers.
KEPT_WRITES = 4096
#: Subjects one write may name; beyond that it is recorded as unknown (a reader reads all).
MOST_SUBJECTS = 20_000

Subjects = frozenset[str] | None


class ChangeLog:
    """(generation, subjects) of the last :data:`KEPT_WRITES` writes; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._log: deque[tuple[int, Subjects]] = deque(maxlen=KEPT_WRITES)
        #: the generation before the oldest write still logged (0: none forgotten yet)
        self._floor = 0

    def record(self, generation: int, subjects: Subjects) -> None:
        """Note that the write making ``generation`` changed ``subjects`` (None: unknown)."""
        with self._lock:
            if len(self._log) == self._log.maxlen:
                self._floor = self._log[0][0]
            self._log.append((generation, subjects))

    def since(self, generation: int) -> Subjects:
        """Every subject the writes after ``generation`` changed; None when one of them is
        unknown or no longer logged."""
        with self._lock:
            if generation < self._floor:
                return None
            found: set[str] = set()
            for made, subjects in reversed(self._log):
                if made <= generation:
                    break
                if subjects is None:
                    return None
                found |= subjects
            return frozenset(found)


def parse_triples(data: str) -> list[ox.Quad] | None:
    """The triples of N-Triples ``data``, parsed once for every reader of a write (its
    subjects, its summaries' facts, its dates and text index rows); None if it does not parse.

    >>> [t.subject.value for t in parse_triples('<urn:a> <urn:p> "x" .')]
    ['urn:a']
    >>> parse_triples('<urn:a> <urn:p> .') is None
    True
    """
    try:
        return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError:
        return None


def subjects_in(data: str | list[ox.Quad] | None) -> Subjects:
    """The subjects of N-Triples ``data`` (or of its triples, :func:`parse_triples`); None with
    a blank node subject, more than :data:`MOST_SUBJECTS`, or text that does not parse.

    >>> sorted(subjects_in('<urn:a> <urn:p> "x" .\\n<urn:b> <urn:p> <urn:a> .'))
    ['urn:a', 'urn:b']
    >>> subjects_in('_:b <urn:p> "x" .') is None
    True
    """
    triples = parse_triples(data) if isinstance(data, str) else data
    return None if triples is None else bounded(t.subject for t in triples)


def bounded(subjects: Iterable[object]) -> Subjects:
    """The IRIs of ``subjects`` (pyoxigraph terms); None if one is not an IRI or there are more
    than :data:`MOST_SUBJECTS`."""
    found: set[str] = set()
    for subject in subjects:
        if not isinstance(subject, ox.NamedNode):
            return None
        found.add(subject.value)
        if len(found) > MOST_SUBJECTS:
            return None
    return frozenset(found)
