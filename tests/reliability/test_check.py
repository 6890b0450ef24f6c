"""`kg check` finds real corruption and passes a sound store.

The SHACL part validates the store a batch of named graphs at a time (kg/shacl_store.py): it
must report exactly what validating the union of all graphs reports, against the graphs that
hold the faulty nodes, including when a graph's statements point at claims and agents held in
other graphs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.curation.seeds import Corpus
from kg.ingest import ingest_files
from kg.integrity import check_store
from kg.shacl_store import shacl_problems
from kg.store import EmbeddedStore
from kg.validate import validate, violations
from tests.articles import seed_shaped

OA = "http://www.w3.org/ns/oa#"


@pytest.fixture
def store(corpus: Corpus) -> EmbeddedStore:
    s = EmbeddedStore()
    s.replace_graphs(corpus.dataset())
    return s


def test_sound_store_has_no_problems(store: EmbeddedStore) -> None:
    assert check_store(store) == []


def test_shifted_span_is_found(store: EmbeddedStore) -> None:
    store._store.update(
        f"DELETE {{ GRAPH ?g {{ ?p <{OA}start> ?o }} }}"
        f" INSERT {{ GRAPH ?g {{ ?p <{OA}start> 3 }} }}"
        f" WHERE {{ GRAPH ?g {{ ?p <{OA}start> ?o }} FILTER(CONTAINS(STR(?p), 'kremlin-denial')) }}"
    )
    problems = check_store(store)
    assert any("kremlin-denial" in p.focus and "span text" in p.problem for p in problems)
    (graph,) = {
        str(g)
        for (g,) in store.select(
            "SELECT DISTINCT ?g { GRAPH ?g { ?p <http://www.w3.org/ns/oa#start> ?o }"
            " FILTER(CONTAINS(STR(?p), 'kremlin-denial')) }"
        )
    }
    shacl = [p for p in problems if "SHACL" in p.problem]
    assert [p.focus for p in shacl] == [graph]
    assert "kremlin-denial" in shacl[0].problem


def test_missing_claim_is_found(store: EmbeddedStore) -> None:
    store._store.update(
        "DELETE WHERE { GRAPH ?g {"
        " <https://w3id.org/claimgraph/id/claim/containers-shipped> ?p ?o } }"
    )
    problems = check_store(store, shacl=False)
    focus = {p.focus.rsplit("/", 1)[-1] for p in problems}
    assert {"us-containers-claim", "north-korea-denial", "kremlin-denial"} <= focus


def test_cli_exit_codes(tmp_path: Path, corpus: Corpus) -> None:
    s = EmbeddedStore(tmp_path / "store")
    s.replace_graphs(corpus.dataset())
    s.close()
    ok = CliRunner().invoke(main, ["check", "--store", str(tmp_path / "store")])
    assert ok.exit_code == 0, ok.stderr
    assert "no integrity problems" in ok.stdout
    s = EmbeddedStore(tmp_path / "store")
    s._store.update(
        "DELETE WHERE { GRAPH ?g { ?st <http://www.w3.org/ns/prov#wasAttributedTo> ?a } }"
    )
    s.close()
    bad = CliRunner().invoke(main, ["check", "--no-shacl", "--store", str(tmp_path / "store")])
    assert bad.exit_code == 3
    assert "has no claimant" in bad.stderr


def test_a_text_index_out_of_step_is_found_and_reindex_mends_it(store: EmbeddedStore) -> None:
    claim = "https://w3id.org/claimgraph/id/claim/containers-shipped"
    # a change behind the index's back: the claim's text rewritten in the graphs only
    store._store.update(
        f"DELETE {{ GRAPH ?g {{ <{claim}> <https://schema.org/text> ?t }} }}"
        f" INSERT {{ GRAPH ?g {{ <{claim}> <https://schema.org/text> 'rewritten'@en }} }}"
        f" WHERE {{ GRAPH ?g {{ <{claim}> <https://schema.org/text> ?t }} }}"
    )
    problems = [p for p in check_store(store, shacl=False) if "text index" in p.problem]
    assert problems and all("run kg reindex" in p.problem for p in problems)
    assert {p.focus for p in problems} == {
        str(g) for (g,) in store.select(f"SELECT DISTINCT ?g {{ GRAPH ?g {{ <{claim}> a ?c }} }}")
    }
    store.reindex()
    assert check_store(store, shacl=False) == []
    assert [h.iri for h in store.search("rewritten")] == [claim]


# ------------------------------------------------------------ SHACL, graph by graph

ID = "https://w3id.org/claimgraph/id/"
CG = "https://w3id.org/claimgraph/ns#"
PROV = "http://www.w3.org/ns/prov#"


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    """Three seed-shaped articles ingested: the later ones cite the first one's claims (their
    statements point at claims typed in another named graph) and the shared agents."""
    folder = tmp_path_factory.mktemp("articles")
    paths = seed_shaped(folder, 3)
    store = EmbeddedStore()
    report = ingest_files(paths, store)
    assert len(report.ingested) == 3
    return store


def _copy(store: EmbeddedStore) -> EmbeddedStore:
    copy = EmbeddedStore()
    copy._store.extend(store.quads())
    return copy


def _union_violations(store: EmbeddedStore) -> set[tuple[str, str]]:
    """What validating every graph at once reports: (focus node, path)."""
    quads = store.quads()
    text = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
    _conforms, report = validate(text)
    return {(str(v.focus), str(v.path)) for v in violations(report)}


def _batched(store: EmbeddedStore, size: int) -> set[tuple[str, str]]:
    return {(str(v.focus), str(v.path)) for g in shacl_problems(store, size) for v in g.violations}


def test_a_clean_store_of_articles_citing_each_other_passes(articles: EmbeddedStore) -> None:
    cited = articles.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?st <{CG}claim> ?c }}"
        f" FILTER NOT EXISTS {{ GRAPH ?g {{ ?c a <{CG}Claim> }} }} }}"
    )
    assert int(cited.rows[0][0]) > 0  # statements whose claim is typed in another graph
    assert _union_violations(articles) == set()
    for size in (1, 2, 200):
        assert shacl_problems(articles, size) == []
    assert check_store(articles) == []


def test_a_violation_in_one_graph_is_reported_naming_that_graph(
    articles: EmbeddedStore,
) -> None:
    store = _copy(articles)
    graphs = [g for g in store.graphs() if not str(g).endswith(("agents", "matches"))]
    broken = graphs[1]
    store._store.update(
        f"DELETE {{ GRAPH <{broken}> {{ ?st <{CG}confidence> ?c }} }}"
        f" INSERT {{ GRAPH <{broken}> {{ ?st <{CG}confidence> 2.5e0 }} }}"
        f" WHERE {{ GRAPH <{broken}> {{ ?st <{CG}confidence> ?c }} }}"
    )
    found = shacl_problems(store, size=2)
    assert [g.graph for g in found] == [broken]
    assert all(str(v.path) == CG + "confidence" for v in found[0].violations)
    problems = [p for p in check_store(store) if "SHACL" in p.problem]
    assert [p.focus for p in problems] == [str(broken)]
    assert "does not conform to the SHACL shapes" in problems[0].problem


def test_a_shared_node_broken_is_reported_for_every_graph_that_needs_it(
    articles: EmbeddedStore,
) -> None:
    """An agent losing its prov:Agent type in the agents' registry breaks the statements of
    every article that attributes to it (sh:class across graphs), and the agent itself; the
    batches report exactly what the union does, whatever the batch size."""
    store = _copy(articles)
    (agent,) = [
        a
        for (a,) in store.select(
            f"SELECT ?a WHERE {{ GRAPH ?g {{ ?st <{PROV}wasAttributedTo> ?a }}"
            f" GRAPH <{ID}graph/agents> {{ ?a a <{PROV}Agent> }} }} GROUP BY ?a"
            " ORDER BY DESC(COUNT(DISTINCT ?g)) LIMIT 1"
        )
    ]
    store._store.update(
        f"DELETE DATA {{ GRAPH <{ID}graph/agents> {{ <{agent}> a <{PROV}Agent> }} }}"
    )
    union = _union_violations(store)
    assert (str(agent), "None") in union
    assert any(path == PROV + "wasAttributedTo" for _focus, path in union)
    for size in (1, 2, 200):
        assert _batched(store, size) == union
    describing = {
        str(g)
        for focus, _path in union
        for (g,) in store.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{focus}> ?p ?o }} }}")
    }
    assert len(describing) > 2  # the agents' registry and articles
    assert {str(g.graph) for g in shacl_problems(store)} == describing


@pytest.mark.parametrize(
    "update",
    [
        "",  # sound
        f"DELETE {{ ?p <{OA}start> ?s }} INSERT {{ ?p <{OA}start> 3 }}"
        f" WHERE {{ ?p <{OA}start> ?s }}",  # spans off their text (SHACL-SPARQL)
        f"INSERT {{ ?c <https://schema.org/text> 'again'@en }}"
        f" WHERE {{ ?c a <{CG}Claim> }}",  # two English texts (sh:uniqueLang)
        f"DELETE {{ ?a a <{PROV}Agent> }} WHERE {{ ?a a <{PROV}Agent> }}",  # sh:class
    ],
)
def test_the_engine_reports_what_pyshacl_reports(corpus: Corpus, update: str) -> None:
    """pyshacl-turbo replaced pySHACL: on the same data, the same violations."""
    pyshacl = pytest.importorskip("pyshacl")
    from kg.validate import shapes_graph, union_graph

    graph = union_graph(corpus.dataset())
    if update:
        graph.update(update)
    _c, expected, _t = pyshacl.validate(
        graph, shacl_graph=shapes_graph(), advanced=True, allow_warnings=True
    )
    _conforms, report = validate(graph)
    assert {(str(v.focus), str(v.path)) for v in violations(report)} == {
        (str(v.focus), str(v.path)) for v in violations(expected)
    }
    assert (update == "") == (not list(violations(report)))
