"""``kg ingest``: read articles, extract, and write one named graph per article.

Each article is its own transaction (the store replaces its named graph atomically), so a bad
file never leaves anything half-written and never stops the good ones. Claims of the article's
earlier version that other articles' statements point at are kept (:mod:`kg.imports.replace`).
An article that a curated claim file already covers (same content hash) is skipped: curation
overrides extraction.

Bounds: an article's text (after its front matter, or extracted from HTML) may hold at most
:data:`MAX_ARTICLE_CHARS` characters (ingesting costs about 1 KB of memory per character:
``bench/limits_bench.py``). A file that cannot be read or extracted, for any reason (even an
error of the extractor itself), is that file's failure only: it is reported and the batch goes
on. A store that cannot write stops the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal

from kg.curation.agents import load_agents
from kg.errors import InputError
from kg.ids import AGENTS_GRAPH, graph_iri, slug_of
from kg.imports.replace import prune_kept, replace_graph_lines, replace_graph_triples
from kg.ingest.batch import Batch, check_batch_size
from kg.ingest.ntriples import linked_lines
from kg.ingest.overlap import ingest_overlapped
from kg.ingest.prepare import MAX_ARTICLE_CHARS, Prepared, check_size, failure, prepared
from kg.model import Agent, Bundle
from kg.queries import load_query
from kg.rdf import to_triples
from kg.store import EmbeddedStore, Store
from kg.store.remote import RemoteStore
from kg.track.link import Candidate, CandidateBuffer, index_claims, link_claims
from kg.values import is_true

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_ARTICLE_CHARS",
    "IngestReport",
    "check_size",
    "find_articles",
    "finished",
    "ingest_each",
    "ingest_files",
    "ingest_paths",
    "write_agents",
]

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".xhtml"}


@dataclass
class IngestReport:
    """What one ingest did: per article, its statements; per skipped file, why."""

    ingested: list[tuple[str, str, int]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def statements(self) -> int:
        return sum(n for _, _, n in self.ingested)


def find_articles(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Article files under ``paths`` (files as given, folders walked), and what was passed over.

    A path that does not exist is an error: the user named it.
    """
    files: list[Path] = []
    passed: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_file() or any(p.startswith(".") for p in child.parts[-1:]):
                    continue
                if child.suffix.lower() in ARTICLE_SUFFIXES:
                    files.append(child)
                elif not child.name.endswith(".claims.yaml") and child.name != "README.md":
                    kind = child.suffix or "no suffix"
                    passed.append((str(child), f"not an article file ({kind})"))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files, passed


def finished(store: Store, source: object) -> bool:
    """Whether ``source``'s graph was written whole: a remote write cut short leaves the
    graph marked, and a half-written machine graph (its extraction record missing) must not
    pass for a curated one, which would make every re-run skip the article."""
    graph = graph_iri(slug_of(str(source)))
    return not store.ask(load_query("graph-unfinished").text, {"g": graph})


def write_agents(store: Store, agents: list[Agent]) -> None:
    """(Re)write the shared agent registry graph, in one transaction."""
    store.replace_graph_triples(
        AGENTS_GRAPH, (triple for agent in agents for triple in to_triples(agent))
    )


def ingest_paths(paths: Iterable[Path], store: Store, lang: str = "auto") -> IngestReport:
    """Ingest every article under ``paths`` (files, or folders walked) into ``store``."""
    files, passed = find_articles(paths)
    report = ingest_files(files, store, lang)
    report.skipped[:0] = passed
    return report


def ingest_files(
    files: Iterable[Path],
    store: Store,
    lang: str = "auto",
    progress: Callable[[Path], None] | None = None,
    done: Callable[[Path, str, int], None] | None = None,
    jobs: int = 1,
    batch_size: int = 1,
) -> IngestReport:
    """Ingest each article file into ``store``, in the order given.

    With ``jobs`` > 1, reading, extracting and mapping run in that many worker processes
    (:mod:`kg.ingest.prepare`); this process links and writes, one article per transaction, in
    the same order, so the store is the same (on the embedded store it links the next article
    while the current one is written: :mod:`kg.ingest.overlap`). ``progress`` is called before
    each file is linked and written, ``done`` after its graph is committed.

    On a remote store, ``batch_size`` new articles go to the server in one update request
    (:mod:`kg.ingest.batch`), and are reported (``done``) once it is acknowledged; the store is
    the same as with batch size 1. The embedded store writes each article in its own
    transaction whatever ``batch_size``.
    """
    check_batch_size(batch_size)
    if isinstance(store, RemoteStore):
        return _ingest_remote(files, store, lang, progress, done, jobs, batch_size)
    return ingest_each(files, store, lang, progress, done, jobs)


def ingest_each(
    files: Iterable[Path],
    store: Store,
    lang: str = "auto",
    progress: Callable[[Path], None] | None = None,
    done: Callable[[Path, str, int], None] | None = None,
    jobs: int = 1,
) -> IngestReport:
    """:func:`ingest_files` writing each article in its own transaction, on any store (the
    embedded store's way; on a server, the write before batches: ``bench/remote_ingest_bench.py``
    compares the two)."""
    report = IngestReport()
    agents = load_agents()
    write_agents(store, agents)
    if isinstance(store, EmbeddedStore) and jobs > 1:  # the next article linked while writing

        def wrote(path: Path, bundle: Bundle) -> None:
            report.ingested.append((str(path), bundle.source.id, len(bundle.statements)))
            if done is not None:
                done(path, bundle.source.id, len(bundle.statements))

        ingest_overlapped(
            files,
            store,
            lang,
            jobs,
            lambda item: _linked(item, store, store, report),
            wrote,
            progress,
        )
        prune_kept(store)
        return report
    matches = CandidateBuffer(store)
    for item in prepared(files, lang, jobs):
        path = item.path
        if progress is not None:
            progress(path)
        linked = _linked(item, store, store, report)
        if linked is None:
            continue
        bundle, candidates = linked
        # a store that cannot write (damaged, full, unreachable) stops the batch: that is not
        # the file's failure
        if isinstance(store, EmbeddedStore) and item.bundle is not None and item.lines:
            lines = linked_lines(item.bundle, item.lines, bundle)  # mapped in the worker
            replace_graph_lines(store, bundle.graph, lines, prune=False)
        else:
            replace_graph_triples(store, bundle.graph, bundle.triples(), prune=False)
        index_claims(store, bundle)
        matches.add(candidates)
        report.ingested.append((str(path), bundle.source.id, len(bundle.statements)))
        if done is not None:
            done(path, bundle.source.id, len(bundle.statements))
    matches.flush()
    prune_kept(store)
    return report


def _linked(
    item: Prepared, reader: Store, store: Store, report: IngestReport
) -> tuple[Bundle, list[Candidate]] | None:
    """One prepared article read against what is stored (through ``reader``: the store, or a
    remote batch that also answers for its articles not yet sent) and linked; None when it is
    skipped (a curated claim file covers it) or fails, each recorded in ``report``."""
    path = item.path
    try:
        if not item.hash:  # unreadable, or too long
            raise InputError(item.error)
        rows = reader.select(load_query("sources-with-hash").text, {"hash": Literal(item.hash)})
        if any(not is_true(machine) and finished(store, source) for source, machine in rows):
            report.skipped.append((str(path), "a curated claim file covers this article"))
            return None
        if item.bundle is None:
            raise InputError(item.error)
        return link_claims(item.bundle, reader, True, item.signatures)
    except InputError as exc:
        report.failed.append((str(path), str(exc)))
    except Exception as exc:  # an error of linking fails its file only
        report.failed.append((str(path), failure(path, exc)))
    return None


def _ingest_remote(
    files: Iterable[Path],
    store: RemoteStore,
    lang: str,
    progress: Callable[[Path], None] | None,
    done: Callable[[Path, str, int], None] | None,
    jobs: int,
    batch_size: int,
) -> IngestReport:
    """:func:`ingest_files` on a remote store: the same steps, writing through a
    :class:`~kg.ingest.batch.Batch`."""
    report = IngestReport()
    write_agents(store, load_agents())

    def wrote(path: Path, source: str, statements: int) -> None:
        report.ingested.append((str(path), source, statements))
        if done is not None:
            done(path, source, statements)

    batch = Batch(store, batch_size, wrote)
    matches = CandidateBuffer(batch)  # type: ignore[arg-type]  # reads and adds through the batch
    for item in prepared(files, lang, jobs):
        if batch.full:
            batch.send()
        path = item.path
        if progress is not None:
            progress(path)
        linked = _linked(item, batch, store, report)  # type: ignore[arg-type]  # reads through the batch
        if linked is None:
            continue
        bundle, candidates = linked
        triples = list(bundle.triples())
        batch.write_article(path, bundle.graph, bundle.source.id, triples, len(bundle.statements))
        index_claims(store, bundle)
        matches.add(candidates)
        if batch.send_now:  # the candidates were flushed into the batch
            batch.send()
    matches.flush()  # the last candidates go with the last batch
    batch.send()
    prune_kept(store)
    return report
