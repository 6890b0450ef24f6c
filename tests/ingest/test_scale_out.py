"""Past one machine: `kg extract --format nquads`, `kg load`, `kg reindex`, `kg link` (and the
same on Dask) give the store `kg ingest` gives, quad for quad."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.ingest import find_articles, ingest_paths
from kg.ingest.cluster import dask_extract
from kg.store import EmbeddedStore
from kg.store.counts import VERSION
from kg.track.index import claim_index
from kg.track.link import sync_index
from kg.track.records import MATCHES_GRAPH

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_eae76bf788f95f59.txt"
ARTICLES = [SEED, ROOT / "tests" / "data" / "extract", ROOT / "tests" / "data" / "track"]
TIME = "http://www.w3.org/ns/prov#generatedAtTime"


def kg(*args: str | Path) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def state(path: Path) -> set[tuple[str, str, str, str]]:
    """Every quad of the store, summaries included, but for what differs by run: graph
    versions (random tokens) and the times match candidates were recorded."""
    store = EmbeddedStore(path, read_only=True)
    try:
        found = set()
        for q in store._store.quads_for_pattern(None, None, None, None):
            p = q.predicate.value
            if p == VERSION:
                continue
            o = "<time>" if p == TIME else str(q.object)
            found.add((str(q.subject), p, o, str(q.graph_name)))
        return found
    finally:
        store.close()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ingested") / "store"
    store = EmbeddedStore(path)
    report = ingest_paths(ARTICLES, store)
    store.close()
    assert len(report.ingested) == 9 and not report.failed
    return path


@pytest.fixture(scope="module")
def nquads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("extract") / "corpus.nq"
    result = CliRunner().invoke(main, ["extract", "--format", "nquads", *map(str, ARTICLES)])
    assert result.exit_code == 0, result.output
    out.write_bytes(result.stdout_bytes)
    return out


def test_the_articles_link_across_each_other(ingested: Path) -> None:
    """The comparison below means something: ingest linked claims across articles."""
    matches = [q for q in state(ingested) if q[3] == f"<{MATCHES_GRAPH}>"]
    assert any("confirmed" in q[2] for q in matches)


def test_extract_then_load_gives_the_store_ingest_gives(
    ingested: Path, nquads: Path, tmp_path: Path
) -> None:
    target = tmp_path / "store"
    out = kg("load", nquads, "--store", target)
    assert "linked 9 article(s)" in out
    assert state(target) == state(ingested)


def test_load_without_linking_then_reindex_and_link(
    ingested: Path, nquads: Path, tmp_path: Path
) -> None:
    target = tmp_path / "store"
    kg("load", nquads, "--store", target, "--no-link")
    assert state(target) != state(ingested)
    store = EmbeddedStore(target)
    index = claim_index(store)
    assert index is not None and len(index.pending()) == 10  # the articles, the registry
    sync_index(store)  # an ingest's sync leaves the waiting articles out of the candidates
    assert index.empty()
    store.close()
    kg("reindex", "--store", target)
    assert "linked 9 article(s)" in kg("link", "--store", target)
    assert state(target) == state(ingested)
    assert "linked 0 article(s)" in kg("link", "--store", target)  # nothing waits any more
    assert state(target) == state(ingested)
    kg("check", "--store", target)  # exits 0: a consistent store


def test_a_graph_written_before_a_crash_is_not_linked_again(nquads: Path, tmp_path: Path) -> None:
    target = tmp_path / "store"
    kg("load", nquads, "--store", target, "--no-link")
    store = EmbeddedStore(target)
    index = claim_index(store)
    assert index is not None
    first, _ = index.pending()[0]
    # the pass had recorded the version before writing, and the write went through
    index.add_pending([(first, "the version before the write")])
    store.close()
    assert "linked 8 article(s)" in kg("link", "--store", target)


def test_load_refuses_a_store_that_holds_quads(ingested: Path, nquads: Path) -> None:
    result = CliRunner().invoke(main, ["load", str(nquads), "--store", str(ingested)])
    assert result.exit_code != 0
    assert "needs an empty store" in result.output


def test_dask_recipe_on_a_local_cluster(ingested: Path, nquads: Path, tmp_path: Path) -> None:
    from dask.distributed import Client, LocalCluster

    files, _ = find_articles(ARTICLES)
    broken = tmp_path / "broken.html"
    broken.write_bytes(b"\xff\xfe not utf-8 \x00")
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster,
        Client(cluster),
    ):
        failed = dask_extract([*files, broken], tmp_path / "out", partitions=3)
    assert len(failed) == 1 and failed[0].startswith(str(broken))
    corpus = tmp_path / "corpus.nq"
    parts = sorted((tmp_path / "out").glob("*.nq"))
    corpus.write_bytes(b"".join(p.read_bytes() for p in parts))
    extracted = set(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    assert set(ox.parse(path=str(corpus), format=ox.RdfFormat.N_QUADS)) == extracted
    kg("load", corpus, "--store", tmp_path / "store")
    assert state(tmp_path / "store") == state(ingested)


def test_export_nquads_gives_back_the_named_graphs(ingested: Path, tmp_path: Path) -> None:
    kg("export", "nquads", "--out", tmp_path, "--store", ingested)
    kg("load", tmp_path / "graph.nq", "--store", tmp_path / "store", "--no-link")
    named = {q for q in state(ingested) if q[3] != "DEFAULT"}
    assert {q for q in state(tmp_path / "store") if q[3] != "DEFAULT"} == named
