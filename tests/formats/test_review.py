"""``kg review``: verdicts in their own named graph, replaced atomically, SHACL-conformant."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kg.cli import main
from kg.curation.reviews import REVIEWS_GRAPH, find_claim, graph_triples, record_review
from kg.errors import InputError
from kg.export.rdf_files import store_dataset
from kg.ids import claim_iri
from kg.model import Review
from kg.rdf import from_graph
from kg.store import EmbeddedStore
from kg.validate import check_conforms


def test_review_is_written_to_the_reviews_graph(reviewed: EmbeddedStore) -> None:
    graph = graph_triples(reviewed, REVIEWS_GRAPH)
    iri = URIRef(
        "https://w3id.org/claimgraph/id/review/containers-shipped--tempo-cek-fakta--2024-06-01"
    )
    review = from_graph(Review, graph, iri)
    assert review.claim == str(claim_iri("containers-shipped"))
    assert review.rating.label == "False" and review.rating.value == 1.0
    assert (review.rating.best, review.rating.worst) == (5.0, 1.0)
    assert review.url == "https://example.org/cek-fakta/kontainer"
    assert review.date == dt.date(2024, 6, 1)
    check_conforms(store_dataset(reviewed), label="store with reviews")


def test_same_review_again_replaces_it(reviewed: EmbeddedStore) -> None:
    before = len(reviewed)
    record_review(
        reviewed, "containers-shipped", "Mostly false", "Tempo Cek Fakta", date=dt.date(2024, 6, 1)
    )
    graph = graph_triples(reviewed, REVIEWS_GRAPH)
    labels = sorted(str(o) for o in graph.objects(None, URIRef("https://schema.org/alternateName")))
    assert labels == ["Misleading", "Mostly false", "Unproven"]
    # the old rating's value, best and worst are gone with it, the url too
    assert len(reviewed) == before - 4


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("containers-shipped", "containers-shipped"),
        (str(claim_iri("containers-shipped")), "containers-shipped"),
        ("1.000 kontainer peralatan", "containers-shipped"),
        ("STRICTLY COMPLIES", "russia-complies-un"),
    ],
)
def test_claim_by_slug_iri_or_text(store: EmbeddedStore, name: str, slug: str) -> None:
    assert find_claim(store, name) == claim_iri(slug)


@pytest.mark.parametrize(
    ("name", "message"),
    [("no-such-claim", "no claim has this IRI"), ("Putin", "matches 2 claims"), ("  ", "no claim")],
)
def test_unknown_or_ambiguous_claim_changes_nothing(
    store: EmbeddedStore, name: str, message: str
) -> None:
    before = len(store)
    with pytest.raises(InputError, match=message):
        record_review(store, name, "False", "AFP")
    assert len(store) == before and REVIEWS_GRAPH not in store.graphs()


def test_rating_outside_its_scale_is_refused(store: EmbeddedStore) -> None:
    with pytest.raises(InputError, match="outside its scale"):
        record_review(store, "containers-shipped", "False", "AFP", value=7, best=5, worst=1)
    with pytest.raises(InputError, match="worst"):
        record_review(store, "containers-shipped", "False", "AFP", best=1, worst=5)
    assert REVIEWS_GRAPH not in store.graphs()


def test_cli_review(tmp_path: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    location = tmp_path / "store"
    disk = EmbeddedStore(location)
    disk.replace_graphs(dataset)
    disk.close()
    runner = CliRunner()
    args = ["review", "containers-shipped", "--rating", "False", "--by", "AFP", "--store"]
    ok = runner.invoke(
        main,
        [
            *args,
            str(location),
            "--value",
            "1",
            "--best",
            "5",
            "--worst",
            "1",
            "--url",
            "https://example.org/fc",
            "--date",
            "2024-06-01",
        ],
    )
    assert ok.exit_code == 0, ok.output
    assert "containers-shipped--afp--2024-06-01" in ok.output
    bad = runner.invoke(
        main, ["review", "nope", "--rating", "False", "--by", "AFP", "--store", str(location)]
    )
    assert bad.exit_code == 2
    assert bad.output.strip().splitlines() == [
        "kg: error: claim 'nope': no claim has this IRI, slug or text"
    ]
    bad_date = runner.invoke(main, [*args, str(location), "--date", "June"])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.output
    reopened = EmbeddedStore(location)
    try:
        assert len(graph_triples(reopened, REVIEWS_GRAPH)) == 11
    finally:
        reopened.close()
