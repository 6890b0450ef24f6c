"""The curated seed: every span sits at its offsets, and the ten required items are there."""

from __future__ import annotations

import pytest

from kg.curation.seeds import Corpus
from kg.ids import agent_iri, claim_iri
from kg.model import Bundle, Comparator, Stance, Statement

from .conftest import SEED_ARTICLE


@pytest.fixture(scope="module")
def seed(corpus: Corpus) -> Bundle:
    (bundle,) = corpus.bundles
    return bundle


def by_claimant(seed: Bundle, agent: str) -> list[Statement]:
    return [s for s in seed.statements if s.claimant == str(agent_iri(agent))]


def test_source_keeps_the_article_text_and_its_hash(seed: Bundle) -> None:
    text = SEED_ARTICLE.read_bytes().decode("utf-8")
    assert seed.source.text == text
    assert seed.source.language == "id"
    assert seed.source.author == "Banyu Uwir"
    assert seed.source.title.startswith("Lavrov dari Rusia")


def test_every_span_is_found_at_its_offsets(seed: Bundle) -> None:
    text = seed.source.text
    for statement in seed.statements:
        pos, quote = statement.span.position, statement.span.quote
        assert text[pos.start : pos.end] == quote.exact, statement.id
        if quote.prefix:
            assert text[: pos.start].endswith(quote.prefix)
        if quote.suffix:
            assert text[pos.end :].startswith(quote.suffix)


def test_us_concerns_and_container_claim(seed: Bundle) -> None:
    us = by_claimant(seed, "united-states")
    on = {c for s in us for c in s.claims}
    assert str(claim_iri("weapons-for-technology")) in on
    assert str(claim_iri("military-cooperation-growing")) in on
    containers = next(s for s in us if str(claim_iri("containers-shipped")) in s.claims)
    assert containers.stance is Stance.asserts
    assert containers.date_text == "pada hari Jumat"
    claim = next(c for c in seed.claims if c.id == str(claim_iri("containers-shipped")))
    (quantity,) = claim.quantities
    assert (quantity.value, quantity.comparator, quantity.unit) == (
        1000,
        Comparator.more_than,
        "container",
    )


def test_north_korea_and_kremlin_deny_both_us_claims(seed: Bundle) -> None:
    denials = seed.denials()
    assert {d.claimant for d in denials} == {
        str(agent_iri("north-korea")),
        str(agent_iri("russia")),
    }
    us_ids = {s.id for s in by_claimant(seed, "united-states") if len(s.claims) == 1}
    for denial in denials:
        assert set(denial.claims) == {
            str(claim_iri("weapons-for-technology")),
            str(claim_iri("containers-shipped")),
        }
        assert set(denial.responds_to) <= us_ids and len(denial.responds_to) == 2


def test_burmistrov_two_direct_quotes(seed: Bundle) -> None:
    quotes = by_claimant(seed, "oleg-burmistrov")
    assert len(quotes) == 2 and all(q.quote for q in quotes)


def test_putin_claim_and_quote(seed: Bundle) -> None:
    putin = by_claimant(seed, "vladimir-putin")
    assert {s.quote for s in putin} == {True, False}
    quote = next(s for s in putin if s.quote)
    assert quote.span.quote.exact.startswith("Ada batasan tertentu.")


def test_hedged_news_agency_expectation(seed: Bundle) -> None:
    (agencies,) = by_claimant(seed, "russian-news-agencies")
    assert agencies.hedged and agencies.hedge == "diperkirakan"


def test_kim_and_spokesperson_and_accusation(seed: Bundle) -> None:
    (kim,) = by_claimant(seed, "kim-jong-un")
    assert "skema anti-Rusia imperialis" in kim.span.quote.exact
    (mfa,) = by_claimant(seed, "russian-mfa-spokesperson")
    assert mfa.quote and "kejahatan" in mfa.span.quote.exact
    (official,) = by_claimant(seed, "russian-official-zaporizhzhia")
    assert official.stance is Stance.accuses


def test_unattributed_gaza_report_is_asserted_by_the_article(seed: Bundle) -> None:
    gaza = next(s for s in seed.statements if str(claim_iri("gaza-hospital-strike")) in s.claims)
    assert gaza.claimant == seed.source.id
    assert not gaza.attributed
    claim = next(c for c in seed.claims if c.id == str(claim_iri("gaza-hospital-strike")))
    assert claim.quantities[0].comparator is Comparator.at_least
    assert claim.quantities[0].value == 500


def test_agents_carry_aliases_roles_and_wikidata(corpus: Corpus) -> None:
    agents = {a.id: a for a in corpus.agents}
    us = agents[str(agent_iri("united-states"))]
    assert {"Washington", "AS", "Amerika Serikat"} <= us.names()
    assert us.wikidata == "Q30"
    russia = agents[str(agent_iri("russia"))]
    assert {"Kremlin", "Moskow"} <= russia.names()
    assert "Pyongyang" in agents[str(agent_iri("north-korea"))].names()
    burmistrov = agents[str(agent_iri("oleg-burmistrov"))]
    assert burmistrov.roles[0].of == str(agent_iri("russia"))
    assert burmistrov.roles[0].title["en"] == "Russian Ambassador"
