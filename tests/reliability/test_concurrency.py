"""Many readers while one writes (issue 18): readers and other writers go through the process
that owns the store (:mod:`kg.store.owner`), and take over when it ends or is killed.

Articles are the kill test's copies of the seed and the test articles with distinct bylines
(:func:`tests.reliability.test_kill.write_articles`), whose whole statement count is known.
Readers run in other processes (:data:`READER`): each answer must show only whole articles, a
set of articles that never shrinks (each reader sees the store at later and later article
boundaries), and summaries that agree with the graphs read in the same query; a search hit
must name a text the graphs hold. Every failure a reader meets is reported and fails the test.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kg.ids import AGENTS_GRAPH
from kg.integrity import check_store
from kg.store import SharedStore, open_store
from kg.store.embedded import EmbeddedStore
from kg.store.wire import read as read_owner
from tests.reliability.test_kill import WHOLE, write_articles
from tests.servers import free_port

#: Every article graph's statements, spans and sources; and the claims' summary statement
#: counts summed next to the (statement, claim) pairs they count, in one query (one snapshot).
READER = r"""
import json, sys, time
from pathlib import Path
from kg.errors import KgError
from kg.store import open_store

store_dir, mode, stop = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
WHOLE, pause = sys.argv[4], float(sys.argv[5])
SUMS = '''PREFIX cgs: <https://w3id.org/claimgraph/ns/stats#>
SELECT ?summed ?counted WHERE {
  { SELECT (SUM(?n) AS ?summed) WHERE { ?c cgs:assertions ?a ; cgs:statements ?n } }
  { SELECT (COUNT(*) AS ?counted) WHERE { SELECT DISTINCT ?st ?c WHERE { GRAPH ?g {
      ?st cg:claim ?c ; cg:stance ?x ; prov:wasAttributedTo ?w ; prov:wasDerivedFrom ?s } } } }
}'''
while not stop.exists():
    out = {"t": time.time()}
    try:
        store = open_store(store_dir)  # as a `kg query` would: owner here, or through it
        try:
            if mode == "query":
                rows = store.select(WHOLE)
                out["graphs"] = {str(g): [int(a), int(b), int(c)] for g, a, b, c in rows}
                summed, counted = store.select(SUMS).rows[0]
                out["sums"] = [int(summed or 0), int(counted or 0)]
            else:
                hits = store.search("kontainer", limit=200, kinds=["quote"])
                iris = sorted({h.iri for h in hits})
                held = store.select(
                    "SELECT ?st WHERE { GRAPH ?g { ?st cg:span ?x } }", {"st": tuple(
                    __import__("rdflib").URIRef(i) for i in iris)}) if iris else None
                out["hits"] = len(iris)
                out["held"] = 0 if held is None else len(set(held.column("st")))
        finally:
            store.close()
    except KgError as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
    print(json.dumps(out), flush=True)
    time.sleep(pause)
"""


def start_reader(
    store_dir: Path, mode: str, stop: Path, pause: float = 0.0
) -> subprocess.Popen[str]:
    """A reader process: opens the store, asks, closes, ``pause`` s, again until ``stop``."""
    return subprocess.Popen(
        [sys.executable, "-c", READER, str(store_dir), mode, str(stop), WHOLE, str(pause)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def reader_answers(proc: subprocess.Popen[str]) -> list[dict]:  # type: ignore[type-arg]
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-2000:]
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def check_answers(answers: list[dict], expected: dict[str, int]) -> int:  # type: ignore[type-arg]
    """Every answer whole and at an article boundary; the articles seen never fewer than
    before. Returns how many answers were read."""
    errors = [a["error"] for a in answers if "error" in a]
    assert errors == [], errors[:5]
    seen: set[str] = set()
    hits = 0
    for answer in answers:
        if "graphs" in answer:
            articles = {g: v for g, v in answer["graphs"].items() if g != str(AGENTS_GRAPH)}
            for graph, (statements, spans, sources) in articles.items():
                assert statements == expected[graph] == spans and sources == 1, (graph, answer)
            assert seen <= set(articles), "an article seen earlier was gone"
            seen = set(articles)
            summed, counted = answer["sums"]
            assert summed == counted, f"summaries {summed} != graphs {counted}"
        else:
            assert answer["held"] == answer["hits"], answer  # no hit the graphs do not hold
            assert answer["hits"] >= hits, "fewer search hits than before"
            hits = answer["hits"]
    return len(answers)


def ingest(folder: Path, store_dir: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "ingest", "-v", str(folder), "--store", str(store_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, **env},
    )


def serve(store_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store_dir), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=5).status_code:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("kg serve did not start")


COUNT_GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s a cg:Statement } }"


def served_count(base: str) -> int:
    response = httpx.get(
        f"{base}/sparql",
        params={"query": COUNT_GRAPHS},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text[:300]
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def stored_articles(store_dir: Path, expected: dict[str, int]) -> set[str]:
    """The article graphs in the store, each checked whole."""
    store = open_store(store_dir)
    try:
        rows = store.select(WHOLE)
    finally:
        store.close()
    found = {str(g): (int(a), int(b), int(c)) for g, a, b, c in rows}
    found.pop(str(AGENTS_GRAPH), None)
    for graph, (statements, spans, sources) in found.items():
        assert statements == expected[graph] == spans and sources == 1, graph
    return set(found)


def reported(lines: str) -> set[str]:
    """The article graphs `kg ingest -v` said it wrote."""
    from kg.ids import graph_iri

    out = set()
    for line in lines.splitlines():
        if line.startswith("ingested ") and " -> " in line:
            source = line.split(" -> ")[1].split(" (")[0].rsplit("/", 1)[1]
            out.add(str(graph_iri(source)))
    return out


@pytest.mark.server
def test_readers_serve_and_search_while_300_articles_are_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    expected = write_articles(folder, 300)
    store_dir, stop = tmp_path / "store", tmp_path / "stop"
    writer = ingest(folder, store_dir)
    assert writer.stdout is not None
    writer.stdout.readline()  # the store is open and the first article written
    readers = [start_reader(store_dir, m, stop) for m in ("query", "query", "search")]
    server, base = serve(store_dir)
    served = []
    try:
        while writer.poll() is None:
            served.append(served_count(base))  # every page answered, never fewer articles
            time.sleep(0.3)
        _, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err[-2000:]
        deadline = time.monotonic() + 30  # answers may trail the last write (--stale)
        while served_count(base) < len(expected) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert served_count(base) == len(expected)  # the server took the store over
        stop.touch()
        counts = [check_answers(reader_answers(r), expected) for r in readers]
    finally:
        stop.touch()
        server.terminate()
        server.wait(timeout=60)
    assert served == sorted(served) and len(served) >= 5, served
    assert min(counts) >= 5, counts  # the readers answered all along
    assert stored_articles(store_dir, expected) == set(expected)
    result = subprocess.run(
        [sys.executable, "-m", "kg", "check", "--store", str(store_dir)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-1000:] + result.stderr[-1000:]


@pytest.mark.server
def test_ingest_while_kg_serve_runs_shows_on_the_pages(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    expected = write_articles(folder, 6)
    store_dir = tmp_path / "store"
    server, base = serve(store_dir)  # kg serve owns the store
    try:
        assert served_count(base) == 0
        writer = ingest(folder, store_dir)
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err[-2000:]
        assert reported(out) == set(expected)
        deadline = time.monotonic() + 5
        while served_count(base) < len(expected) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert served_count(base) == len(expected)
        page = httpx.get(f"{base}/search", params={"q": "kontainer"}, timeout=60)
        assert page.status_code == 200 and "kontainer" in page.text.lower()
        assert server.poll() is None  # still serving, still the owner
        assert read_owner(store_dir) is not None and read_owner(store_dir).pid == server.pid  # type: ignore[union-attr]
    finally:
        server.terminate()
        server.wait(timeout=60)
    assert stored_articles(store_dir, expected) == set(expected)


def test_two_writers_both_land(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    # the first writer has far more to write than the second, so that it is still writing when
    # the second ends even on a fast machine (40 articles were not enough once writes got faster)
    expected = write_articles(one, 244)
    for path in sorted(one.glob("*.txt"))[240:]:
        path.rename(two / path.name)
    store_dir = tmp_path / "store"
    first = ingest(one, store_dir)
    assert first.stdout is not None
    first.stdout.readline()  # the first owns the store
    second = ingest(two, store_dir)
    _, err2 = second.communicate(timeout=300)
    overlapped = first.poll() is None
    _, err1 = first.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, err1[-1000:] + err2[-1000:]
    assert overlapped, "the first writer ended before the second: the test proved nothing"
    assert stored_articles(store_dir, expected) == set(expected)


def test_a_writer_waits_for_a_holder_that_does_not_share_then_writes(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    expected = write_articles(folder, 2)
    store_dir = tmp_path / "store"
    holder = EmbeddedStore(store_dir, publish=False)  # as kg backup / kg restore hold it
    try:
        writer = ingest(folder, store_dir, KG_STORE_WAIT="1")
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 5, err
        assert "waiting for" in err and "holds the store" in err, err
        assert holder.graphs() == []  # nothing written
        writer = ingest(folder, store_dir, KG_STORE_WAIT="60")
        assert writer.stderr is not None
        assert "waiting for" in writer.stderr.readline()  # it waits ...
    finally:
        holder.close()  # ... and goes on once the holder lets go
    _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    assert stored_articles(store_dir, expected) == set(expected)


def test_sigkill_of_the_writer_readers_fail_over(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    expected = write_articles(folder, 60)
    store_dir, stop = tmp_path / "store", tmp_path / "stop"
    rng = random.Random(20261130)
    # (readers pause between answers, leaving the store unowned at times: most writers
    # started then own it, and are killed as its owner)
    readers = [start_reader(store_dir, m, stop, 0.3) for m in ("query", "search")]
    killed_owner = 0
    written: set[str] = set()
    try:
        for _round in range(20):
            writer = ingest(folder, store_dir)
            assert writer.stdout is not None
            lines = []
            for _ in range(rng.randint(1, 6)):
                line = writer.stdout.readline()
                if not line:
                    break
                lines.append(line)
            time.sleep(rng.uniform(0, 0.3))
            owner = read_owner(store_dir)
            killed_owner += owner is not None and owner.pid == writer.pid
            os.killpg(writer.pid, signal.SIGKILL)
            rest, _ = writer.communicate()
            written |= reported("".join(lines) + rest)
            found = stored_articles(store_dir, expected)  # through the new owner
            assert written <= found and len(found - written) <= 1, (len(written), len(found))
            written = found  # (one written but not yet reported when the kill came)
        stop.touch()
        for reader in readers:
            assert check_answers(reader_answers(reader), expected) >= 5
    finally:
        stop.touch()
        for reader in readers:
            if reader.poll() is None:
                reader.kill()
    assert killed_owner >= 1, "no kill hit the store's owner; the test proved nothing"
    writer = ingest(folder, store_dir)
    _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err[-1000:]
    assert stored_articles(store_dir, expected) == set(expected)


def test_check_through_the_owner_compares_its_text_index(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    expected = write_articles(folder, 2)
    store_dir = tmp_path / "store"
    writer = ingest(folder, store_dir)
    _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    holder = EmbeddedStore(store_dir)  # owns the store, as a running kg serve would
    shared = SharedStore(store_dir)
    try:
        assert check_store(shared, shacl=False) == []
        graph = sorted(expected)[0]
        holder.index.drop(graph)  # the owner's text index loses one article's texts
        holder.index.commit()
        problems = check_store(shared, shacl=False)
        assert [p.focus for p in problems] == [graph], problems
    finally:
        shared.close()
        holder.close()


def test_backup_and_reindex_while_kg_serve_owns_the_store(tmp_path: Path) -> None:
    """A desk backs up nightly and reindexes without stopping its server: the owner does both
    between two of its writes; the backup restores to the same articles."""
    folder = tmp_path / "articles"
    folder.mkdir()
    expected = write_articles(folder, 3)
    store_dir = tmp_path / "store"
    writer = ingest(folder, store_dir)
    _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    server, base = serve(store_dir)
    try:
        env = {**os.environ, "KG_STORE_WAIT": "5"}
        dest = tmp_path / "nightly"
        done = subprocess.run(
            [sys.executable, "-m", "kg", "backup", str(dest), "--store", str(store_dir)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        again = subprocess.run(
            [sys.executable, "-m", "kg", "reindex", "--store", str(store_dir)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert again.returncode == 0, again.stderr
        assert "by the store's owner" in again.stdout
        assert served_count(base) == len(expected)  # still serving, nothing lost
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=60)
    restored = tmp_path / "restored"
    back = subprocess.run(
        [sys.executable, "-m", "kg", "restore", str(dest), "--store", str(restored)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert back.returncode == 0, back.stderr
    assert stored_articles(restored, expected) == set(expected)
