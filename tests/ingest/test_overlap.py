"""`kg ingest --jobs 2` links the next article while the current one is written
(kg.ingest.overlap): the store is the one `--jobs 1` gives even when each write, and each
recording of match candidates, is still under way while the next article is linked."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from kg.ingest import find_articles, ingest_files
from kg.ingest import overlap as overlap_module
from kg.store import EmbeddedStore
from kg.track import link
from tests.ingest.test_jobs import corpus  # noqa: F401  (the fixture)
from tests.ingest.test_scale_out import state

#: How long each write in the writing thread waits before it starts.
DELAY = 0.1


def _ingest(files: list[Path], path: Path, jobs: int) -> list[tuple[str, str, int]]:
    store = EmbeddedStore(path)
    try:
        return ingest_files(files, store, jobs=jobs).ingested
    finally:
        store.close()


def test_linking_while_writing_gives_the_store_of_one_writer(
    corpus: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(link, "RECORD_EVERY", 7)  # match records written between articles
    files, _ = find_articles([corpus])
    one = _ingest(files, tmp_path / "one", 1)

    in_writer = threading.current_thread
    replace = EmbeddedStore.replace_graph_lines
    record = overlap_module.record_candidates

    def slow_replace(self: EmbeddedStore, graph: object, lines: object) -> int:
        if in_writer().name.startswith("kg-ingest-write"):
            time.sleep(DELAY)
        return replace(self, graph, lines)  # type: ignore[arg-type]

    def slow_record(store: object, candidates: object) -> int:
        time.sleep(DELAY)
        return record(store, candidates)  # type: ignore[arg-type]

    answered = {"texts": 0, "statuses": 0}  # linking answered for writes under way
    fetch_texts, statuses = link._fetch_texts, link._statuses

    def seen_texts(store: object, claims: object, cache: object) -> None:
        writing = link._WRITING.get(store)  # type: ignore[call-overload]
        answered["texts"] += bool(writing and writing.texts)
        fetch_texts(store, claims, cache)  # type: ignore[arg-type]

    def seen_statuses(store: object, matches: object) -> dict[str, str]:
        writing = link._WRITING.get(store)  # type: ignore[call-overload]
        answered["statuses"] += bool(writing and writing.statuses)
        return statuses(store, matches)  # type: ignore[arg-type]

    monkeypatch.setattr(EmbeddedStore, "replace_graph_lines", slow_replace)
    monkeypatch.setattr(overlap_module, "record_candidates", slow_record)
    monkeypatch.setattr(link, "_fetch_texts", seen_texts)
    monkeypatch.setattr(link, "_statuses", seen_statuses)
    two = _ingest(files, tmp_path / "two", 2)

    assert two == one  # the same articles reported written, in the same order
    written = state(tmp_path / "one")
    assert len(written) > 10_000
    assert state(tmp_path / "two") == written
    assert answered["texts"] > 10 and answered["statuses"] > 2  # the overlap was exercised
