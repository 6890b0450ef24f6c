"""What ``kg ingest`` does to an article before it needs the store, in worker processes.

Reading, extracting and mapping an article, the claims' signatures linking compares and the
N-Triples lines of the bundle (:func:`prepare_file`) are a pure function of the file.
``kg ingest --jobs N`` runs it in ``N`` worker processes (:func:`prepared`, a
``concurrent.futures.ProcessPoolExecutor`` started with ``forkserver``, so no worker inherits
the store's open files or threads) while the one writer, the calling process, links and writes
the articles **in input order**, each in its own transaction: what it writes does not depend
on ``N`` (a test compares the stores of ``--jobs 1`` and ``--jobs 2`` quad for quad). At most
``4 N`` articles are in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.curation.agents import AgentIndex, load_agents
from kg.errors import InputError, KgError
from kg.extract import extract_article, read_article
from kg.ingest.mapping import extraction_to_bundle
from kg.ingest.ntriples import NodeLines, node_lines
from kg.model import Bundle, content_hash
from kg.track.features import Signature
from kg.track.link import claim_signatures, prepare_bundle

__all__ = [
    "MAX_ARTICLE_CHARS",
    "Prepared",
    "check_size",
    "default_jobs",
    "failure",
    "prepare_file",
    "prepared",
]

#: Longest article text ingested, in characters (news articles are 2,000 to 50,000).
MAX_ARTICLE_CHARS = 500_000
#: Articles in flight per worker process.
AHEAD = 4


def check_size(path: Path, text: str) -> None:
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            f"{path}: article text is {len(text)} characters, over the {MAX_ARTICLE_CHARS} limit"
        )


def failure(path: Path, exc: BaseException) -> str:
    """One line for a file that failed in a way no InputError describes."""
    if isinstance(exc, RecursionError | MemoryError):
        return f"{path}: too large or nested too deeply to process"
    first = (str(exc).strip().splitlines() or [""])[0][:200]
    return f"{path}: could not be processed ({type(exc).__name__}: {first})"


@dataclass
class Prepared:
    """One article file made ready for the writer: its text's hash once read (the curated
    check needs it), then its bundle, its claims' signatures (which linking compares) and the
    N-Triples lines of the bundle's nodes (:mod:`kg.ingest.ntriples`), or the one-line reason
    it failed."""

    path: Path
    hash: str = ""
    bundle: Bundle | None = None
    signatures: dict[str, Signature] | None = None
    lines: NodeLines | None = None
    error: str = ""


@cache
def _index() -> AgentIndex:
    return AgentIndex(load_agents())


def prepare_file(path: Path, lang: str = "auto") -> Prepared:
    """Read, extract and map one article file, and compute what linking needs of it alone
    (never raises for the file's own faults)."""
    out = Prepared(path)
    try:
        article = read_article(path)
        check_size(path, article.text)
        out.hash = content_hash(article.text)
        extraction = extract_article(article, lang)
        out.bundle = prepare_bundle(extraction_to_bundle(extraction, article, _index()))
        out.signatures = claim_signatures(out.bundle)
        out.lines = node_lines(out.bundle)
    except InputError as exc:
        out.error = str(exc)
    except Exception as exc:  # an error of the extractor itself fails its file only
        out.error = failure(path, exc)
    return out


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def prepared(files: Iterable[Path], lang: str = "auto", jobs: int = 1) -> Iterator[Prepared]:
    """:func:`prepare_file` of each file, in the order given; with ``jobs`` > 1 in that many
    worker processes."""
    if jobs <= 1:
        for path in files:
            yield prepare_file(path, lang)
        return
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("forkserver"))
    window: deque[tuple[Path, Future[Prepared]]] = deque()

    def first() -> Prepared:
        path, future = window.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            raise KgError(
                f"{path}: a worker process died while extracting it or an article near it "
                "(out of memory?); the articles reported written are in the store: run again "
                "with --jobs 1 to find the file"
            ) from None

    try:
        for path in files:
            window.append((path, pool.submit(prepare_file, path, lang)))
            if len(window) >= AHEAD * jobs:
                yield first()
        while window:
            yield first()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
