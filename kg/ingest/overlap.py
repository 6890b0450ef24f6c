"""``kg ingest --jobs N`` (N > 1) on the embedded store: the next articles are linked while the
last ones are written, and the articles linked meanwhile are written together.

The one writer used to link an article (Python: the claim index, the candidates' texts and
match statuses, scoring) and then write it (mostly Oxigraph's update, native code that lets go
of Python's lock while it runs), one after the other. Here the writes run in a thread of their
own while the calling thread links the next articles, which must see the articles being written
(or waiting for their write) as if they were stored (the store must equal the one ``--jobs 1``
gives, quad for quad: ``tests/ingest/test_jobs.py``, ``tests/ingest/test_overlap.py``).
:class:`kg.track.link.Writing` gives linking those answers: an article's claims are in the
claim index once it is linked (with the version its write will give), and the texts of the
claims in its lines are added to what the store answers until it has landed. Every other read
linking makes cannot be changed by a new machine-made graph (the remote batches,
:mod:`kg.ingest.batch`, rely on the same), and what could is done with no write under way:

* an article whose graph is in the store already (a re-ingest: its replacement keeps the claims
  other graphs point at, :mod:`kg.imports.replace`) is written alone, after the writes before it.

**Group commit.** The articles linked while a write is under way wait, and are written in one
transaction (at most :data:`GROUP_MAX`) once it has landed: a writer that keeps up writes one
article at a time, a busy one more at once, and the summaries every article of a group
changes are rewritten once for the group. Readers see all of a group or none of it.

The match records (every 500 candidates) are written in the same thread after the articles
that filled them, while the next ones are linked, whose status lookups
:class:`~kg.track.link.Writing` answers for them too. The writes run one at a time, in input
order; an article is reported written (``done``) only once its transaction is committed (a
crash loses only articles not reported), and an error of the store stops the batch as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


#: The most articles one transaction writes (``kg ingest --jobs N`` on the embedded store):
#: 8 and 16 wrote 600 bench articles 10-15% faster than 1, 2 or 4 (bench/ingest_bench.py).
GROUP_MAX = 8


@dataclass
class _UnderWay:
    """A write started in the writing thread, and the articles it writes (none: the match
    records' flush)."""

    future: Future[Any]
    articles: list[tuple[Path, Bundle]] = field(default_factory=list)


@dataclass
class _Queued:
    """An article linked and waiting for the next group's write."""

    path: Path
    bundle: Bundle
    lines: list[str]


def ingest_overlapped(
    files: Iterable[Path],
    store: EmbeddedStore,
    lang: str,
    jobs: int,
    linked: Callable[[Prepared], tuple[Bundle, list[Candidate]] | None],
    wrote: Callable[[Path, Bundle], None],
    progress: Callable[[Path], None] | None = None,
) -> None:
    """The loop of :func:`kg.ingest.run.ingest_each` with the writes in a thread of their own,
    overlapping the linking of the next articles: ``linked`` links one prepared article (None:
    skipped or failed), ``wrote`` is called once its graph is committed, in input order,
    ``progress`` before it is linked.

    **Group commit**: the articles linked while a write is under way wait, and go in one
    transaction (:meth:`~kg.store.EmbeddedStore.write_new_graphs`, at most :data:`GROUP_MAX`)
    once it has landed. A fast writer writes one article at a time; a busy one writes more in
    each transaction, and the summaries that every article of a group changes (a claim they
    all repeat, an agent they all quote) are rewritten once for the group."""
    pending: list[Candidate] = []  # the match candidates not recorded yet
    under_way: list[_UnderWay] = []
    queued: list[_Queued] = []

    def finish() -> None:
        """Wait for the writes under way, in order, reporting each article once written."""
        while under_way:
            current = under_way.pop(0)
            current.future.result()  # a store that cannot write stops the batch
            for path, bundle in current.articles:
                wrote(path, bundle)
        writing.landed(keep={str(q.bundle.graph) for q in queued})

    def submit() -> None:
        """Start the write of the queued articles, as one transaction."""
        if not queued:
            return
        group = [(q.bundle.graph, q.lines) for q in queued]
        future = pool.submit(writing.write, lambda: store.write_new_graphs(group))
        under_way.append(_UnderWay(future, [(q.path, q.bundle) for q in queued]))
        queued.clear()

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
                again = any(q.bundle.graph == bundle.graph for q in queued)
                if again or store.has_graph(bundle.graph):  # a re-ingest: written alone
                    finish()
                    submit()
                    finish()
                    writing.write(_replacing(store, bundle.graph, unique, again=True))
                    index_claims(store, bundle, store.graph_version(bundle.graph))
                    wrote(path, bundle)
                else:
                    index_claims(store, bundle, digest("\n".join(unique)))
                    writing.start(bundle.graph, unique)
                    queued.append(_Queued(path, bundle, unique))
                    idle = all(u.future.done() for u in under_way)
                    if idle or len(queued) >= GROUP_MAX:
                        finish()
                        submit()
                pending += candidates
                if len(pending) >= link.RECORD_EVERY:  # recorded after the articles
                    finish()
                    submit()
                    writing.recording(pending)
                    job = _recording(store, pending)
                    under_way.append(_UnderWay(pool.submit(writing.write, job)))
                    pending = []
            finish()
            submit()
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
