"""One URL rule wherever a URL enters or leaves (issue 14, item 4).

Before: ``kg review --url "javascript:..."`` was accepted, stored and exported in ClaimReview,
while the ClaimReview importer refused it. Now :func:`kg.urls.web_url` (http or https, a host,
none of the characters an IRI may not hold) is applied by the models every door builds (review,
ingest front matter, claim files, ClaimReview import) and by the exports for URLs stored
earlier.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.curation.reviews import REVIEWS_GRAPH
from kg.export.claimreview import write_claimreviews
from kg.store import EmbeddedStore
from kg.urls import is_web_url
from tests.conftest import SEED_ARTICLE, SEEDS
from tests.security.conftest import kg, one_line_error

BAD_URLS = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    "http://",
    "https://exa mple.org/",
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/<script>",
    "//example.org/no-scheme",
]
BAD = URIRef("javascript:alert(1)")
VALID_REVIEW = Path(__file__).resolve().parent.parent / "data" / "claimreview" / "valid"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("urls") / "store"
    done = kg("build", "--seeds", str(SEEDS), "--store", str(path), "--exports",
              str(path.parent / "exports"))  # fmt: skip
    assert done.exit_code == 0, done.output
    return path


def _quads(path: Path) -> int:
    store = EmbeddedStore(path, read_only=True)
    try:
        return len(store)
    finally:
        store.close()


@pytest.mark.parametrize("url", BAD_URLS)
def test_review_refuses_a_url_that_is_not_http(store_dir: Path, url: str) -> None:
    before = _quads(store_dir)
    args = ["containers-shipped", "--rating", "False", "--by", "Tempo Cek Fakta", "--url", url]
    line = one_line_error(kg("review", *args, "--store", str(store_dir)), 2)
    assert "not an http(s) URL" in line
    assert _quads(store_dir) == before


def test_review_takes_an_https_url(store_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    done = kg("review", "containers-shipped", "--rating", "False", "--by", "Tempo Cek Fakta",
              "--url", "https://example.org/cek-fakta/kontainer", "--store", str(copy))  # fmt: skip
    assert done.exit_code == 0, done.output


@pytest.mark.parametrize("url", BAD_URLS[:4])
def test_ingest_refuses_a_front_matter_url_that_is_not_http(
    store_dir: Path, tmp_path: Path, url: str
) -> None:
    article = tmp_path / "a.txt"
    # not a seed article (a claim file covers those): the seed text with a line of its own
    text = SEED_ARTICLE.read_text(encoding="utf-8").replace("\n", "\nBaris baru.\n", 1)
    article.write_text(f"---\nurl: {json.dumps(url)}\n---\n{text}", encoding="utf-8")
    before = _quads(store_dir)
    line = one_line_error(kg("ingest", str(article), "--store", str(store_dir)), 2)
    assert "a.txt" in line and "not an http(s) URL" in line
    assert _quads(store_dir) == before


def _set_review_url(doc: list[dict], url: str) -> None:
    doc[0]["url"] = url


def _set_author_url(doc: list[dict], url: str) -> None:
    doc[0]["author"]["url"] = url


def _set_author_same_as(doc: list[dict], url: str) -> None:
    doc[0]["author"]["sameAs"] = [url, "https://www.wikidata.org/wiki/Q1"]


def _set_claimant_url(doc: list[dict], url: str) -> None:
    doc[0]["itemReviewed"]["author"]["url"] = url


def _set_first_appearance(doc: list[dict], url: str) -> None:
    doc[0]["itemReviewed"]["firstAppearance"]["url"] = url


def _set_appearance(doc: list[dict], url: str) -> None:
    doc[0]["itemReviewed"]["appearance"] = [url]


def _set_license(doc: list[dict], url: str) -> None:
    doc[0]["license"] = url


PLACES = [_set_review_url, _set_author_url, _set_author_same_as, _set_claimant_url,
          _set_first_appearance, _set_appearance, _set_license]  # fmt: skip
#: Refused by the rule, though the RFC 3987 parser the store writes with takes the last three.
IMPORT_BAD = [BAD_URLS[0], BAD_URLS[3], "http:///no-host", "https://example.org/it's",
              "https://example.org/" + "x" * 2100]  # fmt: skip


def _stored_terms(path: Path) -> set[str]:
    store = EmbeddedStore(path, read_only=True)
    try:
        rows = store.select("SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        return {str(t) for row in rows for t in row}
    finally:
        store.close()


@pytest.mark.parametrize("place", PLACES, ids=lambda f: f.__name__.removeprefix("_set_"))
@pytest.mark.parametrize("url", IMPORT_BAD, ids=lambda u: u[:30])
def test_claimreview_import_leaves_out_a_url_that_is_not_http(
    store_dir: Path, tmp_path: Path, place: object, url: str
) -> None:
    """The importer is lenient (a bad optional URL is a warning, the review is imported
    without it), but the URL never enters the store, wherever it is written."""
    doc = json.loads((VALID_REVIEW / "array.json").read_text(encoding="utf-8"))
    place(doc, url)  # type: ignore[operator]
    path = tmp_path / "review.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    done = kg("import", "claimreview", str(path), "--store", str(copy))
    assert done.exit_code == 0, done.output
    assert "not an http(s) URL; left out" in done.output, done.output
    stored = _stored_terms(copy)
    assert "https://example.org/cek-fakta/senjata-untuk-teknologi" in stored  # imported
    assert not [t for t in stored if url.strip() in t], url


def test_claimreview_relative_url_is_checked_once_resolved(store_dir: Path, tmp_path: Path) -> None:
    """A relative URL is resolved against the base first, then the rule is applied to what
    it resolved to: ``/bad'quote`` is refused, ``/ok`` kept as an absolute URL."""
    doc = json.loads((VALID_REVIEW / "array.json").read_text(encoding="utf-8"))
    doc[0]["itemReviewed"]["appearance"] = ["/bad'quote", "/ok"]
    path = tmp_path / "review.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    done = kg("import", "claimreview", str(path), "--base-url", "https://example.net/x/",
              "--store", str(copy))  # fmt: skip
    assert done.exit_code == 0, done.output
    assert '"https://example.net/bad\'quote" is not an http(s) URL; left out' in done.output
    stored = _stored_terms(copy)
    assert "https://example.net/ok" in stored
    assert not [t for t in stored if "bad'quote" in t]


def test_claimreview_base_url_must_be_http(store_dir: Path, tmp_path: Path) -> None:
    before = _quads(store_dir)
    args = ["import", "claimreview", str(VALID_REVIEW / "array.json"), "--base-url",
            "http:///no-host", "--store", str(store_dir)]  # fmt: skip
    line = one_line_error(kg(*args), 2)
    assert "--base-url" in line and "not an http(s) URL" in line
    assert _quads(store_dir) == before


def test_claim_file_source_url_must_be_http(seeds_copy: Path, tmp_path: Path) -> None:
    claims = next(iter(sorted(seeds_copy.glob("*.claims.yaml"))))
    text = claims.read_text(encoding="utf-8")
    assert "\nsource:\n" in text
    claims.write_text(text.replace("\nsource:\n", "\nsource:\n  url: 'javascript:alert(1)'\n", 1),
                      encoding="utf-8")  # fmt: skip
    args = ["--store", str(tmp_path / "store"), "--exports", str(tmp_path / "x")]
    line = one_line_error(kg("build", "--seeds", str(seeds_copy), *args), 2)
    assert claims.name in line and "not an http(s) URL" in line


def test_exports_leave_out_a_url_stored_before_the_rule(store_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    done = kg("review", "containers-shipped", "--rating", "False", "--by", "Tempo Cek Fakta",
              "--url", "https://example.org/ok", "--store", str(copy))  # fmt: skip
    assert done.exit_code == 0, done.output
    store = EmbeddedStore(copy)
    try:  # an old store: the review's url made a javascript: one behind the rule's back
        rows = store.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                            {"g": REVIEWS_GRAPH})  # fmt: skip
        triples = [(s, p, BAD if str(o) == "https://example.org/ok" else o) for s, p, o in rows]
        assert (None, None, BAD) in [(None, None, o) for _, _, o in triples]
        store.replace_graph_triples(REVIEWS_GRAPH, triples)  # type: ignore[arg-type]
        out = tmp_path / "out"
        write_claimreviews(store, out)
    finally:
        store.close()
    exported = "".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.json*")))
    assert "Tempo Cek Fakta" in exported and "javascript:" not in exported


@pytest.mark.parametrize("url", BAD_URLS)
def test_the_rule_refuses_every_bad_url(url: str) -> None:
    assert not is_web_url(url)
