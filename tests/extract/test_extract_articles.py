"""Whole-article tests: exact spans everywhere, and the scores against the curated files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract_article, read_article
from kg.extract.score import Score, load_gold, score_article, score_extraction

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_eae76bf788f95f59.txt"
DATA = ROOT / "tests" / "data" / "extract"
ARTICLES = [SEED, *sorted(DATA.glob("*.txt"))]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_spans_are_exact(path: Path) -> None:
    article = read_article(path)
    result = extract_article(article)
    assert result.claims
    for st in result.claims:
        assert article.text[st.start : st.end] == st.text
        for q in st.quantities:
            assert article.text[q.start : q.end] == q.text
            assert st.start <= q.start < q.end <= st.end
        assert 0 <= st.confidence <= 1
        assert st.attributed == (st.claimant.id != "@article")
    ids = [st.id for st in result.claims]
    assert len(set(ids)) == len(ids)
    for st in result.claims:
        assert set(st.targets) <= set(ids)


def test_seed_f1_at_least_0_9() -> None:
    score = score_article(SEED)
    assert score.f1 >= 0.9, score


def test_seed_details() -> None:
    article = read_article(SEED)
    result = extract_article(article)
    assert result.source.language == "id"
    assert result.source.author == "Banyu Uwir"
    denials = [c for c in result.claims if c.kind == "denial"]
    assert {d.claimant.id for d in denials} == {"north-korea", "russia"}
    us = [c.id for c in result.claims if c.claimant.id == "united-states"]
    assert all(set(d.targets) <= set(us) and d.targets for d in denials)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.stem)
def test_own_articles_score(path: Path) -> None:
    """The project's own test articles (curated before tuning); floor well under today's score."""
    score = score_article(path)
    assert score.f1 >= 0.8, score


def test_scorer_counts_wrong_claimant_as_not_found() -> None:
    article = read_article(SEED)
    gold = load_gold(SEED.with_name(SEED.stem + ".claims.yaml"), article.text)
    result = extract_article(article)
    perfect = score_extraction(result, gold)
    broken = result.model_copy(deep=True)
    for st in broken.claims:
        if st.claimant.id == "oleg-burmistrov":
            st.claimant = st.claimant.model_copy(update={"id": "someone-else", "known": True})
    worse = score_extraction(broken, gold)
    assert worse.matched == perfect.matched - 2
    assert worse.span_pairs == perfect.span_pairs
    assert worse.claimant_ok == perfect.claimant_ok - 2
    total = Score.total([perfect, worse])
    assert total.gold == 2 * perfect.gold
