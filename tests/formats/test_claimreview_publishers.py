"""``kg import claimreview`` on the shapes fact-checkers really publish.

The files in tests/data/claimreview/publisher-shapes/ are the project's own, written to
reproduce every shape met in real publishers' markup (see docs/howto/import-claimreview.md):
arrays, ``@graph`` with the organisation given by ``@id``, DataFeeds with relative URLs, a
DataFeedItem whose items carry the context, empty optional fields, names given twice,
several authors, date-times, URLs without a scheme and names in non-Latin scripts.
"""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from kg.cli import main
from kg.export.rdf_files import store_dataset
from kg.ids import agent_iri
from kg.imports.claimreview import import_claimreviews, import_graph_iri
from kg.namespace import OWL, SDO, SKOS
from kg.store import EmbeddedStore
from kg.validate import check_conforms
from tests.formats.conftest import DATA

SHAPES = DATA / "publisher-shapes"
R = "ClaimReview <"

#: file -> (outcome, the warnings or problems it must name)
EXPECTED = {
    "array-relative-urls.json": (
        "imported with warnings",
        ["itemReviewed.author.url 'https://checks.example.in/' is the fact-checker's own home"],
    ),
    "chinese-no-claimant-name.json": (
        "imported with warnings",
        [f"{R}https://factcheck.example.tw/articles/4539>: itemReviewed.author has no name"],
    ),
    "datafeed-relative.json": (
        "imported with warnings",
        [f"{R}/verificado/pensiones>: itemReviewed.author has no name; left out"],
    ),
    "datafeeditem-context-inside.json": (
        "imported with warnings",
        ["no @context at the top; read as schema.org"],
    ),
    "graph-org-by-id.json": (
        "imported with warnings",
        ["itemReviewed.author.name given 2 times; kept 'Mariana Souza' as the name"],
    ),
    "no-author.json": (
        "imported with warnings",
        ["no author (the fact-checking organisation); named 'example.org' after the url"],
    ),
    "no-verdict.json": (
        "rejected",
        ["reviewRating has no alternateName (the verdict as text)"],
    ),
    "relative-no-base.json": (
        "imported with warnings",
        ["url '/verifica/desnutricao-dados' is relative and no base URL is known; left out"],
    ),
    "scheme-less-and-unnamed.json": (
        "imported with warnings",
        [
            "url 'factcheck.example.co.zw/do-antibodies-last' has no scheme; read as "
            "https://factcheck.example.co.zw/do-antibodies-last",
            "author has no name; named 'factcheck.example.co.zw' after its url",
        ],
    ),
}


def test_every_shape_file_has_an_expected_outcome() -> None:
    assert sorted(p.name for p in SHAPES.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_shape_gives_its_outcome_and_names_each_warning(
    store: EmbeddedStore, name: str
) -> None:
    status, messages = EXPECTED[name]
    before = (len(store), store.graphs())
    [outcome] = import_claimreviews(store, [SHAPES / name])
    assert outcome.status == status, outcome.problems
    said = outcome.problems if status == "rejected" else outcome.warnings
    for message in messages:
        assert any(message in line for line in said), (message, said)
    for line in outcome.warnings + outcome.problems:
        assert line.startswith(str(SHAPES / name)) and "\n" not in line
    if status == "rejected":
        assert (len(store), store.graphs()) == before
    else:
        assert outcome.imported is not None and outcome.imported.graph_iri in store.graphs()
        check_conforms(store_dataset(store), label=name)


def test_a_folder_run_goes_past_a_rejected_file_and_exits_2(tmp_path: Path) -> None:
    location = str(tmp_path / "store")
    result = CliRunner().invoke(main, ["import", "claimreview", str(SHAPES), "--store", location])
    assert result.exit_code == 2
    [error] = result.stderr.strip().splitlines()
    assert error.startswith("kg: error: ") and "no-verdict.json" in error
    lines = result.stdout.strip().splitlines()
    assert (
        lines[-1]
        == f"{len(EXPECTED)} file(s): {len(EXPECTED) - 1} imported with warnings, 1 rejected"
    )
    assert f"rejected {SHAPES / 'no-verdict.json'}" in lines
    assert any(line.startswith("  problem: ") and "no-verdict.json" in line for line in lines)
    assert sum(line.startswith("  warning: ") for line in lines) >= len(EXPECTED) - 1
    with closing(EmbeddedStore(Path(location))) as target:
        imported = [g for g in target.graphs() if "/graph/import/" in str(g)]
    assert len(imported) == len(EXPECTED) - 1


def test_strict_writes_nothing_when_one_file_is_rejected(tmp_path: Path) -> None:
    location = str(tmp_path / "store")
    result = CliRunner().invoke(
        main, ["import", "claimreview", "--strict", str(SHAPES), "--store", location]
    )
    assert result.exit_code == 2
    assert "no-verdict.json" in result.output
    with closing(EmbeddedStore(Path(location))) as target:
        assert not [g for g in target.graphs() if "/graph/import/" in str(g)]


def test_relative_urls_resolve_against_base_url_or_the_feed(store: EmbeddedStore) -> None:
    [outcome] = import_claimreviews(
        store, [SHAPES / "relative-no-base.json"], base_url="https://verifica.example.br/"
    )
    assert outcome.status == "imported" and not outcome.warnings
    urls = set(
        store.select("SELECT ?u WHERE { ?r a schema:ClaimReview ; schema:url ?u }").column("u")
    )
    assert URIRef("https://verifica.example.br/verifica/desnutricao-dados") in urls
    import_claimreviews(store, [SHAPES / "datafeed-relative.json"])
    urls = set(
        store.select("SELECT ?u WHERE { ?r a schema:ClaimReview ; schema:url ?u }").column("u")
    )
    assert URIRef("https://factual.example.es/verificado/pensiones") in urls
    # the reviewer's "url": "/" is the feed's site
    assert (
        agent_iri("factual-ejemplo"),
        SDO.url,
        URIRef("https://factual.example.es/"),
    ) in _triples(store)


def _triples(store: EmbeddedStore) -> set[tuple[object, object, object]]:
    return {(s, p, o) for s, p, o, _g in store_dataset(store).quads((None, None, None, None))}


def test_everything_the_fact_checker_wrote_is_kept(store: EmbeddedStore) -> None:
    [outcome] = import_claimreviews(store, [SHAPES / "graph-org-by-id.json"])
    assert outcome.imported is not None
    triples = _triples(store)
    org = agent_iri("verifica-example")
    assert (org, SDO.url, URIRef("https://verifica.example.org/")) in triples
    assert (org, SDO.sameAs, URIRef("https://social.example.net/verifica")) in triples
    assert (org, SDO.sameAs, URIRef("https://verifica.example.org/#organization")) in triples
    assert (org, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q4115189")) in triples
    [review] = [s for s, p, o in triples if p == SDO.creator and o == org]
    creators = {o for s, p, o in triples if s == review and p == SDO.creator}
    assert creators == {org, agent_iri("luiza-menezes"), agent_iri("carlos-prado")}
    assert (review, SDO.author, Literal("Carlos Prado, Luiza Menezes, Verifica Example")) in triples
    assert (
        review,
        SDO.name,
        Literal("É falso que o salário mínimo foi congelado por dez anos"),
    ) in triples
    assert (
        review,
        SDO.license,
        URIRef("https://creativecommons.org/licenses/by-nd/4.0/"),
    ) in triples
    [date] = [o for s, p, o in triples if s == review and p == SDO.datePublished]
    assert str(date) == "2024-06-11T22:06:09-03:00"
    assert (
        agent_iri("mariana-souza"),
        SKOS.altLabel,
        Literal("deputada federal", lang="pt-br"),
    ) in triples
    [claim] = [o for s, p, o in triples if s == review and p == SDO.itemReviewed]
    pages = {o for s, p, o in triples if s == claim and p == SDO.appearance}
    urls = {str(o) for s, p, o in triples if s in pages and p == SDO.url}
    assert urls == {
        "https://social.example.net/posts/1",
        "https://video.example.com/v/2.mp4",
        "https://video.example.com/watch?v=abc123",  # itemReviewed.url
        "https://archive.example.org/web/2024/https://social.example.net/posts/1",
    }


def test_claims_and_reviews_get_a_language_never_und(store: EmbeddedStore) -> None:
    outcomes = import_claimreviews(store, [SHAPES])
    graphs = {o.imported.graph_iri for o in outcomes if o.imported is not None}
    texts = [
        (o, g)
        for _s, p, o, g in store_dataset(store).quads((None, SDO.text, None, None))
        if g in graphs
    ]
    assert len(texts) >= 10
    assert all(isinstance(o, Literal) and o.language not in (None, "und") for o, _g in texts)
    languages = {o.language for o, _g in texts}
    assert {"hi", "en", "es", "de", "pt-br", "ar", "zh"} <= languages
    reviews = store.select("SELECT ?r ?l WHERE { ?r a schema:ClaimReview ; schema:inLanguage ?l }")
    assert len(reviews) >= 10


def test_mixed_script_names_stay_apart_and_check_passes(store: EmbeddedStore) -> None:
    import_claimreviews(store, [SHAPES / "array-relative-urls.json"])
    labels = {
        str(o): s
        for s, p, o in _triples(store)
        if p == SKOS.prefLabel and str(o).startswith("Facebook user")
    }
    assert set(labels) == {"Facebook user", "Facebook user बसंत मलिक"}
    assert labels["Facebook user"] != labels["Facebook user बसंत मलिक"]
    check_conforms(store_dataset(store), label="mixed scripts")


def test_names_compare_after_nfkc_and_casefold(store: EmbeddedStore, tmp_path: Path) -> None:
    text = (SHAPES / "datafeed-relative.json").read_text(encoding="utf-8")
    # the second review's author written in full-width letters and upper case
    wide = text.replace('"name": "Factual Ejemplo"}', '"name": "ＦＡＣＴＵＡＬ ＥＪＥＭＰＬＯ"}')
    assert wide != text
    (tmp_path / "wide.json").write_text(wide, encoding="utf-8")
    [outcome] = import_claimreviews(store, [tmp_path / "wide.json"])
    assert outcome.imported is not None
    creators = set(store.select("SELECT ?a WHERE { ?r schema:creator ?a }").column("a"))
    assert creators == {agent_iri("factual-ejemplo")}


def test_two_files_with_the_same_name_never_replace_each_other(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    for folder, name in (("monday", "datafeed-relative.json"), ("tuesday", "graph-org-by-id.json")):
        (tmp_path / folder).mkdir()
        shutil.copy(SHAPES / name, tmp_path / folder / "feed.json")
    first = import_claimreviews(store, [tmp_path / "monday"])
    second = import_claimreviews(store, [tmp_path / "tuesday"])
    [a], [b] = [o.imported for o in first], [o.imported for o in second]
    assert a is not None and b is not None and a.graph_iri != b.graph_iri
    assert str(a.graph_iri).startswith(str(import_graph_iri("feed")) + "-")
    assert {a.graph_iri, b.graph_iri} <= set(store.graphs())
    reviews = store.select("SELECT ?r WHERE { ?r a schema:ClaimReview }")
    assert len(reviews) >= 3
    # the same file again replaces its own graph: nothing grows
    size = len(store)
    import_claimreviews(store, [tmp_path / "monday"])
    assert len(store) == size


def test_files_of_one_run_share_agents_and_keep_the_first_review(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    text = (SHAPES / "datafeed-relative.json").read_text(encoding="utf-8")
    (tmp_path / "a.json").write_text(text, encoding="utf-8")
    # the same feed from another mirror: the claimant in capitals, the verdict changed
    other = text.replace("Cuca Ejemplo", "CUCA EJEMPLO").replace('"Engañoso"', '"Falso"')
    (tmp_path / "b.json").write_text(other.replace("feed/claimreview", "feed/v2"), "utf-8")
    first, second = import_claimreviews(store, [tmp_path])
    assert first.status == "imported with warnings" and second.imported is not None
    assert any("read from an earlier file with other values" in w for w in second.warnings)
    labels = [
        o for s, p, o in _triples(store) if p == SKOS.prefLabel and "cuca" in str(o).casefold()
    ]
    assert labels == [Literal("Cuca Ejemplo", lang="es")]
    verdicts = store.select(
        "SELECT ?v WHERE { ?r schema:url <https://factual.example.es/verificado/paro-juvenil> ;"
        " schema:reviewRating/schema:alternateName ?v }"
    ).column("v")
    assert [str(v) for v in verdicts] == ["Engañoso"]
    check_conforms(store_dataset(store), label="one run")


def test_an_author_whose_names_are_all_empty_objects_is_a_warning_not_a_crash(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    """Found by the importer fuzzer: ``"name": [{}, {}]`` (two names, neither a text) raised
    IndexError while warning about the repeated name."""
    feed = tmp_path / "empty-names.json"
    feed.write_text(
        '{"@context": "http://schema.org/", "@type": "ClaimReview",'
        ' "url": "https://example.org/cek/1", "claimReviewed": "Harga beras naik dua kali.",'
        ' "inLanguage": "id", "datePublished": "2024-06-21",'
        ' "author": {"@type": "Organization", "name": "Contoh Cek Fakta"},'
        ' "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": [{}, {}]}},'
        ' "reviewRating": {"@type": "Rating", "alternateName": "Salah"}}',
        encoding="utf-8",
    )
    [outcome] = import_claimreviews(store, [feed])
    assert any("itemReviewed.author" in w for w in outcome.warnings), outcome.warnings
