"""Quantity parsing table tests (both number styles, comparators, multipliers, words)."""

from __future__ import annotations

import pytest

from kg.extract.quantities import find_quantities, parse_number

TABLE = [
    ("lebih dari 1.000 kontainer", "id", 1000, "more-than", "container"),
    ("2,56 persen", "id", 2.56, "exactly", "percent"),
    ("1,5 juta ton", "id", 1500000, "exactly", "tonne"),
    ("sekitar 130 pemimpin global", "id", 130, "approximately", "leader"),
    ("sedikitnya 500 warga sipil", "id", 500, "at-least", "civilian"),
    ("sedikitnya dua warga sipil", "id", 2, "at-least", "civilian"),
    ("dua lantai", "id", 2, "exactly", "floor"),
    ("kurang dari 50 orang", "id", 50, "less-than", "person"),
    ("hingga 30 persen", "id", 30, "at-most", "percent"),
    ("Rp300 miliar", "id", 300000000000, "exactly", "rupiah"),
    ("4,5%", "id", 4.5, "exactly", "percent"),
    ("at least 500 civilians", "en", 500, "at-least", "civilian"),
    ("more than 30 drones", "en", 30, "more-than", "drone"),
    ("more than 1,000 containers", "en", 1000, "more-than", "container"),
    ("about 2.5 million tonnes", "en", 2500000, "approximately", "tonne"),
    ("fewer than 300 auditors", "en", 300, "less-than", "auditor"),
    ("up to 40 percent", "en", 40, "at-most", "percent"),
    ("two workers", "en", 2, "exactly", "worker"),
    ("$5 billion", "en", 5000000000, "exactly", "usd"),
    ("12.4 billion pesos", "en", 12400000000, "exactly", "peso"),
]


@pytest.mark.parametrize(("text", "lang", "value", "comparator", "unit"), TABLE)
def test_quantity_table(text: str, lang: str, value: float, comparator: str, unit: str) -> None:
    (q,) = find_quantities(text, lang)
    assert q.value == value
    assert q.comparator == comparator
    assert q.unit == unit
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("sejak tahun 2018", "id"),
        ("pada 18 Oktober", "id"),
        ("saling memuji satu sama lain", "id"),
        ("in 2023 the talks", "en"),
        ("on 18 October", "en"),
        ("one of the ministers", "en"),
    ],
)
def test_not_quantities(text: str, lang: str) -> None:
    assert find_quantities(text, lang) == []


def test_number_styles_differ_by_language() -> None:
    assert parse_number("1.000", "id") == 1000
    assert parse_number("1,000", "en") == 1000
    assert parse_number("2,56", "id") == 2.56
    assert parse_number("2.56", "en") == 2.56


def test_offsets_are_shifted() -> None:
    (q,) = find_quantities("x lebih dari 5 kapal", "id", offset=100)
    assert (q.start, q.end) == (102, 120)
