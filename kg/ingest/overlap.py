"""``kg ingest --jobs N`` (N > 1) on the embedded store: the next article is linked while the
current one is written.

The one writer used to link an article (Python: the claim index, the candidates' texts and
match statuses, scoring) and then write it (mostly Oxigraph's update, native code that lets go
of Python's lock while it runs), one after the other. Here the write runs in a thread of its own
while the calling thread links the next article, which must see the article being written as
if it were stored (the store must equal the one ``--jobs 1`` gives, quad for quad:
``tests/ingest/test_jobs.py``). :class:`kg.track.link.Writing` gives linking those answers:
the article's claims are in the claim index before its write starts, and the texts of the
claims in its lines are added to what the store answers. Every other read linking makes cannot
be changed by a new machine-made graph (the remote batches, :mod:`kg.ingest.batch`, rely on the
same), and what could is done with no write under way:

* an article whose graph is in the store already (a re-ingest: its replacement keeps the claims
  other graphs point at, :mod:`kg.imports.replace`) is written alone, after the writes before it.

The match records (every 500 candidates) are written in the same thread after the article that
filled them, while the next one is linked, whose status lookups :class:`~kg.track.link.Writing`
answers for them too. The writes run one at a time, in input order; an article is reported
written (``done``) only once its transaction is committed, and the next article's writes start
only once the last ones are committed; an error of the store stops the batch as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from kg.imports.replace import replace_graph_lines
from kg.ingest.ntriples import linked_lines
from kg.ingest.prepare import Prepared, prepared
from kg.model import Bundle
from kg.store import EmbeddedStore
from kg.store.counts import digest, line
from kg.track import link
from kg.track.link import (
    Candidate,
    Writing,
    index_claims,
    record_candidates,
)

__all__ = ["ingest_overlapped"]


@dataclass
class _UnderWay:
    """A write started in the writing thread, and the article it writes (None: the match
    records' flush)."""

    future: Future[int]
    path: Path | None = None
    bundle: Bundle | None = None


def ingest_overlapped(
    files: Iterable[Path],
    store: EmbeddedStore,
    lang: str,
    jobs: int,
    linked: Callable[[Prepared], tuple[Bundle, list[Candidate]] | None],
    wrote: Callable[[Path, Bundle], None],
    progress: Callable[[Path], None] | None = None,
) -> None:
    """The loop of :func:`kg.ingest.run.ingest_each` with each write in a thread of its own,
    overlapping the linking of the next article: ``linked`` links one prepared article (None:
    skipped or failed), ``wrote`` is called once its graph is committed, in input order,
    ``progress`` before it is linked."""
    pending: list[Candidate] = []  # the match candidates not recorded yet
    under_way: list[_UnderWay] = []

    def finish() -> None:
        """Wait for the writes under way, in order, reporting each article once written."""
        while under_way:
            current = under_way.pop(0)
            current.future.result()  # a store that cannot write stops the batch
            if current.path is not None and current.bundle is not None:
                wrote(current.path, current.bundle)
        writing.landed()

    with (
        ThreadPoolExecutor(1, thread_name_prefix="kg-ingest-write") as pool,
        Writing(store) as writing,
    ):
        try:
            for item in prepared(files, lang, jobs):
                path = item.path
                if progress is not None:
                    progress(path)
                result = linked(item)
                if result is None:
                    continue
                bundle, candidates = result
                if item.bundle is not None and item.lines:
                    lines = linked_lines(item.bundle, item.lines, bundle)  # mapped in the worker
                else:
                    lines = [line(s, p, o) for s, p, o in bundle.triples()]
                unique = list(dict.fromkeys(lines))
                finish()
                if store.has_graph(bundle.graph):  # a re-ingest: written alone
                    writing.write(_replacing(store, bundle.graph, unique, again=True))
                    index_claims(store, bundle, store.graph_version(bundle.graph))
                    wrote(path, bundle)
                else:
                    index_claims(store, bundle, digest("\n".join(unique)))
                    writing.start(bundle.graph, unique)
                    future = pool.submit(writing.write, _replacing(store, bundle.graph, unique))
                    under_way.append(_UnderWay(future, path, bundle))
                pending += candidates
                if len(pending) >= link.RECORD_EVERY:  # recorded after the article
                    writing.recording(pending)
                    job = _recording(store, pending)
                    under_way.append(_UnderWay(pool.submit(writing.write, job)))
                    pending = []
            finish()
        finally:
            for current in under_way:  # an error: the writes under way end, unreported
                current.future.exception()
    record_candidates(store, pending)


def _replacing(
    store: EmbeddedStore, graph: URIRef, lines: list[str], again: bool = False
) -> Callable[[], int]:
    """The write of an article's graph: a new one (no claims of an earlier version to keep), or
    ``again`` one that is stored already (:func:`kg.imports.replace.replace_graph_lines`)."""
    if again:
        return lambda: replace_graph_lines(store, graph, lines, prune=False)
    return lambda: store.replace_graph_lines(graph, lines)


def _recording(store: EmbeddedStore, candidates: list[Candidate]) -> Callable[[], int]:
    """The write of the match records of ``candidates``."""
    return lambda: record_candidates(store, candidates)
