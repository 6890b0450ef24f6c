"""Scoring and matching: cross-language agreement, and conflicts that push hard negatives down."""

from __future__ import annotations

from kg.track.features import find_agents, signature, words
from kg.track.match import Kind, classify, same_claim
from kg.track.score import score

CONTAINERS_EN = "North Korea has shipped more than 1,000 containers of munitions to Russia."
CONTAINERS_ID = "Korea Utara telah mengirimkan lebih dari 1.000 kontainer amunisi ke Rusia."


def test_translation_scores_as_the_same_claim() -> None:
    s = score(signature(CONTAINERS_EN, "en"), signature(CONTAINERS_ID, "id"))
    assert s.value >= 0.9
    assert classify(s) is Kind.exact


def test_score_is_symmetric() -> None:
    a, b = signature(CONTAINERS_EN, "en"), signature("Putin visits Pyongyang.", "en")
    assert score(a, b).value == score(b, a).value


def test_quantity_conflict_pushes_down_whatever_the_wording() -> None:
    a = signature(CONTAINERS_EN, "en")
    b = signature(CONTAINERS_EN.replace("more than 1,000", "about 300"), "en")
    s = score(a, b)
    assert s.wording == 1.0 and s.quantity_conflict
    assert s.value < 0.5
    assert classify(s) is Kind.related


def test_more_than_is_compatible_with_a_larger_exact_number() -> None:
    a = signature(CONTAINERS_EN, "en")
    b = signature(CONTAINERS_EN.replace("more than 1,000", "1,200"), "en")
    assert score(a, b).quantities == 1.0


def test_numbers_in_other_units_do_not_conflict() -> None:
    a = signature("Ukraine says 20 drones hit the depot.", "en")
    b = signature("Ukraine says drones hit the depot, destroying 3 tanks.", "en")
    assert not score(a, b).quantity_conflict


def test_entity_conflict_pushes_down() -> None:
    a = signature("Vietnam sent 1,000 containers of munitions.", "en")
    b = signature("China sent 1,000 containers of munitions.", "en")
    s = score(a, b)
    assert s.entity_conflict
    assert not same_claim(classify(s))


def test_same_agents_different_claim_is_not_the_same_claim() -> None:
    a = signature("North Korea supplies weapons to Russia.", "en")
    b = signature("Korea Utara dan Rusia menandatangani pakta pertahanan.", "id")
    s = score(a, b)
    assert s.entities == 1.0
    assert not same_claim(classify(s))


def test_entities_count_only_with_some_shared_wording() -> None:
    a = signature("North Korea and Russia signed a defence pact.", "en")
    b = signature("North Korea and Russia held talks.", "en")
    assert score(a, b).value < 0.3


def test_date_conflict_caps_at_related() -> None:
    import datetime as dt

    text = "North Korea sent containers of munitions to Russia last week."
    a = signature(text, "en", dt.date(2023, 10, 16))
    b = signature(text, "en", dt.date(2021, 3, 2))
    s = score(a, b)
    assert s.date_conflict
    assert classify(s) is Kind.related


def test_agents_resolved_in_both_languages_and_by_metonym() -> None:
    found = [a for _, _, a in find_agents("AS dan Washington menuduh Pyongyang; as usual")]
    assert found == ["united-states", "united-states", "north-korea"]  # "as" is not "AS"


def test_lexicon_shares_tokens_across_languages() -> None:
    assert words("memasok senjata dan amunisi", "id") == words("supplied arms and ammunition", "en")
