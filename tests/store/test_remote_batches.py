"""`kg ingest --batch-size N` on a SPARQL server: N new articles in one update request, all of
them visible once it is acknowledged or none, and the store batch size 1 gives, quad for quad
(issue 19). Run against the Oxigraph server and Virtuoso (tests/servers.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import kg.store.remote as remote_module
from kg.cli import main
from kg.errors import KgError
from kg.ingest import find_articles, ingest_files
from kg.integrity import check_store
from kg.store import RemoteStore
from kg.store.writes import STATS_GRAPH, WRITING
from tests.articles import seed_shaped
from tests.conftest import ROOT, SEED_ARTICLE
from tests.servers import Server
from tests.store.conftest import _empty

SERVERS = ["oxigraph-server", "virtuoso"]
TIME = "http://www.w3.org/ns/prov#generatedAtTime"
SOURCES = "SELECT ?s WHERE { ?s a <https://schema.org/NewsArticle> }"


@pytest.fixture(params=SERVERS)
def server_store(request: pytest.FixtureRequest) -> Iterator[RemoteStore]:
    """An empty store on each server."""
    server: Server = request.getfixturevalue(
        "oxigraph" if request.param == "oxigraph-server" else "virtuoso"
    )
    store = RemoteStore(server.query_url)
    _empty(store)
    yield store
    _empty(store)
    store.close()


def corpus(folder: Path) -> list[Path]:
    """The seed and the track and extraction test articles, each also as a copy under another
    URL and date written right after it (the copy's claims link to the original's, in the same
    batch)."""
    folder.mkdir()
    data = ROOT / "tests" / "data"
    files, _ = find_articles([SEED_ARTICLE, data / "track", data / "extract"])
    paths = []
    for i, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        original = folder / f"{i:02d}-0-{path.name}"
        original.write_text(text, encoding="utf-8")
        copy = folder / f"{i:02d}-1-{path.name}"
        front = f"---\nurl: https://copies.example.org/{i}\ndate: 2024-03-1{i % 9}\n---\n"
        copy.write_text(front + body, encoding="utf-8")
        paths += [original, copy]
    return paths


def quads(store: RemoteStore) -> set[tuple[str, ...]]:
    """claimgraph's quads on the server, summaries included, but for the times match
    candidates were recorded."""
    graphs = " ".join(f"<{g}>" for g in [*store.graphs(), STATS_GRAPH])
    rows = store.select(
        f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    return {(str(g), str(s), str(p), "<time>" if str(p) == TIME else str(o)) for g, s, p, o in rows}


def sources(store: RemoteStore) -> set[str]:
    return {str(row[0]) for row in store.select(SOURCES)}


def requests(store: RemoteStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The update requests ``store`` sends from now on (sent as ever, and listed)."""
    sent: list[str] = []
    real = store._post

    def post(url: str, data: dict[str, str], *args: Any, **kwargs: Any) -> Any:
        if "update" in data:
            sent.append(data["update"])
        return real(url, data, *args, **kwargs)

    monkeypatch.setattr(store, "_post", post)
    return sent


def test_a_batch_of_five_goes_in_one_request_and_shows_whole(
    server_store: RemoteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = server_store
    paths = seed_shaped(tmp_path / "articles", 5)
    sent = requests(store, monkeypatch)
    seen_before: list[int] = []  # articles on the server as each one is about to be linked
    seen_at_report: list[int] = []  # and as each is reported written

    def progress(_path: Path) -> None:
        seen_before.append(len(sources(store)))

    def done(_path: Path, _source: str, _n: int) -> None:
        seen_at_report.append(len(sources(store)))

    report = ingest_files(paths, store, progress=progress, done=done, batch_size=5)
    assert len(report.ingested) == 5 and not report.failed
    batches = [t for t in sent if "Write a batch of new named graphs" in t]
    assert len(batches) == 1  # the five articles (and the match candidates) in one request
    assert len(sent) == 2  # that, and the agents' registry written first
    assert seen_before == [0, 0, 0, 0, 0]  # nothing visible before the batch went
    assert seen_at_report == [5, 5, 5, 5, 5]  # reported once acknowledged: all five there
    assert sources(store) == {s for _p, s, _n in report.ingested}
    assert check_store(store, shacl=False) == []


def test_a_batch_whose_last_operation_fails_leaves_none_of_it(
    server_store: RemoteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last operation of the batch's request fails when the server reaches it (DROP GRAPH
    of a graph that does not exist: the Oxigraph server refuses it while running the request,
    Virtuoso after it ran the operations before it): the Oxigraph server rolls the request
    back; Virtuoso commits what ran before it, and the client undoes that."""
    store = server_store
    paths = seed_shaped(tmp_path / "articles", 6)
    first = ingest_files(paths[:1], store)
    before = quads(store)
    real = remote_module.batch_update

    def failing(*args: object, **kwargs: object) -> str:
        return real(*args, **kwargs) + " ;\nDROP GRAPH <urn:x-test:no-such-graph>"  # type: ignore[arg-type]

    monkeypatch.setattr(remote_module, "batch_update", failing)
    reported: list[str] = []
    with pytest.raises(KgError, match="HTTP"):
        ingest_files(paths[1:], store, done=lambda _p, s, _n: reported.append(s), batch_size=5)
    assert reported == []
    assert sources(store) == {s for _p, s, _n in first.ingested}
    assert quads(store) == before  # no graph, count, date, candidate nor mark left
    assert not store.ask(f"ASK {{ GRAPH <{STATS_GRAPH}> {{ ?g <{WRITING}> ?x }} }}")
    monkeypatch.setattr(remote_module, "batch_update", real)
    again = ingest_files(paths, store, batch_size=5)
    assert len(again.ingested) == 6
    assert check_store(store, shacl=False) == []


def test_batches_give_the_store_batch_size_one_gives(
    server_store: RemoteStore, tmp_path: Path
) -> None:
    store = server_store
    paths = corpus(tmp_path / "corpus")
    one = ingest_files(paths, store, batch_size=1)
    assert len(one.ingested) == len(paths) >= 8 and not one.failed
    written = quads(store)
    assert any(q[0].endswith("/graph/matches") for q in written)  # the copies linked
    assert len(written) > 2000
    _empty(store)
    five = ingest_files(paths, store, batch_size=5)
    assert [(p, s) for p, s, _n in five.ingested] == [(p, s) for p, s, _n in one.ingested]
    assert quads(store) == written


@pytest.mark.parametrize("size", ["0", "-3"])
def test_the_batch_size_must_be_a_positive_number(tmp_path: Path, size: str) -> None:
    store = tmp_path / "store"
    result = CliRunner().invoke(
        main, ["ingest", str(SEED_ARTICLE), "--store", str(store), "--batch-size", size]
    )
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [
        f"kg: error: --batch-size: {size} is not a positive number of articles"
    ]
    assert not store.exists()
