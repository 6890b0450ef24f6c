"""End to end: two articles (Indonesian, English) carrying one claim share one claim IRI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.curation.seeds import Corpus
from kg.ingest import ingest_paths
from kg.namespace import CG, PROV, RDF, SDO, SKOS
from kg.queries import load_query
from kg.store import EmbeddedStore
from kg.store.base import Triples
from kg.track.curate import merge, split
from kg.track.link import INGEST_CURATOR
from kg.track.match import Kind
from kg.track.records import MATCHES_GRAPH, curator_iri, load_candidates
from kg.track.timeline import claim_ref, timeline
from kg.validate import check_conforms

DATA = Path(__file__).resolve().parents[1] / "data" / "track"
ID_ARTICLE = DATA / "id_kontainer.txt"
EN_ARTICLE = DATA / "en_containers.txt"


def dump(store: EmbeddedStore) -> Dataset:
    ds = Dataset()
    query = load_query("track-matches-graph").text
    for graph in store.graphs():
        answer = store.execute(query, {"graph": graph})
        assert isinstance(answer, Triples)
        target = ds.graph(graph)
        for triple in answer:
            target.add(triple)
    return ds


def asserted_claims(store: EmbeddedStore, source: str) -> set[str]:
    rows = store.select(load_query("view-statements").text).dicts()
    return {
        str(r["claim"])
        for r in rows
        if str(r["source"]) == source and str(r["stance"]).endswith("asserts")
    }


@pytest.fixture
def linked() -> tuple[EmbeddedStore, str, str]:
    store = EmbeddedStore()
    report = ingest_paths([ID_ARTICLE], store)
    report2 = ingest_paths([EN_ARTICLE], store)
    assert not report.failed and not report2.failed
    return store, report.ingested[0][1], report2.ingested[0][1]


def test_two_articles_share_one_claim_with_two_appearances(linked) -> None:  # type: ignore[no-untyped-def]
    store, id_source, en_source = linked
    shared = asserted_claims(store, id_source) & asserted_claims(store, en_source)
    assert len(shared) == 1
    claim = URIRef(shared.pop())
    tl = timeline(store, claim)
    assert tl.sources == sorted(tl.sources) or len(tl.sources) == 2
    assert set(tl.sources) == {id_source, en_source}
    assert tl.independent == 2
    assert tl.status == "disputed"
    asserters = {a.claimant_label for a in tl.by_stance("asserts")}
    assert asserters == {"United States government"}
    deniers = {a.claimant_label for a in tl.by_stance("denies")}
    assert deniers == {"Government of Russia", "Government of North Korea"}
    # Both assertions were made "last Friday" / "pada hari Jumat": 13 October 2023.
    assert [a.day for a in tl.by_stance("asserts")] == [dt.date(2023, 10, 13)] * 2
    assert tl.first is not None and tl.first.day == dt.date(2023, 10, 13)


def test_the_claim_gains_the_second_language_and_agents(linked) -> None:  # type: ignore[no-untyped-def]
    store, _, _ = linked
    ds = dump(store)
    check_conforms(ds)  # source graphs, matches graph and agents together
    union = ds.graph(URIRef("urn:x-union"))
    for g in ds.graphs():
        for t in g:
            union.add(t)
    texts = {
        (str(s), o.language)
        for s, o in union.subject_objects(SDO.text)
        if isinstance(o, Literal) and "/claim/" in str(s)
    }
    langs: dict[str, set[str | None]] = {}
    for s, lang in texts:
        langs.setdefault(s, set()).add(lang)
    assert {"id", "en"} in langs.values()


def test_ingest_link_is_recorded_and_reingest_is_idempotent(linked) -> None:  # type: ignore[no-untyped-def]
    store, id_source, en_source = linked
    cands = list(load_candidates(store).values())
    assert len(cands) == 1
    cand = cands[0]
    assert (cand.status, cand.kind, cand.decided_by) == ("confirmed", Kind.exact, INGEST_CURATOR)
    before = len(store)
    ingest_paths([EN_ARTICLE], store)
    assert len(store) == before
    assert asserted_claims(store, id_source) & asserted_claims(store, en_source)


def test_an_ingest_link_carries_its_decision_on_the_candidate(linked) -> None:  # type: ignore[no-untyped-def]
    """kg ingest decides a link as it makes it: the candidate is attributed to kg ingest and
    has no MatchDecision node of its own (9 triples a link, not 14), and conforms."""
    store, _id_source, _en_source = linked
    matches = dump(store).graph(MATCHES_GRAPH)
    cand = next(iter(load_candidates(store).values()))
    assert not set(matches.subjects(RDF.type, CG.MatchDecision))
    assert len(set(matches.triples((cand.iri, None, None)))) == 8  # and one SKOS triple
    assert (cand.iri, PROV.wasAttributedTo, curator_iri(INGEST_CURATOR)) in matches
    assert [(d.status, d.kind, d.by, d.at) for d in cand.decisions] == [
        ("confirmed", Kind.exact, INGEST_CURATOR, cand.created)
    ]
    check_conforms(matches, "matches")
    split(store, URIRef(cand.a), URIRef(cand.b), "Ana")  # a second decision: both as nodes
    again = load_candidates(store)[cand.iri]
    assert [(d.status, d.by) for d in again.decisions] == [
        ("confirmed", INGEST_CURATOR),
        ("rejected", "Ana"),
    ]
    matches = dump(store).graph(MATCHES_GRAPH)
    assert len(set(matches.subjects(RDF.type, CG.MatchDecision))) == 2
    check_conforms(matches, "matches")


def test_a_split_ingest_link_is_not_made_again(linked) -> None:  # type: ignore[no-untyped-def]
    store, id_source, en_source = linked
    cand = next(iter(load_candidates(store).values()))
    split(store, URIRef(cand.a), URIRef(cand.b), "Ana")
    ingest_paths([EN_ARTICLE], store)
    assert not asserted_claims(store, id_source) & asserted_claims(store, en_source)
    assert load_candidates(store)[cand.iri].status == "rejected"


def test_merge_and_split_are_recorded_and_reversible() -> None:
    store = EmbeddedStore()
    ingest_paths([ID_ARTICLE], store)
    a = next(iter(asserted_claims(store, _sources(store)[0])))
    # A second, unlinked claim: the analysts' forecast in the same article.
    others = sorted(
        {str(r["claim"]) for r in store.select(load_query("view-statements").text).dicts()} - {a}
    )
    b = others[0]
    A, B = URIRef(a), URIRef(b)
    before = {g: len(dump(store).graph(g)) for g in store.graphs() if g != MATCHES_GRAPH}
    merge(store, A, B, "Ana Putri", Kind.close)
    matches = dump(store).graph(MATCHES_GRAPH)
    assert {(A, SKOS.closeMatch, B), (B, SKOS.closeMatch, A)} & set(matches)
    tl = timeline(store, A)
    assert str(B) in tl.claims
    split(store, B, A, "Budi")
    tl = timeline(store, A)
    assert str(B) not in tl.claims
    cand = next(iter(load_candidates(store).values()))
    assert [(d.status, d.by) for d in cand.decisions] == [
        ("confirmed", "Ana Putri"),
        ("rejected", "Budi"),
    ]
    assert all(d.at.tzinfo is not None for d in cand.decisions)
    merge(store, A, B, "Ana Putri")
    assert str(B) in timeline(store, A).claims
    after = {g: len(dump(store).graph(g)) for g in store.graphs() if g != MATCHES_GRAPH}
    assert after == before  # source graphs untouched
    check_conforms(dump(store))


def _sources(store: EmbeddedStore) -> list[str]:
    rows = store.select(load_query("view-sources").text).dicts()
    return sorted({str(r["source"]) for r in rows})


def test_timeline_on_the_seed_graph(corpus: Corpus) -> None:
    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    tl = timeline(store, claim_ref("containers-shipped"))
    assert tl.status == "disputed"
    assert tl.independent == 1
    assert tl.first is not None
    assert {a.stance for a in tl.appearances} >= {"asserts", "denies"}
    rows = store.select(
        load_query("track-timeline").text, {"claim": claim_ref("containers-shipped")}
    )
    assert len(rows) >= 3
    assert {str(r[5]) for r in rows} >= {"asserts", "denies"}


def test_an_english_article_links_to_the_curated_seed_claim(corpus: Corpus) -> None:
    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    report = ingest_paths([EN_ARTICLE], store)
    en_source = report.ingested[0][1]
    assert str(claim_ref("containers-shipped")) in asserted_claims(store, en_source)
    tl = timeline(store, claim_ref("containers-shipped"))
    assert len(tl.sources) == 2 and tl.independent == 2


def test_reingesting_the_first_article_keeps_its_claim_and_the_link(linked) -> None:  # type: ignore[no-untyped-def]
    store, id_source, en_source = linked
    before = len(store)
    ingest_paths([ID_ARTICLE], store)
    assert len(store) == before
    assert asserted_claims(store, id_source) & asserted_claims(store, en_source)
    assert all(c.a != c.b for c in load_candidates(store).values())


def _article_graph(path: Path) -> tuple[Dataset, URIRef]:
    """One article's graph as ``kg ingest`` writes it, taken from a scratch store."""
    scratch = EmbeddedStore()
    source = ingest_paths([path], scratch).ingested[0][1]
    graph = next(g for g in scratch.graphs() if str(g).endswith(source.rsplit("/", 1)[-1]))
    ds = dump(scratch)
    return ds, graph


def test_linking_sees_graphs_other_writers_added_and_forgets_retracted_ones(
    tmp_path: Path,
) -> None:
    """A graph written by another writer (kg build, an importer, a Graph Store PUT), in
    another process, is found by the next ingest's linking; a retracted one no longer is."""
    other = DATA.parent / "extract"
    unrelated = sorted(p for p in other.glob("*.txt"))[0]
    store = EmbeddedStore(tmp_path / "store")
    ingest_paths([unrelated], store)  # the claim index is no longer empty
    ds, graph = _article_graph(ID_ARTICLE)
    store.replace_graphs(ds, [graph])  # not through ingest
    store.close()

    reopened = EmbeddedStore(tmp_path / "store")  # as a later `kg ingest` process would
    en_source = ingest_paths([EN_ARTICLE], reopened).ingested[0][1]
    id_source = next(
        str(s) for s in ds.graph(graph).subjects(SDO.text, None) if "/source/" in str(s)
    )
    assert asserted_claims(reopened, id_source) & asserted_claims(reopened, en_source)

    reopened.drop_graph(graph)
    reopened.close()
    again = EmbeddedStore(tmp_path / "store")
    from kg.track.index import claim_index
    from kg.track.link import sync_index

    sync_index(again)
    index = claim_index(again)
    assert index is not None and str(graph) not in index.versions()
    assert str(graph) not in {row[0] for row in index._db.execute("SELECT graph FROM keys")}


def test_linking_sees_claims_bulk_loaded_in_the_same_process(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    ingest_paths([sorted((DATA.parent / "extract").glob("*.txt"))[0]], store)  # index synced
    ds, graph = _article_graph(ID_ARTICLE)
    path = tmp_path / "article.nq"
    path.write_bytes(ds.serialize(format="nquads", encoding="utf-8"))
    store.bulk_load(path)
    from kg.track.link import _index

    index = _index(store)  # what linking uses next, without another write first
    assert index is not None and str(graph) in index.versions()
    en_source = ingest_paths([EN_ARTICLE], store).ingested[0][1]
    id_source = next(
        str(s) for s in ds.graph(graph).subjects(SDO.text, None) if "/source/" in str(s)
    )
    assert asserted_claims(store, id_source) & asserted_claims(store, en_source)
