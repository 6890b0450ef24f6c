"""Replacing or retracting one article never changes what another article's statements say.

Two articles carry one claim (tests/data/track): the English briefing's statements link to the
claim the Indonesian report made. Then the Indonesian report is re-ingested with a new claim
written before the old one, or retracted: the English statements must still point at a claim
with the very texts they had, and ``kg check`` must stay clean. ``kg check`` must also catch a
statement whose claim does not fit its span, and a statement whose claim is gone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.ids import KEPT_CLAIMS_GRAPH, graph_iri
from kg.ingest import ingest_paths
from kg.ingest.keep import retract_graph
from kg.integrity import check_store
from kg.namespace import CG, SDO
from kg.queries import load_query
from kg.store import EmbeddedStore
from kg.store.base import Triples

DATA = Path(__file__).resolve().parents[1] / "data" / "track"
ID_ARTICLE = DATA / "id_kontainer.txt"
EN_ARTICLE = DATA / "en_containers.txt"
#: A sentence the changed Indonesian report says before the containers claim.
NEW_CLAIM = (
    "Kementerian Pertahanan Korea Selatan mengatakan pada hari Senin bahwa latihan militer "
    "gabungan akan dimulai bulan depan.\n\n"
)

Meaning = dict[str, dict[str, frozenset[tuple[str, str | None]]]]


def changed_report(tmp_path: Path) -> Path:
    """The Indonesian report (same URL, so the same source) with a claim added before."""
    text = ID_ARTICLE.read_text(encoding="utf-8")
    path = tmp_path / "id_kontainer_changed.txt"
    path.write_text(text.replace("Washington mengklaim", NEW_CLAIM + "Washington mengklaim"))
    return path


def dataset(store: EmbeddedStore) -> Dataset:
    ds = Dataset()
    query = load_query("track-matches-graph").text
    for graph in store.graphs():
        answer = store.execute(query, {"graph": graph})
        assert isinstance(answer, Triples)
        target = ds.graph(graph)
        for triple in answer:
            target.add(triple)
    return ds


def meaning(store: EmbeddedStore, source: str) -> Meaning:
    """What each statement of ``source``'s graph says: claim IRI -> its texts in the store."""
    ds = dataset(store)
    union = {(s, p, o) for g in ds.graphs() for s, p, o in g}
    own = ds.graph(graph_iri(source.rsplit("/", 1)[-1]))
    out: Meaning = {}
    for st in own.subjects(CG.claim, None):
        out[str(st)] = {
            str(c): frozenset(
                (str(o), o.language)
                for s, p, o in union
                if s == c and p == SDO.text and isinstance(o, Literal)
            )
            for c in own.objects(st, CG.claim)
        }
    return out


@pytest.fixture
def two() -> tuple[EmbeddedStore, str, str]:
    store = EmbeddedStore()
    id_source = ingest_paths([ID_ARTICLE], store).ingested[0][1]
    en_source = ingest_paths([EN_ARTICLE], store).ingested[0][1]
    return store, id_source, en_source


def test_the_english_statements_link_to_the_indonesian_claim(two) -> None:  # type: ignore[no-untyped-def]
    store, id_source, en_source = two
    id_claims = {c for claims in meaning(store, id_source).values() for c in claims}
    en_claims = {c for claims in meaning(store, en_source).values() for c in claims}
    assert id_claims & en_claims  # the premise of the tests below
    assert check_store(store, shacl=True) == []


def test_reingesting_a_changed_article_leaves_the_other_articles_statements(
    two,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    store, id_source, en_source = two
    before = meaning(store, en_source)
    report = ingest_paths([changed_report(tmp_path)], store)
    assert report.ingested[0][1] == id_source  # the same source, replaced
    assert meaning(store, en_source) == before
    assert check_store(store, shacl=True) == []


def test_retracting_an_article_leaves_the_other_articles_statements(
    two,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    store, id_source, en_source = two
    before = meaning(store, en_source)
    assert retract_graph(store, graph_iri(id_source.rsplit("/", 1)[-1]))  # `kg retract`
    assert meaning(store, en_source) == before
    assert check_store(store, shacl=True) == []
    ingest_paths([changed_report(tmp_path)], store)  # and the source comes back, changed
    assert meaning(store, en_source) == before
    assert check_store(store, shacl=True) == []


def _rewrite(store: EmbeddedStore, source: str, edit) -> None:  # type: ignore[no-untyped-def]
    graph = graph_iri(source.rsplit("/", 1)[-1])
    ds = dataset(store)
    out = Dataset()
    target = out.graph(graph)
    for triple in edit(ds.graph(graph)):
        target.add(triple)
    store.replace_graphs(out, [graph])


def test_check_finds_a_statement_whose_claim_does_not_fit_its_span(two) -> None:  # type: ignore[no-untyped-def]
    store, id_source, en_source = two
    id_meaning = meaning(store, id_source)
    shared = {c for claims in meaning(store, en_source).values() for c in claims}
    unrelated = next(c for claims in id_meaning.values() for c in claims if c not in shared)
    # The English assertion now points at the analysts' forecast (as a re-pointed IRI did).
    graph = dataset(store).graph(graph_iri(en_source.rsplit("/", 1)[-1]))
    assertion = next(
        str(st)
        for st in graph.subjects(CG.stance, CG.asserts)
        if "1,000 containers" in str(meaning(store, en_source)[str(st)])
    )

    def repoint(g):  # type: ignore[no-untyped-def]
        for s, p, o in g:
            if str(s) == assertion and p == CG.claim:
                o = URIRef(unrelated)
            yield s, p, o

    _rewrite(store, en_source, repoint)
    problems = check_store(store, shacl=False)
    assert [p.focus for p in problems] == [assertion]
    assert "does not fit" in problems[0].problem


def test_check_finds_a_statement_whose_claim_is_gone(two) -> None:  # type: ignore[no-untyped-def]
    store, id_source, en_source = two
    shared = {c for claims in meaning(store, en_source).values() for c in claims} & {
        c for claims in meaning(store, id_source).values() for c in claims
    }
    assert store.drop_graph(graph_iri(id_source.rsplit("/", 1)[-1]))
    _rewrite(store, en_source, lambda g: (t for t in g if str(t[0]) not in shared))
    problems = check_store(store, shacl=False)
    assert problems and all("does not exist" in p.problem for p in problems)
    assert {p.focus for p in problems} == {
        st for st, claims in meaning(store, en_source).items() if set(claims) & shared
    }


def test_kept_claims_go_when_nothing_points_at_them(two) -> None:  # type: ignore[no-untyped-def]
    store, id_source, en_source = two
    assert retract_graph(store, graph_iri(id_source.rsplit("/", 1)[-1]))
    assert KEPT_CLAIMS_GRAPH in store.graphs()
    assert retract_graph(store, graph_iri(en_source.rsplit("/", 1)[-1]))
    assert KEPT_CLAIMS_GRAPH not in store.graphs()
    assert check_store(store, shacl=True) == []
