"""The read model built from the seed graph through the view-*.rq queries."""

from __future__ import annotations

from kg.queries import load_query
from kg.view import View
from kg.view.model import page_slug, safe_href
from tests.web.conftest import CLAIM, NORTH_KOREA, RUSSIA, US


def test_view_queries_are_documented() -> None:
    for name in ("claims", "statements", "responses", "agents", "sources", "reviews"):
        query = load_query(f"view-{name}")
        assert query.description and query.text.lstrip().startswith("#")


def test_container_claim_has_one_assertion_and_two_denials(seed_view: View) -> None:
    claim = seed_view.claims[CLAIM]
    assert "1.000 kontainer" in claim.text["id"] and "1,000 containers" in claim.text["en"]
    by = {(s.claimant, s.stance) for s in seed_view.on_claim(CLAIM)}
    assert by == {(US, "asserts"), (NORTH_KOREA, "denies"), (RUSSIA, "denies")}


def test_statement_spans_match_the_article_and_sit_in_their_sentence(seed_view: View) -> None:
    for st in seed_view.statements.values():
        text = seed_view.sources[st.source].text
        assert text[st.start : st.end] == st.exact
        assert text[st.start - len(st.before) : st.end + len(st.after)] == (
            st.before + st.exact + st.after
        )
    denial = next(s for s in seed_view.on_claim(CLAIM) if s.claimant == NORTH_KOREA)
    assert denial.exact == "Tuduhan AS telah dibantah oleh Korea Utara dan Kremlin"
    assert denial.after == "." and denial.verb == "dibantah"
    assert any(t.endswith("/us-containers-claim") for t in denial.responds_to)


def test_agents_carry_labels_in_every_language_and_aliases(seed_view: View) -> None:
    russia = seed_view.agents[RUSSIA]
    assert russia.labels["en"] == "Government of Russia" and "Kremlin" in russia.aliases
    assert russia.wikidata == "Q159" and russia.kind == "government"


def test_slugs_and_links_are_safe() -> None:
    assert page_slug("https://w3id.org/claimgraph/id/agent/russia") == "russia"
    assert page_slug("urn:x:..").startswith("h-")
    assert page_slug("https://example.org/a/<b>").startswith("h-")
    assert safe_href("javascript:alert(1)") is None
    assert safe_href("JAVASCRIPT:alert(1)") is None
    assert safe_href("data:text/html,x") is None
    assert safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
