"""``kg export claimreview``: Google's fact-check markup out, and back in unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import to_isomorphic

from kg.curation.reviews import REVIEWS_GRAPH, graph_triples
from kg.export.claimreview import claimreview_documents, write_claimreviews
from kg.export.rdf_files import store_dataset
from kg.imports.claimreview import import_paths
from kg.namespace import CG, RDF, SDO
from kg.store import EmbeddedStore
from kg.validate import check_conforms


def test_one_document_per_reviewed_claim(reviewed: EmbeddedStore, tmp_path: Path) -> None:
    paths = write_claimreviews(reviewed, tmp_path / "claimreview")
    assert sorted(p.name for p in paths) == [
        "containers-shipped.jsonld",
        "russia-complies-un.jsonld",
    ]
    many = json.loads(paths[0].read_text(encoding="utf-8"))
    one = json.loads(paths[1].read_text(encoding="utf-8"))
    assert isinstance(many, list) and len(many) == 2 and isinstance(one, dict)


def test_documents_carry_googles_properties(reviewed: EmbeddedStore) -> None:
    docs = dict(claimreview_documents(reviewed))
    tempo = next(d for d in docs["containers-shipped"] if d["author"]["name"] == "Tempo Cek Fakta")
    assert tempo["@context"] == "https://schema.org" and tempo["@type"] == "ClaimReview"
    assert tempo["url"] == "https://example.org/cek-fakta/kontainer"
    assert tempo["datePublished"] == "2024-06-01"
    assert tempo["claimReviewed"].startswith("North Korea sent more than 1,000 containers")
    assert tempo["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "False",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
    }
    item = tempo["itemReviewed"]
    assert item["@type"] == "Claim"
    # the claimant of the asserting statement, with its Wikidata link
    assert item["author"]["name"] == "United States government"
    assert item["author"]["sameAs"] == "http://www.wikidata.org/entity/Q30"
    assert item["author"]["@type"] == "GovernmentOrganization"
    [article] = item["appearance"]
    assert article["headline"].startswith("Lavrov dari Rusia")
    assert item["firstAppearance"] == article  # with its headline (and url when known)
    assert {t["@language"] for t in item["text"]} == {"en", "id"}


def _review_and_claim_part(graph: Graph, reviews: list[URIRef]) -> Graph:
    part = Graph()
    for review in reviews:
        for s, p, o in graph:
            if s == review or str(s).startswith(f"{review}#"):
                part.add((s, p, o))
            if s == review and p == SDO.itemReviewed:
                for claim_p in (RDF.type, SDO.text):
                    for value in graph.objects(o, claim_p):  # type: ignore[arg-type]
                        part.add((o, claim_p, value))
    return part


def test_export_then_import_gives_the_same_reviews_and_claims(
    reviewed: EmbeddedStore, dataset: Dataset, tmp_path: Path
) -> None:
    write_claimreviews(reviewed, tmp_path)
    original = graph_triples(reviewed, REVIEWS_GRAPH)
    reviews = sorted(URIRef(str(r)) for r in original.subjects(RDF.type, SDO.ClaimReview))
    source_graph = Graph()
    for s, p, o, _g in store_dataset(reviewed).quads((None, None, None, None)):
        source_graph.add((s, p, o))

    fresh = EmbeddedStore()
    imported = import_paths(fresh, [tmp_path])
    assert sum(i.reviews for i in imported) == 3
    target_graph = Graph()
    for s, p, o, _g in store_dataset(fresh).quads((None, None, None, None)):
        target_graph.add((s, p, o))
    check_conforms(target_graph, label="imported")
    # everything recorded comes back; the import adds the reviewer as an agent
    # (schema:creator) and the review's language (schema:inLanguage)
    before = to_isomorphic(_review_and_claim_part(source_graph, reviews))
    after = _review_and_claim_part(target_graph, reviews)
    added = Graph()
    for s, p, o in after:
        if p in (SDO.creator, SDO.inLanguage):
            added.add((s, p, o))
    assert to_isomorphic(after - added) == before
    assert {p for _s, p, _o in added} == {SDO.creator, SDO.inLanguage}
    # back into the store it came from: the claims are known, nothing is duplicated
    import_paths(reviewed, [tmp_path])
    assert {str(c) for c in reviewed.select("SELECT ?c WHERE { ?c a cg:Claim }").column("c")} == {
        str(c) for c in _seed_claims(dataset)
    }


def _seed_claims(dataset: Dataset) -> set[str]:
    return {str(s) for s, _p, _o, _g in dataset.quads((None, RDF.type, CG.Claim, None))}


def _union(store: EmbeddedStore) -> Graph:
    out = Graph()
    for s, p, o, _g in store_dataset(store).quads((None, None, None, None)):
        out.add((s, p, o))
    return out


def _without_agents(graph: Graph) -> Graph:
    agents = set(graph.subjects(RDF.type, URIRef("http://www.w3.org/ns/prov#Agent")))
    out = Graph()
    for s, p, o in graph:
        if s not in agents and "#roles" not in s:
            out.add((s, p, o))
    return out


def test_imported_claimreviews_export_and_import_unchanged(tmp_path: Path) -> None:
    from tests.formats.conftest import VALID

    first = EmbeddedStore()
    import_paths(first, [VALID])
    write_claimreviews(first, tmp_path)
    second = EmbeddedStore()
    import_paths(second, [tmp_path])
    a, b = _union(first), _union(second)
    # claims, their texts, authors, dates and appearances, the pages, reviews and ratings
    assert to_isomorphic(_without_agents(a)) == to_isomorphic(_without_agents(b))
    # the same agents (new ones keep their IRI; a label's language is not carried by `name`)
    agent = URIRef("http://www.w3.org/ns/prov#Agent")
    assert set(a.subjects(RDF.type, agent)) == set(b.subjects(RDF.type, agent))
