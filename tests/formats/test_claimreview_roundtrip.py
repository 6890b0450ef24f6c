"""Publishers' ClaimReview in, claimgraph's out, and back: export, import, export gives the same
files, and a table says, field by field, what of a publisher's markup survives."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path
from typing import Any

from kg.export.claimreview import write_claimreviews
from kg.imports.claimreview import import_claimreviews
from kg.store import EmbeddedStore
from tests.formats.conftest import DATA

SHAPES = DATA / "publisher-shapes"
FILES = ["graph-org-by-id.json", "array-relative-urls.json", "datafeed-relative.json"]

#: Each field of the publishers' markup (as a path in a ClaimReview object) and whether
#: `kg import claimreview` then `kg export claimreview` writes it again.
SURVIVES = {
    "url": True,
    "datePublished": True,  # a date-time stays a date-time, with its offset
    "name": True,
    "license": True,
    "inLanguage": True,  # given or detected
    "claimReviewed": True,
    "author.name": True,
    "author.url": True,
    "author.sameAs": True,  # the organisation's @id joins its sameAs
    "author.@id": False,  # kept, as one of author.sameAs
    "reviewRating.alternateName": True,
    "reviewRating.ratingValue": True,
    "reviewRating.bestRating": True,
    "reviewRating.worstRating": True,
    "itemReviewed.author.name": True,
    "itemReviewed.author.sameAs": True,
    "itemReviewed.author.url": True,
    "itemReviewed.datePublished": True,
    "itemReviewed.appearance": True,
    "itemReviewed.firstAppearance": True,
    "itemReviewed.url": False,  # kept, as one of itemReviewed.appearance
    "headline": False,  # the same as name on every page met; name is kept
    "itemReviewed.author.jobTitle": False,
    "author.jobTitle": False,
    "author.image": False,
    "reviewRating.image": False,
}


def _reviews(doc: Any) -> list[dict[str, Any]]:
    if isinstance(doc, list):
        return [r for d in doc for r in _reviews(d)]
    if "@graph" in doc:
        return _reviews(doc["@graph"])
    if "dataFeedElement" in doc:
        return [r for e in doc["dataFeedElement"] for r in _reviews(e["item"])]
    return [doc] if "ClaimReview" in str(doc.get("@type")) else []


def _has(review: dict[str, Any], path: str) -> bool:
    values: list[Any] = [review]
    for key in path.split("."):
        values = [v for x in values for v in (x if isinstance(x, list) else [x])]
        # "/" is a placeholder some publishers write as a claimant's url: it is left out
        values = [
            x[key] for x in values if isinstance(x, dict) and x.get(key) not in (None, "", "/")
        ]
    return bool(values)


def _export(store: EmbeddedStore, folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in write_claimreviews(store, folder)}


def test_export_import_export_gives_identical_files(tmp_path: Path) -> None:
    with closing(EmbeddedStore()) as first:
        outcomes = import_claimreviews(first, [SHAPES / name for name in FILES])
        assert all(o.imported is not None for o in outcomes)
        exported = _export(first, tmp_path / "one")
    assert len(exported) == 5
    with closing(EmbeddedStore()) as second:
        again = import_claimreviews(second, [tmp_path / "one"])
        assert [o.status for o in again] == ["imported"] * len(exported)  # no warnings now
        assert _export(second, tmp_path / "two") == exported


def test_which_fields_survive(tmp_path: Path) -> None:
    originals = [
        r
        for name in FILES
        for r in _reviews(json.loads((SHAPES / name).read_text(encoding="utf-8")))
    ]
    with closing(EmbeddedStore()) as store:
        import_claimreviews(store, [SHAPES / name for name in FILES])
        exported = [
            r for text in _export(store, tmp_path).values() for r in _reviews(json.loads(text))
        ]
    by_claim = {r["claimReviewed"]: r for r in exported}
    seen = {path: False for path in SURVIVES}
    for original in originals:
        out = by_claim[original["claimReviewed"]]
        for path, survives in SURVIVES.items():
            if _has(original, path):
                seen[path] = True
                assert _has(out, path) == survives, path
    assert all(seen.values()), [p for p, s in seen.items() if not s]
    graph_review = next(r for r in exported if r.get("license"))
    assert graph_review["datePublished"] == "2024-06-11T22:06:09-03:00"
    assert graph_review["author"][2]["sameAs"] == [
        "http://www.wikidata.org/entity/Q4115189",
        "https://social.example.net/verifica",
        "https://verifica.example.org/#organization",
    ]
