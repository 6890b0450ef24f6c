"""The matching scorer on the curated pairs: a floor that the current matcher honestly reaches."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.track.evaluate import evaluate, load_pairs, report

PAIRS = Path(__file__).resolve().parents[1] / "data" / "pairs" / "pairs.yaml"


def test_the_pair_set_is_what_the_readme_says() -> None:
    pairs = load_pairs(PAIRS)
    assert len(pairs) >= 20
    langs = {(p["a"]["lang"], p["b"]["lang"]) for p in pairs}
    assert {("id", "id"), ("en", "en")} <= langs
    assert sum(1 for p in pairs if {p["a"]["lang"], p["b"]["lang"]} == {"id", "en"}) >= 10
    assert sum(1 for p in pairs if p.get("hard")) >= 10
    assert {p["label"] for p in pairs} == {"exact", "close", "related", "none"}
    assert len({p["id"] for p in pairs}) == len(pairs)


def test_same_claim_detection_reaches_its_floor() -> None:
    ev = evaluate(load_pairs(PAIRS))
    precision, recall, f1 = ev.prf()
    assert precision >= 0.9
    assert recall >= 0.85
    assert f1 >= 0.88
    kept, hard = ev.hard_negatives_rejected()
    assert kept / hard >= 0.9
    text = report(ev, verbose=True)
    assert "same claim (exact or close)" in text and "gold \\ predicted" in text


def test_bad_pair_files_are_input_errors(tmp_path: Path) -> None:
    bad = tmp_path / "pairs.yaml"
    bad.write_text("- {id: x, a: {lang: en, text: a}, b: {lang: en, text: b}, label: same}\n")
    with pytest.raises(InputError, match="label must be one of"):
        load_pairs(bad)
    bad.write_text("{}")
    with pytest.raises(InputError, match="expected a list"):
        load_pairs(bad)
