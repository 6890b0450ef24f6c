"""Every canned query on the real seed graph (embedded store), with what it must answer."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.errors import QueryError
from kg.ids import agent_iri, claim_iri, source_iri
from kg.namespace import CG
from kg.queries import list_queries
from kg.queries.run import run_canned, run_user
from kg.store import EmbeddedStore
from kg.store.base import Rows

SOURCE = source_iri("eae76bf788f95f59")


@pytest.fixture(scope="module")
def seeded(dataset: Dataset) -> EmbeddedStore:
    store = EmbeddedStore()
    store.replace_graphs(dataset)
    return store


def rows(store: EmbeddedStore, name: str, **params: object) -> list[dict[str, object]]:
    answer = run_canned(store, name, params, limit=None)  # type: ignore[arg-type]
    assert isinstance(answer, Rows)
    return [dict(zip(answer.variables, row, strict=True)) for row in answer]


def test_every_canned_query_is_listed_with_a_description() -> None:
    names = {q.name for q in list_queries()}
    wanted = {"denials", "claims-by", "denied-by", "sources-for", "contested", "unattributed",
              "single-source", "quotes", "timeline", "quantities", "agents"}  # fmt: skip
    assert wanted <= names
    for query in list_queries():
        assert query.description, query.name


def test_denials(seeded: EmbeddedStore) -> None:
    got = rows(seeded, "denials")
    pairs = {(r["claim"], r["denier"], r["claimant"]) for r in got}
    us = agent_iri("united-states")
    assert pairs == {
        (claim_iri(c), agent_iri(d), us)
        for c in ("containers-shipped", "weapons-for-technology")
        for d in ("north-korea", "russia")
    }
    assert all(r["denialSource"] == SOURCE and r["originalSource"] == SOURCE for r in got)


def test_claims_by_matches_any_label_or_alias_in_any_case(seeded: EmbeddedStore) -> None:
    by_alias = rows(seeded, "claims-by", agent=Literal("WASHINGTON"))
    by_label = rows(seeded, "claims-by", agent=Literal("Pemerintah Amerika Serikat", lang="id"))
    claims = {r["claim"] for r in by_alias}
    assert claim_iri("containers-shipped") in claims and len(claims) == 3
    assert {r["claim"] for r in by_label} == claims
    assert rows(seeded, "claims-by", agent=Literal("Atlantis")) == []


def test_denied_by(seeded: EmbeddedStore) -> None:
    got = rows(seeded, "denied-by", agent=Literal("pyongyang"))
    assert {r["claim"] for r in got} == {
        claim_iri("containers-shipped"),
        claim_iri("weapons-for-technology"),
    }
    assert {r["claimant"] for r in got} == {agent_iri("united-states")}


def test_sources_for(seeded: EmbeddedStore) -> None:
    got = rows(seeded, "sources-for", claim=claim_iri("containers-shipped"))
    assert {r["stance"] for r in got} == {CG.asserts, CG.denies}
    assert len(got) == 3 and all(r["source"] == SOURCE and r["quote"] for r in got)
    assert any("1.000 kontainer" in str(r["quote"]) for r in got)


def test_contested_ranks_the_denied_claims(seeded: EmbeddedStore) -> None:
    got = rows(seeded, "contested")
    assert {r["claim"] for r in got} == {
        claim_iri("containers-shipped"),
        claim_iri("weapons-for-technology"),
    }
    assert all(int(r["denials"]) == 2 and int(r["assertions"]) >= 1 for r in got)  # type: ignore[call-overload]


def test_unattributed(seeded: EmbeddedStore) -> None:
    got = rows(seeded, "unattributed")
    claims = {r["claim"] for r in got}
    assert claim_iri("visit-paves-way") in claims
    assert claim_iri("containers-shipped") not in claims


def test_single_source(seeded: EmbeddedStore) -> None:
    got = rows(seeded, "single-source")
    assert len(got) == 14 and {r["source"] for r in got} == {SOURCE}


def test_quotes_have_speakers(seeded: EmbeddedStore) -> None:
    got = rows(seeded, "quotes")
    assert got and all(r["speaker"] and r["quote"] for r in got)
    assert agent_iri("vladimir-putin") in {r["speaker"] for r in got}


def test_timeline_follows_the_article(seeded: EmbeddedStore) -> None:
    got = rows(seeded, "timeline")
    statements = list(dict.fromkeys(r["statement"] for r in got))
    assert len(statements) == 16
    assert all(r["date"] is None for r in got)  # the seed has no dates: undated, listed last
    assert len(got) == 18  # two denials are about two claims each


def test_quantities(seeded: EmbeddedStore) -> None:
    got = rows(seeded, "quantities")
    values = {(r["claim"], float(r["value"])) for r in got}  # type: ignore[arg-type]
    assert (claim_iri("containers-shipped"), 1000.0) in values
    assert len(got) == 5


def test_agents_with_aliases_and_counts(seeded: EmbeddedStore) -> None:
    got = {r["agent"]: r for r in rows(seeded, "agents")}
    us = got[agent_iri("united-states")]
    assert "Washington" in str(us["aliases"]) and int(us["statements"]) == 3  # type: ignore[call-overload]
    assert int(got[agent_iri("russia")]["denials"]) == 1  # type: ignore[call-overload]


def test_paging(seeded: EmbeddedStore) -> None:
    first = run_canned(seeded, "timeline", limit=5)
    second = run_canned(seeded, "timeline", limit=5, offset=5)
    assert isinstance(first, Rows) and isinstance(second, Rows)
    i = first.variables.index("statement")
    a, b = {row[i] for row in first}, {row[i] for row in second}
    assert len(a) == len(b) == 5 and not a & b


def test_missing_and_unknown_params_are_errors(seeded: EmbeddedStore) -> None:
    with pytest.raises(QueryError, match="needs --param agent"):
        run_canned(seeded, "claims-by", {})
    with pytest.raises(QueryError, match="no parameter"):
        run_canned(seeded, "denials", {"x": Literal("y")})


@pytest.mark.parametrize(
    "text",
    ["DROP ALL", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "LOAD <file:///etc/passwd>",
     "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
     "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"],
)  # fmt: skip
def test_user_queries_are_read_only_and_local(seeded: EmbeddedStore, text: str) -> None:
    before = len(seeded)
    with pytest.raises(QueryError, match="refused"):
        run_user(seeded, text)
    assert len(seeded) == before


def test_row_cap_and_timeout(seeded: EmbeddedStore) -> None:
    capped = run_user(seeded, "SELECT * WHERE { ?s ?p ?o }", cap=7)
    assert len(list(capped)) == 7 and capped.truncated  # type: ignore[union-attr, arg-type]
    huge = run_user(seeded, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                    cap=10**12, timeout=0.5)  # fmt: skip
    with pytest.raises(QueryError, match="timed out"):
        for _ in huge:  # type: ignore[union-attr]
            pass
    # the store still answers after an abandoned query
    assert run_user(seeded, "ASK { ?s ?p ?o }") is True


def test_user_query_with_bound_param(seeded: EmbeddedStore) -> None:
    answer = run_user(
        seeded, "SELECT ?t WHERE { $c <https://schema.org/text> ?t }",
        {"c": URIRef(claim_iri("containers-shipped"))},
    )  # fmt: skip
    assert len(list(answer)) == 2  # type: ignore[arg-type]
