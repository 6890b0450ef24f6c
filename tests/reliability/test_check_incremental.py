"""`kg check` reads again only what changed since the last check (kg/check_record.py).

A check records, beside the store, each graph's version, a digest per node it describes and
what was found; the next check validates only the nodes whose description changed and those
pointing at them. These tests write through the store's own API (as ingest, retract and
imports do: every write moves the graph's version) and compare what an incremental check
reports with what a full check of the same store reports.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

import kg.check_record
import kg.integrity
from kg.check_record import CheckRecord, record_path
from kg.cli import main
from kg.ingest import ingest_files
from kg.ingest.keep import retract_graph
from kg.integrity import run_check
from kg.store import EmbeddedStore
from tests.articles import seed_shaped

ID = "https://w3id.org/claimgraph/id/"
CG = "https://w3id.org/claimgraph/ns#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder of three seed-shaped articles (the later ones cite the first one's
    claims and share its agents); each test works on its own copy."""
    folder = tmp_path_factory.mktemp("built")
    paths = seed_shaped(folder, 3)
    store = EmbeddedStore(folder / "store")
    assert len(ingest_files(paths, store).ingested) == 3
    store.close()
    return folder / "store"


@pytest.fixture
def path(built: Path, tmp_path: Path) -> Path:
    for suffix in ("", ".search", ".claims.sqlite"):
        source = built.with_name(built.name + suffix)
        if source.is_dir():
            shutil.copytree(source, tmp_path / f"store{suffix}")
        elif source.exists():
            shutil.copy(source, tmp_path / f"store{suffix}")
    return tmp_path / "store"


def _articles(store: EmbeddedStore) -> list[URIRef]:
    return [g for g in store.graphs() if not str(g).endswith(("agents", "matches"))]


def _rewrite(path: Path, graph: URIRef | str, old: str, new: str, count: int = 0) -> None:
    """Rewrite one graph through the store's API (as a re-ingest does): ``old`` (a regular
    expression) in its N-Triples -> ``new`` (every match, or the first ``count``)."""
    store = EmbeddedStore(path)
    iri = URIRef(str(graph))
    text = store.ntriples("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH $g { ?s ?p ?o } }", {"g": iri})
    changed = re.sub(old, new, text, count=count)
    assert changed != text
    store.replace_graph_triples(iri, Graph().parse(data=changed, format="nt"))
    store.close()


def _check(path: Path, full: bool = False, jobs: int = 1) -> tuple[list[str], int | None, bool]:
    """A check's problems, how many nodes it checked again (None: all) and whether it was
    full."""
    store = EmbeddedStore(path)
    try:
        report = run_check(store, full=full, jobs=jobs)
    finally:
        store.close()
    return [str(p) for p in report.problems], report.nodes, report.full


def test_a_corruption_written_after_a_clean_check_is_found_by_the_next_check(
    path: Path,
) -> None:
    ok = CliRunner().invoke(main, ["check", "--jobs", "1", "--store", str(path)])
    assert ok.exit_code == 0, ok.stderr
    assert "every graph checked" in ok.stdout
    store = EmbeddedStore(path, read_only=True)
    graph = _articles(store)[1]
    store.close()
    # a confidence out of range (SHACL) and a span shifted off its text (the span check)
    _rewrite(path, graph, f'(<{CG}confidence> )"[^"]*"', r'\1"2.5"', 1)
    bad = CliRunner().invoke(main, ["check", "--jobs", "1", "--store", str(path)])
    assert bad.exit_code == 3
    assert f"problem: {graph}: does not conform to the SHACL shapes" in bad.stderr
    assert "(1 graph(s) changed since the last check, " in bad.stderr


def test_an_unchanged_store_is_checked_again_reading_no_graph(path: Path) -> None:
    store = EmbeddedStore(path, read_only=True)
    graph = _articles(store)[2]
    store.close()
    _rewrite(path, graph, f'<{OA}start> "', f'<{OA}start> "1')  # offsets off their text
    first, checked, full = _check(path)
    assert full and checked is None
    assert any("span text does not match" in p for p in first)
    again, checked, full = _check(path)
    assert (again, checked, full) == (first, 0, False)  # the findings kept, nothing read
    ok = CliRunner().invoke(main, ["check", "--jobs", "1", "--store", str(path)])
    assert "(0 graph(s) changed since the last check, 0 node(s) checked again)" in ok.stderr


def test_a_text_index_out_of_step_is_reported_again_by_the_next_check(path: Path) -> None:
    store = EmbeddedStore(path)
    graph = _articles(store)[1]
    store.index.drop(str(graph))  # its documents gone from the index, the graph unchanged
    store.index.commit()
    store.close()
    first, _checked, full = _check(path)
    assert full and first == [f"{graph}: " + first[0].split(": ", 1)[1]]
    assert "run kg reindex" in first[0]
    assert _check(path)[:2] == (first, 0)  # not read again, and not forgotten


def test_a_change_of_the_shapes_makes_the_check_full(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _check(path)[1:] == (None, True)
    assert _check(path)[1:] == (0, False)
    real = kg.check_record.ontology_text
    monkeypatch.setattr(
        kg.check_record, "ontology_text", lambda name: real(name) + "\n# one more shape\n"
    )
    assert _check(path)[1:] == (None, True)
    assert _check(path)[1:] == (0, False)
    assert _check(path, full=True)[1:] == (None, True)


def test_a_retracted_article_leaves_the_record_and_a_replaced_one_is_checked_again(
    path: Path,
) -> None:
    store = EmbeddedStore(path, read_only=True)
    first, second = _articles(store)[1:3]
    store.close()
    _rewrite(path, second, f'<{OA}start> "', f'<{OA}start> "1')
    problems, _checked, _full = _check(path)
    assert problems
    record = CheckRecord(record_path(path))
    assert str(first) in record.versions()
    assert any(f.graph == str(second) for f in record.findings())
    record.close()

    store = EmbeddedStore(path)
    assert retract_graph(store, first)  # kg retract
    store.close()
    assert _check(path)[0] == problems
    record = CheckRecord(record_path(path))
    assert str(first) not in record.versions()
    assert not record.digests(str(first))
    record.close()

    _rewrite(path, second, f'<{OA}start> "1', f'<{OA}start> "')  # re-ingested sound
    clean, checked, full = _check(path)
    assert (clean, full) == ([], False) and checked
    record = CheckRecord(record_path(path))
    store = EmbeddedStore(path, read_only=True)
    assert record.versions()[str(second)] == store.graph_version(second)
    assert record.findings() == []
    record.close()
    store.close()


@pytest.mark.parametrize(
    "change",
    [
        "agent-untyped",  # a shared agent loses its type: every article attributing to it
        "claim-text",  # a cited claim's text rewritten in the article typing it
        "statement-claimless",  # a statement loses its claim
        "shared-node-broken",  # one graph says something wrong about a claim others describe
    ],
)
def test_an_incremental_check_reports_what_a_full_check_reports(path: Path, change: str) -> None:
    assert _check(path)[0] == []
    store = EmbeddedStore(path, read_only=True)
    articles = _articles(store)
    if change == "agent-untyped":
        (agent,) = [
            a
            for (a,) in store.select(
                f"SELECT ?a WHERE {{ GRAPH ?g {{ ?st <{PROV}wasAttributedTo> ?a }}"
                f" GRAPH <{ID}graph/agents> {{ ?a a <{PROV}Agent> }} }} GROUP BY ?a"
                " ORDER BY DESC(COUNT(DISTINCT ?g)) LIMIT 1"
            )
        ]
        store.close()
        _rewrite(
            path, f"{ID}graph/agents", re.escape(f"<{agent}> <{RDF_TYPE}> <{PROV}Agent> .\n"), ""
        )
    elif change == "claim-text":
        claim, text = store.select(
            f"SELECT ?c ?t WHERE {{ GRAPH <{articles[0]}> {{ ?c a <{CG}Claim> ;"
            " <https://schema.org/text> ?t } } ORDER BY ?c LIMIT 1"
        ).rows[0]
        store.close()
        other = Literal("Penguins prefer cold water", lang=getattr(text, "language", None))
        _rewrite(
            path,
            articles[0],
            re.escape(f"<{claim}> <https://schema.org/text> "),
            f"<{claim}> <x:y> ",
        )
        store = EmbeddedStore(path)
        store.add_triples(articles[0], [(claim, URIRef("https://schema.org/text"), other)])
        store.close()
    elif change == "shared-node-broken":
        node, graph = store.select(
            "SELECT ?s (MAX(?g) AS ?in) WHERE { GRAPH ?g { ?s ?p ?o }"
            f" FILTER EXISTS {{ ?s a <{CG}Claim> }} }}"
            " GROUP BY ?s HAVING (COUNT(DISTINCT ?g) > 1) ORDER BY ?s LIMIT 1"
        ).rows[0]
        store.close()
        store = EmbeddedStore(path)
        again = Literal("said again", lang="en")  # a second English text (sh:uniqueLang)
        store.add_triples(graph, [(node, URIRef("https://schema.org/text"), again)])
        store.close()
    else:
        store.close()
        _rewrite(path, articles[2], f"<{CG}claim> ", f"<{CG}claimed> ")
    incremental, checked, full = _check(path)
    assert not full and checked
    assert incremental
    assert incremental == _check(path, full=True)[0]


def test_one_changed_article_is_checked_without_the_others(path: Path) -> None:
    """An agent every article describes in its own graph (as the agents' registry does) does
    not send the other articles' statements back through the checks when one article goes:
    what the store says about it is unchanged."""
    store = EmbeddedStore(path)
    articles = _articles(store)
    (agent,) = [
        a
        for (a,) in store.select(
            f"SELECT ?a WHERE {{ GRAPH ?g {{ ?st <{PROV}wasAttributedTo> ?a }} }} GROUP BY ?a"
            " HAVING (COUNT(DISTINCT ?g) = 3) ORDER BY ?a LIMIT 1"
        )
    ]
    for graph in articles:
        store.add_triples(graph, [(agent, RDF_TYPE, URIRef(PROV + "Agent"))])
    store.close()
    assert _check(path)[0] == []
    store = EmbeddedStore(path)
    query = "SELECT DISTINCT ?s WHERE { GRAPH $g { ?s ?p ?o } }"
    own = {s for (s,) in store.select(query, {"g": articles[2]})}
    others = {s for g in articles[:2] for (s,) in store.select(query, {"g": g})}
    assert agent in own & others
    assert retract_graph(store, articles[2])
    store.close()
    problems, checked, full = _check(path)
    assert (problems, full) == ([], False)
    assert checked == len(own)  # its own nodes, not the other articles' statements


def test_worker_processes_find_what_one_process_finds(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # batches of two graphs, so that the full check's pass over the graphs and its SHACL
    # batches are several tasks each and go to the worker processes
    monkeypatch.setattr(kg.integrity, "BATCH", 2)
    monkeypatch.setattr(kg.integrity, "DIGEST_GRAPHS", 2)
    store = EmbeddedStore(path, read_only=True)
    articles = _articles(store)
    store.close()
    _rewrite(path, articles[0], f'(<{CG}confidence> )"[^"]*"', r'\1"2.5"', 1)
    _rewrite(path, articles[2], f'<{OA}start> "', f'<{OA}start> "1')
    one = _check(path, full=True, jobs=1)
    two = _check(path, full=True, jobs=2)
    assert one[0] and one == two
