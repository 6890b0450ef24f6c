"""``kg serve``'s forms, submitted for real in headless Chromium: the index filter and the search.

The pages' Content-Security-Policy must let a form submit to the same origin (``form-action
'self'``) and nowhere else; the index filters on the server across every claim, not only the
rows of the current page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from kg.store import EmbeddedStore
from kg.view import View
from kg.web.app import create_app
from kg.web.pages import Links, index_page
from tests.servers import serve_app
from tests.web.chromium import Chromium


@pytest.fixture(scope="module")
def served_news(news_store: EmbeddedStore) -> Iterator[str]:
    yield from serve_app(create_app(news_store))


def type_into(browser: Chromium, selector: str, text: str) -> None:
    """Focus a field, clear it, and type ``text`` as keyboard input."""
    browser.evaluate(
        f"(function () {{ var e = document.querySelector({json.dumps(selector)});"
        " e.focus(); e.select(); })()"
    )
    browser.send("Input.insertText", {"text": text})


def click_on(browser: Chromium, selector: str) -> None:
    """A real mouse click on the middle of an element."""
    box = browser.evaluate(
        f"(function () {{ var r = document.querySelector({json.dumps(selector)})"
        ".getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()"
    )
    browser.click(box["x"], box["y"])


def wait_for_page(browser: Chromium, needle: str) -> None:
    browser.wait_for(
        f"location.search.indexOf({json.dumps(needle)}) >= 0 && document.readyState === 'complete'",
        timeout=20,
    )


def visible_rows(browser: Chromium) -> list[str]:
    return browser.evaluate(
        "Array.prototype.filter.call(document.querySelectorAll('#claims tbody tr'),"
        " r => !r.classList.contains('hidden')).map(r => r.querySelector('a').textContent)"
    )


def test_the_index_filter_form_submits_and_filters_every_claim(
    browser: Chromium, served_news: str, news_view: View
) -> None:
    full = index_page(news_view, Links(news_view, 0, ""))
    rows = full.context["rows"]
    assert len(rows) > 100  # more than one page
    last = rows[-1]["claim"]  # on the last page
    word = max(re.findall(r"\w{5,}", last.label("en")), key=len).casefold()
    expected = [r["claim"].label("en") for r in rows if word in r["search"]]
    browser.events.clear()
    browser.goto(served_news + "/")
    type_into(browser, "#q", word)
    click_on(browser, "#facets button[type=submit]")
    wait_for_page(browser, "q=")
    assert visible_rows(browser) == expected
    assert last.label("en") in visible_rows(browser)
    assert browser.errors() == []


def test_the_index_facet_form_submits(browser: Chromium, served_news: str) -> None:
    browser.events.clear()
    browser.goto(served_news + "/")
    browser.evaluate(
        "(function () { var s = document.querySelector('select[name=stance]');"
        " s.value = 'denies'; })()"
    )
    click_on(browser, "#facets button[type=submit]")
    wait_for_page(browser, "stance=denies")
    stances = browser.evaluate(
        "Array.prototype.map.call(document.querySelectorAll('#claims tbody tr'),"
        " r => r.getAttribute('data-stance'))"
    )
    assert stances and all("denies" in s.split() for s in stances)
    assert browser.errors() == []


def test_the_search_form_submits_and_returns_rows(browser: Chromium, served_news: str) -> None:
    browser.events.clear()
    browser.goto(served_news + "/search")
    type_into(browser, "input[name=q]", "Korea")
    click_on(browser, "form button[type=submit]")
    wait_for_page(browser, "q=Korea")
    results = browser.evaluate(
        "Array.prototype.map.call(document.querySelectorAll('#results li'), li => li.innerText)"
    )
    assert results and any("Korea" in r for r in results)
    # narrow to claim texts in Indonesian or English, the languages typed as a user would
    type_into(browser, "input[name=lang]", "id, en")
    click_on(browser, "input[name=kind][value=claim]")
    click_on(browser, "form button[type=submit]")
    wait_for_page(browser, "lang=id")
    narrowed = browser.evaluate(
        "Array.prototype.map.call(document.querySelectorAll('#results li'), li => li.textContent)"
    )
    assert narrowed and all(r.startswith("claim") for r in narrowed)
    assert any("[id]" in r for r in narrowed) and any("[en]" in r for r in narrowed)
    assert browser.errors() == []


def test_a_form_may_not_submit_to_another_origin(browser: Chromium, served_news: str) -> None:
    browser.events.clear()
    browser.goto(served_news + "/search")
    browser.evaluate(
        "(function () { var f = document.querySelector('form');"
        " f.action = 'http://127.0.0.2:9/steal'; })()"
    )
    click_on(browser, "form button[type=submit]")
    browser.wait_for("true")
    browser.drain()
    assert any("form-action" in e for e in browser.errors())
    assert browser.evaluate("location.pathname") == "/search"


def test_served_pages_switch_language_and_keep_it(
    browser: Chromium, served_news: str, news_view: View
) -> None:
    claim = news_view.claims["https://w3id.org/claimgraph/id/claim/containers-shipped"]
    browser.events.clear()
    browser.goto(served_news + "/claim/containers-shipped")
    assert browser.evaluate("document.querySelector('h1').textContent") == claim.text["en"]
    click_on(browser, "nav a.hl[hreflang=id]")
    wait_for_page(browser, "hl=id")
    assert browser.evaluate("document.querySelector('h1').textContent") == claim.text["id"]
    assert browser.evaluate("document.documentElement.lang") == "id"
    # English only on demand, and every page link keeps the language
    assert browser.evaluate("document.querySelector('details.other-langs').open") is False
    assert (
        browser.evaluate("document.querySelector('details.other-langs p').textContent")
        == (claim.text["en"])
    )
    hrefs = browser.evaluate(
        "Array.prototype.map.call(document.querySelectorAll('main a[href*=\"agent/\"]'),"
        " a => a.getAttribute('href'))"
    )
    assert hrefs and all(h.endswith("?hl=id") for h in hrefs)
    assert "Korea Utara" in browser.evaluate("document.body.innerText")
    # the index filter form keeps the language too
    browser.goto(served_news + "/?hl=id")
    type_into(browser, "#q", "kontainer")
    click_on(browser, "#facets button[type=submit]")
    wait_for_page(browser, "q=kontainer")
    assert "hl=id" in browser.evaluate("location.search")
    assert claim.text["id"] in visible_rows(browser)
    assert browser.errors() == []


def test_a_bad_page_language_is_a_one_line_400(news_store: EmbeddedStore) -> None:
    import httpx

    app = create_app(news_store)

    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return await c.get("/claim/containers-shipped", params={"hl": "xx"})

    import asyncio

    r = asyncio.run(run())
    assert r.status_code == 400 and r.text == "bad hl: one of en, id\n"
