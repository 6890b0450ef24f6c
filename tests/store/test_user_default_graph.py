"""Users' queries (``kg query --file``, ``/sparql``) see the data only: the store's summary
counts (``stats:``, kept in the embedded store's own default graph for the canned queries)
stay out of their default graph unless asked for with ``--summaries``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef

from kg.cli import main
from kg.queries.run import run_canned, run_user
from kg.store import EmbeddedStore
from kg.store.writes import STATS
from kg.web.app import create_app
from tests.security.conftest import http

COUNT = f'SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER (STRSTARTS(STR(?p), "{STATS}")) }}'
ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CLAIM = "https://w3id.org/claimgraph/id/claim/containers-shipped"


@pytest.fixture(scope="module")
def store(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(tmp_path_factory.mktemp("user-default") / "store")
    s.replace_graphs(dataset)
    yield s
    s.close()


def _n(answer: object) -> int:
    [(n,)] = list(answer)  # type: ignore[call-overload]
    return int(n)


def test_user_queries_do_not_see_the_summaries(store: EmbeddedStore) -> None:
    assert _n(run_user(store, COUNT)) == 0
    assert _n(run_user(store, COUNT, summaries=True)) > 0
    # every data triple is still there: the named graphs' union
    quads = sum(1 for _ in store.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert _n(run_user(store, ALL)) == len({t for t in store_triples(store)}) > 0
    assert quads >= _n(run_user(store, ALL))
    # the canned queries still read the counts
    assert len(list(run_canned(store, "agents"))) > 0


def store_triples(store: EmbeddedStore) -> list[tuple[object, object, object]]:
    return [
        tuple(r) for r in store.select("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    ]


def test_sparql_endpoint_answers_with_data_only(store: EmbeddedStore) -> None:
    app = create_app(store)
    response = http(app, "GET", "/sparql", params={"query": COUNT, "format": "csv"})
    assert response.text.split() == ["n", "0"]


def test_cli_query_file_with_and_without_summaries(dataset: Dataset, tmp_path: Path) -> None:
    location = tmp_path / "store"
    with closing(EmbeddedStore(location)) as s:
        s.replace_graphs(dataset)
    query = tmp_path / "q.rq"
    query.write_text(COUNT, encoding="utf-8")
    runner = CliRunner()
    args = ["query", "--file", str(query), "--format", "csv", "--store", str(location)]
    plain = runner.invoke(main, args)
    assert plain.exit_code == 0, plain.output
    assert plain.output.split() == ["n", "0"]
    asked = runner.invoke(main, [*args, "--summaries"])
    assert asked.exit_code == 0, asked.output
    assert int(asked.output.split()[1]) > 0


def test_queries_blind_to_the_summaries_answer_the_same_on_the_union(
    store: EmbeddedStore,
) -> None:
    """A user query that cannot match a summary triple runs on the union default graph (fast
    on the embedded store); it gets the rows the named graphs alone give."""
    from collections import Counter

    from kg.queries import list_queries
    from kg.queries.safety import runnable, summary_blind

    params = {"claim": URIRef(CLAIM), "agent": Literal("russia"), "hash": Literal("sha256:0")}
    blind = 0
    for query in list_queries():
        if not set(query.params) <= set(params) or not summary_blind(query.text):
            continue
        blind += 1
        text = runnable(query.text)
        bound = {p: params[p] for p in query.params}
        union = store.execute(text, bound, data_only=False)
        named = store.execute(text, bound, data_only=True)
        if isinstance(union, bool):
            assert union == named, query.name
            continue
        assert Counter(map(tuple, union)) == Counter(map(tuple, named)), query.name  # type: ignore[arg-type]
    assert blind >= 5
    for text in (
        COUNT,
        ALL,
        "SELECT ?n WHERE { ?c cgs:statements ?n }",
        "DESCRIBE ?c WHERE { ?c a cg:Claim }",
    ):
        assert not summary_blind(text)
