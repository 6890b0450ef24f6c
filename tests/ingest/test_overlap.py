"""`kg ingest --jobs 2` links the next article while the current one is written
(kg.ingest.overlap): the store is the one `--jobs 1` gives even when each write, and each
recording of match candidates, is still under way while the next article is linked."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.ingest import find_articles, ingest_files
from kg.ingest import overlap as overlap_module
from kg.store import EmbeddedStore
from kg.track import link
from kg.track.records import MATCHES_GRAPH
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
    write = EmbeddedStore.write_new_graphs
    record = overlap_module.record_candidates
    groups: list[int] = []  # the articles of each transaction

    def slow_write(self: EmbeddedStore, graphs: list[tuple[object, object]]) -> list[int]:
        if in_writer().name.startswith("kg-ingest-write"):
            time.sleep(DELAY)
        groups.append(len(graphs))
        return write(self, graphs)  # type: ignore[arg-type]

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

    monkeypatch.setattr(EmbeddedStore, "write_new_graphs", slow_write)
    monkeypatch.setattr(overlap_module, "record_candidates", slow_record)
    monkeypatch.setattr(link, "_fetch_texts", seen_texts)
    monkeypatch.setattr(link, "_statuses", seen_statuses)
    two = _ingest(files, tmp_path / "two", 2)

    assert two == one  # the same articles reported written, in the same order
    written = state(tmp_path / "one")
    assert len(written) > 10_000
    assert state(tmp_path / "two") == written
    assert answered["texts"] > 10 and answered["statuses"] > 2  # the overlap was exercised
    assert sum(groups) == len(two) and max(groups) > 1  # and articles were written in groups


def test_another_writer_meanwhile_makes_linking_read_the_index_again(
    corpus: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The ingest keeps the claim index in step with its own writes; a write by anyone else
    (here another thread, as another process's through this one would) during the ingest makes
    the index re-read what changed once the ingest's writes have landed, as the next linking of
    a plain ingest would."""
    files, _ = find_articles([corpus])
    store = EmbeddedStore(tmp_path / "store")
    synced: list[int] = []
    sync_index = link.sync_index

    def counted(store: EmbeddedStore, index: object = None, unwritten: object = ()) -> int:
        changed = sync_index(store, index, unwritten)  # type: ignore[arg-type]
        synced.append(changed)
        return changed

    monkeypatch.setattr(link, "sync_index", counted)
    write = EmbeddedStore.write_new_graphs

    def slow_write(self: EmbeddedStore, graphs: list[tuple[object, object]]) -> list[int]:
        time.sleep(DELAY)  # the next articles wait in a group meanwhile
        return write(self, graphs)  # type: ignore[arg-type]

    monkeypatch.setattr(EmbeddedStore, "write_new_graphs", slow_write)
    other = "https://example.org/graph/written-meanwhile"
    line = '<https://example.org/x> <https://schema.org/name> "x" .'

    def done(path: Path, _source: str, _statements: int) -> None:
        if path == files[3]:  # another writer, while the ingest runs
            writer = threading.Thread(
                target=store.replace_graph_lines, args=(URIRef(other), [line])
            )
            writer.start()
            writer.join()

    try:
        report = ingest_files(files[:12], store, jobs=2, done=done)
        assert len(report.ingested) >= 10
        assert synced and max(synced) >= 1  # the other graph was read into the index
        assert link.claim_index(store).versions()[other] == store.graph_version(URIRef(other))  # type: ignore[union-attr]
        # the articles waiting for their group's write when the index re-read the store were
        # kept in it: every graph is indexed at the version the store holds
        stored = store.graph_versions()
        stored.pop(str(MATCHES_GRAPH))  # the match records: no claims
        assert link.claim_index(store).versions() == stored  # type: ignore[union-attr]
    finally:
        store.close()


def test_an_article_twice_in_one_ingest_is_written_again_after_its_group(
    corpus: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same file twice, the second time while the first still waits for its group's
    write: the second is a re-ingest, written alone once the first has landed, as with one
    writer (a group writes new graphs only, once each)."""
    files, _ = find_articles([corpus])
    twice = [*files[:6], files[4], *files[6:9]]
    one = _ingest(twice, tmp_path / "one", 1)
    write = EmbeddedStore.write_new_graphs

    def slow_write(self: EmbeddedStore, graphs: list[tuple[object, object]]) -> list[int]:
        time.sleep(DELAY)
        return write(self, graphs)  # type: ignore[arg-type]

    monkeypatch.setattr(EmbeddedStore, "write_new_graphs", slow_write)
    two = _ingest(twice, tmp_path / "two", 2)
    assert two == one and len(two) == len(twice)
    assert state(tmp_path / "two") == state(tmp_path / "one")
