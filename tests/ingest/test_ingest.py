"""`kg ingest`: articles in, machine-extracted graphs out; replace, override, bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef

from kg.build import build
from kg.cli import main
from kg.curation.agents import AgentIndex, load_agents
from kg.extract import extract_article, read_article
from kg.ids import AGENTS_GRAPH
from kg.ingest import extraction_to_bundle, ingest_paths
from kg.model import Stance
from kg.queries import load_query
from kg.rdf import to_triples
from kg.store import EmbeddedStore
from kg.validate import check_conforms

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_eae76bf788f95f59.txt"
ARTICLES = ROOT / "tests" / "data" / "extract"


def quads(store: EmbeddedStore) -> list[str]:
    return sorted(map(str, store._store))


@pytest.fixture(scope="module")
def seed_bundle():  # type: ignore[no-untyped-def]
    article = read_article(SEED)
    return extraction_to_bundle(extract_article(article), article, AgentIndex(load_agents()))


def test_extracted_seed_bundle_conforms_and_spans_match(seed_bundle) -> None:  # type: ignore[no-untyped-def]
    ds = Dataset()
    seed_bundle.add_to(ds)
    agents = ds.graph(AGENTS_GRAPH)
    for agent in load_agents():
        for triple in to_triples(agent):
            agents.add(triple)
    check_conforms(ds)
    text = seed_bundle.source.text
    for st in seed_bundle.statements:
        pos = st.span.position
        assert text[pos.start : pos.end] == st.span.quote.exact
        assert st.generated_by == seed_bundle.runs[0].id
        assert st.confidence is not None


def test_denials_take_their_stance_on_the_asserted_claims(seed_bundle) -> None:  # type: ignore[no-untyped-def]
    denials = [s for s in seed_bundle.statements if s.stance is Stance.denies]
    assert len(denials) == 2
    asserted = {c for s in seed_bundle.statements if s.stance is Stance.asserts for c in s.claims}
    for denial in denials:
        assert denial.responds_to
        assert set(denial.claims) <= asserted


def test_ingest_answers_who_denies_the_container_claim(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    report = ingest_paths([SEED], store)
    assert len(report.ingested) == 1 and not report.failed
    container = store.select(
        "SELECT ?c WHERE { ?c a cg:Claim ; schema:text ?t ."
        " FILTER CONTAINS(?t, '1.000 kontainer') }"
    ).column("c")
    assert len(container) == 1
    rows = store.select(load_query("deniers").text, {"claim": container[0]}).dicts()
    assert sorted(str(r["denierLabel"]) for r in rows) == [
        "Government of North Korea",
        "Government of Russia",
    ]
    store.close()


def test_reingest_replaces_and_never_duplicates(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    ingest_paths([SEED, ARTICLES], store)
    first = quads(store)
    report = ingest_paths([SEED, ARTICLES], store)
    assert len(report.ingested) == 1 + len(list(ARTICLES.glob("*.txt")))
    assert quads(store) == first
    store.close()


def test_curated_claim_file_overrides_extraction(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    ingest_paths([SEED], store)
    machine = store.select("SELECT ?s WHERE { ?s a cg:Extraction }").column("s")
    assert len(machine) == 1
    report = build(ROOT / "seeds", tmp_path / "exports", store)
    assert len(report.superseded) == 1
    assert store.select("SELECT ?s WHERE { ?s a cg:Extraction }").column("s") == []
    again = ingest_paths([SEED], store)
    assert again.ingested == []
    assert again.skipped == [(str(SEED), "a curated claim file covers this article")]
    store.close()


def test_machine_statements_carry_provenance(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    ingest_paths([ARTICLES / "en_politics_election.txt"], store)
    rows = store.select(
        "SELECT ?st ?run ?name ?conf WHERE { ?st prov:wasGeneratedBy ?run ; cg:confidence ?conf ."
        " ?run a cg:Extraction, prov:Activity ; cg:extractor ?name ; prov:used ?src }"
    ).dicts()
    assert rows
    assert all("extractor" in str(r["name"]) for r in rows)
    assert all(0 <= float(r["conf"]) <= 1 for r in rows)
    store.close()


def test_bad_files_are_reported_and_leave_the_store_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 100)
    (folder / "latin1.txt").write_bytes("Judul\n\nCaf\xe9 mengatakan".encode("latin-1"))
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    store_dir = tmp_path / "store"
    store = EmbeddedStore(store_dir)
    ingest_paths([ARTICLES / "id_ekonomi_inflasi.txt"], store)
    before = quads(store)
    store.close()

    result = CliRunner().invoke(main, ["ingest", str(folder), "--store", str(store_dir)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(errors) == 3
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("binary.txt" in e and "binary" in e for e in errors)
    assert any("latin1.txt" in e and "UTF-8" in e for e in errors)
    assert "skipped" in result.stderr and "notes.pdf" in result.stderr
    store = EmbeddedStore(store_dir)
    assert quads(store) == before
    store.close()


def test_good_files_are_ingested_beside_bad_ones_with_a_progress_bar(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(11):
        text = SEED.read_text(encoding="utf-8").replace("Banyu Uwir", f"Penulis {i}")
        (folder / f"{i:03}.txt").write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--store", str(tmp_path / "st")])
    assert result.exit_code == 2
    assert "ingesting" in result.stderr
    assert "ingested 11 article(s)" in result.stdout
    store = EmbeddedStore(tmp_path / "st")
    sources = store.select("SELECT DISTINCT ?s WHERE { ?s a schema:NewsArticle }").column("s")
    assert len(sources) == 11
    store.close()


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "st")]
    )
    assert result.exit_code == 2
    assert "nope.txt: no such file or folder" in result.stderr


def test_copied_article_in_a_folder_is_found(tmp_path: Path) -> None:
    folder = tmp_path / "nested" / "deeper"
    folder.mkdir(parents=True)
    shutil.copy(ARTICLES / "en_conflict_drone.txt", folder)
    store = EmbeddedStore()
    report = ingest_paths([tmp_path / "nested"], store)
    assert [Path(p).name for p, _, _ in report.ingested] == ["en_conflict_drone.txt"]
    assert isinstance(URIRef(report.ingested[0][1]), URIRef)
