"""The bulk load's single pass gives the summaries and text index the queries would give."""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal

from kg.errors import StoreError
from kg.queries.run import run_canned
from kg.store import EmbeddedStore, bulk
from kg.store.bulk import split_ranges
from kg.store.bulk_sums import SpilledSums
from kg.store.counts import VERSION, Part, graph_facts, summary_lines
from kg.store.writes import stats_all_update
from tests.indexes import graph_docs, indexed_docs

ROOT = Path(__file__).resolve().parents[2]
_CLAIM_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?c a cg:Claim } }"


def _synth(target: int, out: Path) -> None:
    """The benchmark's synthetic corpus (bench/synth.py), shaped like the real data."""
    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write(target, out)


def _written(path: Path, tmp: Path) -> EmbeddedStore:
    """The same data written graph by graph through the transactional path (the summaries kept
    by difference, the text index from ``search-docs.rq``)."""
    ds = Dataset()
    ds.parse(str(path), format="nquads" if path.suffix == ".nq" else "trig")
    store = EmbeddedStore(tmp / "written")
    store.replace_graphs(ds)
    return store


def _counted_by_sparql(path: Path, tmp: Path) -> EmbeddedStore:
    """The same file loaded by Oxigraph alone, then the counts computed by ``stats-all.ru``
    (the remote stores' path)."""
    store = EmbeddedStore(tmp / "sparql")
    store._store.bulk_load(path=str(path))
    store._update(stats_all_update(), "the summaries")
    return store


def _summaries(store: EmbeddedStore) -> set[str]:
    """The summary triples but the graph versions (new tokens on every load)."""
    return {
        str(q)
        for q in store._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        if q.predicate.value != VERSION
    }


def _same_as_queries(path: Path, tmp: Path) -> EmbeddedStore:
    loaded = EmbeddedStore(tmp / "bulk")
    loaded.bulk_load(path)
    written = _written(path, tmp)
    assert len(loaded) == len(written) > 0
    assert _summaries(loaded) == _summaries(written)
    assert indexed_docs(loaded) == graph_docs(written) == indexed_docs(written)
    claim_graphs = {str(g) for (g,) in written.select(_CLAIM_GRAPHS)}
    assert claim_graphs and claim_graphs <= set(loaded.graph_versions())
    sparql = _counted_by_sparql(path, tmp)
    pairs = "https://w3id.org/claimgraph/ns/stats#pairCount"
    assert {t for t in _summaries(loaded) if pairs not in t} == _summaries(sparql)
    for store in (written, sparql):
        store.close()
    return loaded


def test_reindex_gives_what_the_writes_gave(dataset: Dataset, tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graphs(dataset)
    summaries, docs = _summaries(store), indexed_docs(store)
    store._store.update("DROP DEFAULT")
    store.index.rebuild([])
    store.reindex()
    assert _summaries(store) == summaries and indexed_docs(store) == docs
    assert set(store.graph_versions()) == {str(g) for g in store.graphs()}


def test_seed_summaries_match_the_queries(dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "seed.nq"
    path.write_bytes(dataset.serialize(format="nquads", encoding="utf-8"))
    store = _same_as_queries(path, tmp_path)
    washington = run_canned(store, "claims-by", {"agent": Literal("washington")}, timeout=None)
    assert len(list(washington)) >= 1
    assert store.search("kontainer")


def test_synthetic_corpus_in_many_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "BLOCK", 64 << 10)  # many blocks, loaded by both threads
    path = tmp_path / "synth.nq"
    _synth(20_000, path)
    store = _same_as_queries(path, tmp_path)
    denials = list(run_canned(store, "denials", {}, timeout=None))
    assert denials


def test_unusual_lines_take_the_parser(tmp_path: Path) -> None:
    """Tabs, blank nodes, escapes and comments are parsed, not split by hand."""
    cg, prov = "https://w3id.org/claimgraph/ns#", "http://www.w3.org/ns/prov#"
    skos = "http://www.w3.org/2004/02/skos/core#"
    g = "<urn:x-test:g>"
    lines = [
        "# a comment line",
        f"<urn:x-test:st>\t<{cg}claim>\t<urn:x-test:c> {g} .",
        f"<urn:x-test:st> <{cg}stance>  <{cg}asserts> {g} .",
        f"<urn:x-test:st> <{prov}wasAttributedTo> _:who {g} .",
        f"<urn:x-test:st> <{prov}wasDerivedFrom> <urn:x-test:src> {g} .",
        f'_:who <{skos}prefLabel> "Esther \\"Sri\\" Astuti"@id {g} .',
        f"<urn:x-test:c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{cg}Claim> {g} .",
        f'<urn:x-test:c> <https://schema.org/text> "Caf\\u00E9 klaim"@id {g} .',
    ]
    path = tmp_path / "odd.nq"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = EmbeddedStore(tmp_path / "bulk")
    store.bulk_load(path)
    assert [h.iri for h in store.search("café")] == ["urn:x-test:c"]
    assert store.search("esther")
    counts = store.select(
        "SELECT ?n WHERE { <urn:x-test:c> <https://w3id.org/claimgraph/ns/stats#statements> ?n }"
    )
    assert [int(r[0]) for r in counts] == [1]


def test_trig_is_loaded_whole(dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "seed.trig"
    path.write_bytes(dataset.serialize(format="trig", encoding="utf-8"))
    _same_as_queries(path, tmp_path)


def test_a_bad_line_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.nq"
    path.write_text("<urn:s> <urn:p> <urn:o> <urn:g> .\n<urn:s> <urn:p> oops .\n", "utf-8")
    store = EmbeddedStore(tmp_path / "bulk")
    with pytest.raises(StoreError, match=r"bad\.nq"):
        store.bulk_load(path)


@pytest.mark.parametrize(
    "bad",
    ["<urn:s> <urn:p> oops <urn:g> .", '<urn:s> <https://schema.org/text> "open <urn:g> .'],
    ids=["loader", "pass"],
)
def test_a_bad_line_in_a_later_block_names_its_line_in_the_file(
    bad: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line in the file, not in the block the loader or the pass parsed (both read it)."""
    monkeypatch.setattr(bulk, "BLOCK", 1000)
    lines = [f'<urn:s{i}> <https://schema.org/text> "t{i}" <urn:g{i % 3}> .' for i in range(60)]
    lines.insert(50, bad)
    path = tmp_path / "bad.nq"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    store = EmbeddedStore(tmp_path / "bulk")
    with pytest.raises(StoreError, match=r"bad\.nq: cannot load: line 51, column \d+: ") as e:
        store.bulk_load(path)
    # the blocks before it (nearly always) went in: a bulk load is not a transaction
    assert ("the store holds part of the file" in str(e.value)) == (len(store) > 0)


def test_ranges_cut_after_newlines(tmp_path: Path) -> None:
    path = tmp_path / "lines.nq"
    path.write_bytes(b"".join(b"line %d\n" % i for i in range(1000)))
    data = path.read_bytes()
    ranges = split_ranges(path, 7)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    assert all(data[end - 1 : end] == b"\n" for _, end in ranges)


def test_a_store_without_label_keys_gets_them_on_opening(dataset: Dataset, tmp_path: Path) -> None:
    """A store written before the label keys existed is given them when opened for writing."""
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graphs(dataset)
    key = ox.NamedNode("https://w3id.org/claimgraph/ns/stats#key")
    before = _summaries(store)
    store._store.update("DELETE WHERE { ?s <https://w3id.org/claimgraph/ns/stats#key> ?k }")
    assert not list(run_canned(store, "claims-by", {"agent": Literal("washington")}, limit=None))
    store.close()
    reopened = EmbeddedStore(tmp_path / "store")
    assert list(reopened._store.quads_for_pattern(None, key, None, ox.DefaultGraph()))
    assert _summaries(reopened) == before
    assert list(run_canned(reopened, "claims-by", {"agent": Literal("washington")}, limit=None))


def test_sums_spilled_to_sqlite_match_the_sums_in_memory(tmp_path: Path) -> None:
    """The bulk load sums the graphs' counts in a SQLite file (several small batches here);
    the lines are those ``summary_lines`` gives from the same graphs in memory."""
    path = tmp_path / "synth.nq"
    _synth(20_000, path)
    plain = ox.Store()
    plain.bulk_load(path=str(path))
    graphs = [g.value for g in plain.named_graphs()]
    assert len(graphs) > 10
    parts = [Part.of(graph_facts(plain, g)) for g in graphs]
    sums = SpilledSums(tmp_path / "sums.sqlite")
    sums.BATCH = 100  # many batches
    for part in parts:
        sums.add(part)
    spilled = list(sums.lines())
    sums.close()
    in_memory = list(summary_lines(parts))
    assert len(spilled) == len(set(spilled)) == len(in_memory) > 1000
    assert set(spilled) == set(in_memory)
