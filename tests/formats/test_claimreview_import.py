"""``kg import claimreview`` on hand-written files that follow Google's markup examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from kg.cli import main
from kg.errors import InputError
from kg.export.rdf_files import store_dataset
from kg.ids import agent_iri
from kg.imports.claimreview import import_graph_iri, import_paths
from kg.namespace import RDF, SDO
from kg.store import EmbeddedStore
from kg.validate import check_conforms
from tests.formats.conftest import INVALID, VALID

VALID_FILES = sorted(VALID.glob("*.json"))
INVALID_FILES = sorted(INVALID.glob("*.json"))
X = "ClaimReview <https://example.org/factcheck/x>"
EXPECTED_ERRORS = {
    "bad-date.json": f"{X}: datePublished 'last Tuesday' is not a date",
    "datafeed-second-item-without-rating.json": (
        "ClaimReview <https://example.org/factcheck/b>: missing reviewRating"
    ),
    "missing-rating.json": f"{X}: missing reviewRating",
    "no-claim-text.json": "missing claimReviewed",
    "no-context.json": "no schema:ClaimReview found",
    "not-json.json": ":1: not JSON",
    "rating-is-a-string.json": (
        "reviewRating must be an object (schema:Rating), not the text 'False'"
    ),
    "rating-value-not-a-number.json": "ratingValue 'one' is not a number",
    "unknown-context.json": "unknown remote @context 'https://example.org/factcheck-context.jsonld'",
    "unreachable-context.json": "unknown remote @context 'http://127.0.0.1:9/context.jsonld'",
}


def test_every_invalid_fixture_has_an_expected_message() -> None:
    assert sorted(p.name for p in INVALID_FILES) == sorted(EXPECTED_ERRORS)
    assert len(VALID_FILES) >= 5


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_valid_file_imports_into_its_own_graph(store: EmbeddedStore, path: Path) -> None:
    [item] = import_paths(store, [path])
    # named from the file's name and its reviews' identity (the hash)
    assert str(item.graph_iri).startswith(str(import_graph_iri(path.stem)) + "-")
    assert item.graph_iri in store.graphs()
    assert item.reviews >= 1
    check_conforms(store_dataset(store), label=path.name)


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.name)
def test_invalid_file_is_rejected_and_nothing_written(store: EmbeddedStore, path: Path) -> None:
    before = (len(store), store.graphs())
    with pytest.raises(InputError) as info:
        import_paths(store, [path])
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message
    assert EXPECTED_ERRORS[path.name] in message
    assert (len(store), store.graphs()) == before


def test_strict_folder_with_one_bad_file_writes_nothing(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    for path in [*VALID_FILES, INVALID / "missing-rating.json"]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    before = len(store)
    with pytest.raises(InputError, match=r"missing-rating\.json"):
        import_paths(store, [tmp_path])
    assert len(store) == before


def test_folder_import_and_reimport_is_idempotent(store: EmbeddedStore) -> None:
    first = import_paths(store, [VALID])
    assert len(first) == len(VALID_FILES)
    size = len(store)
    import_paths(store, [VALID])
    assert len(store) == size


def _authors(store: EmbeddedStore) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for s, _p, o, _g in store_dataset(store).quads((None, SDO.author, None, None)):
        if isinstance(o, URIRef):
            out.setdefault(str(o).rsplit("/", 1)[-1], set()).add(str(s))
    return out


def _graph(store: EmbeddedStore, stem: str) -> URIRef:
    [found] = [g for g in store.graphs() if str(g).startswith(str(import_graph_iri(stem)) + "-")]
    return found


def test_claimants_merge_with_known_agents(store: EmbeddedStore) -> None:
    import_paths(store, [VALID])
    authors = _authors(store)
    # "the United States" (alias + Wikidata page URL), "Kremlin" (alias), "Sergei Lavrov"
    # (a spelling the registry lacks, matched by sameAs Q193397), "Pyongyang", "Vladimir
    # Putin" (Wikidata entity IRI), "Kim Jong Un": all are the registry's agents.
    for slug in (
        "united-states",
        "russia",
        "sergey-lavrov",
        "north-korea",
        "vladimir-putin",
        "kim-jong-un",
    ):
        assert slug in authors, slug
    # an unknown claimant becomes a new agent in the file's graph, typed from its @type
    new = agent_iri("seorang-analis-pertahanan")
    ds = store_dataset(store)
    assert (new, RDF.type, SDO.Person, _graph(store, "array")) in ds
    assert (
        new,
        URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
        Literal("Seorang analis pertahanan", lang="id"),
        _graph(store, "array"),
    ) in ds
    # known agents already in the store are referred to, not copied
    assert not list(ds.quads((agent_iri("russia"), RDF.type, None, _graph(store, "array"))))


def test_languages_and_rating_values(store: EmbeddedStore) -> None:
    import_paths(store, [VALID / "array.json", VALID / "single.json"])
    ds = store_dataset(store)
    texts = {o for _s, _p, o, _g in ds.quads((None, SDO.text, None, _graph(store, "array")))}
    assert (
        Literal(
            "Rusia secara ketat mematuhi kewajiban internasionalnya terhadap Pyongyang.", lang="id"
        )
        in texts
    )
    values = {
        str(o) for _s, _p, o, _g in ds.quads((None, SDO.ratingValue, None, _graph(store, "single")))
    }
    assert {float(v) for v in values} == {4.0}
    dates = {str(o) for _s, _p, o, _g in ds.quads((None, SDO.datePublished, None, None))}
    assert "2024-06-21T08:30:00+07:00" in dates  # a date-time is kept with its zone


def test_cli_strict_import_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    location = str(tmp_path / "store")
    runner = CliRunner()
    bad_file = INVALID / "rating-is-a-string.json"
    bad = runner.invoke(
        main, ["import", "claimreview", "--strict", str(bad_file), "--store", location]
    )
    assert bad.exit_code == 2
    [line] = bad.output.strip().splitlines()
    assert line.startswith(f"kg: error: {bad_file}: ClaimReview <")
    ok = runner.invoke(main, ["import", "claimreview", str(VALID), "--store", location])
    assert ok.exit_code == 0, ok.output
    assert ok.output.count("imported ") == len(VALID_FILES)
    assert (
        ok.output.strip().splitlines()[-1]
        == f"{len(VALID_FILES)} file(s): {len(VALID_FILES)} imported"
    )


def test_a_review_of_a_known_claim_in_the_same_words_reviews_that_claim(
    store: EmbeddedStore,
) -> None:
    # graph.json reviews "Lavrov's visit will pave the way for a visit by Putin to Pyongyang.",
    # the seed's English text of claim visit-paves-way: no second claim is made.
    before = set(store.select("SELECT ?c WHERE { ?c a cg:Claim }").column("c"))
    import_paths(store, [VALID / "graph.json"])
    after = set(store.select("SELECT ?c WHERE { ?c a cg:Claim }").column("c"))
    assert len(after - before) == 1  # only the other ClaimReview's claim is new
    reviewed = store.select(
        'SELECT ?c WHERE { ?r schema:itemReviewed ?c ; schema:author "Example Fact Check" }'
    ).column("c")
    assert URIRef("https://w3id.org/claimgraph/id/claim/visit-paves-way") in reviewed
