"""Relative dates resolved against the publication date, Indonesian and English (a table)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.track.dates import find_dates, nearest_date, resolve

#: Wednesday 18 October 2023.
PUB = dt.date(2023, 10, 18)
D = dt.date

DAYS = [
    ("id", "pada hari Jumat", D(2023, 10, 13)),
    ("id", "hari Rabu", D(2023, 10, 18)),  # on or before: the publication day itself
    ("id", "Rabu lalu", D(2023, 10, 11)),  # "lalu": strictly before
    ("id", "Selasa malam", D(2023, 10, 17)),
    ("id", "hari Minggu", D(2023, 10, 15)),
    ("id", "kemarin", D(2023, 10, 17)),
    ("id", "sebulan yang lalu", D(2023, 9, 18)),
    ("id", "seminggu yang lalu", D(2023, 10, 11)),
    ("id", "dua hari lalu", D(2023, 10, 16)),
    ("id", "3 tahun yang lalu", D(2020, 10, 18)),
    ("en", "last Friday", D(2023, 10, 13)),
    ("en", "on Wednesday", D(2023, 10, 18)),
    ("en", "last Wednesday", D(2023, 10, 11)),
    ("en", "Tuesday night", D(2023, 10, 17)),
    ("en", "yesterday", D(2023, 10, 17)),
    ("en", "a week ago", D(2023, 10, 11)),
    ("en", "two months ago", D(2023, 8, 18)),
    ("en", "3 days ago", D(2023, 10, 15)),
]

RANGES = [
    ("id", "pekan lalu", D(2023, 10, 9), D(2023, 10, 15)),
    ("id", "minggu lalu", D(2023, 10, 9), D(2023, 10, 15)),
    ("id", "bulan lalu", D(2023, 9, 1), D(2023, 9, 30)),
    ("id", "dalam beberapa minggu terakhir", D(2023, 9, 20), D(2023, 10, 18)),
    ("en", "last week", D(2023, 10, 9), D(2023, 10, 15)),
    ("en", "last month", D(2023, 9, 1), D(2023, 9, 30)),
    ("en", "in recent weeks", D(2023, 9, 20), D(2023, 10, 18)),
]


@pytest.mark.parametrize(("lang", "text", "expected"), DAYS)
def test_days(lang: str, text: str, expected: dt.date) -> None:
    found = find_dates(
        f"Dia berkata {text}, lalu pergi." if lang == "id" else f"He said {text}.", lang
    )
    assert [e.text for e in found][:1] == [text]
    r = resolve(text, lang, PUB)
    assert r.date == expected
    assert not r.is_range


@pytest.mark.parametrize(("lang", "text", "start", "end"), RANGES)
def test_ranges(lang: str, text: str, start: dt.date, end: dt.date) -> None:
    r = resolve(text, lang, PUB)
    assert r.date is None and r.is_range
    assert (r.start, r.end) == (start, end)


@pytest.mark.parametrize(("lang", "text"), [(lang, text) for lang, text, _ in DAYS])
def test_kept_as_written_without_a_publication_date(lang: str, text: str) -> None:
    r = resolve(text, lang, None)
    assert (r.text, r.date, r.start, r.end) == (text, None, None, None)


def test_vague_counts_are_kept_as_written() -> None:
    assert resolve("several days ago", "en", PUB).date is None
    assert resolve("beberapa hari yang lalu", "id", PUB).date is None


def test_minggu_alone_is_a_week_not_sunday() -> None:
    assert [e.text for e in find_dates("Mereka bertemu minggu lalu.", "id")] == ["minggu lalu"]
    assert find_dates("Dalam satu minggu mereka pulang.", "id") == []


def test_publication_on_the_named_weekday() -> None:
    friday = D(2023, 10, 13)
    assert resolve("pada hari Jumat", "id", friday).date == friday
    assert resolve("last Friday", "en", friday).date == D(2023, 10, 6)


def test_nearest_date_stays_in_its_sentence() -> None:
    text = "Washington mengklaim pada hari Jumat bahwa X.\n\nTuduhan itu dibantah oleh Kremlin."
    i = text.index("Tuduhan")
    assert nearest_date(text, i, i + 10, "id") is None
    expr = nearest_date(text, 0, 10, "id")
    assert expr is not None and text[expr.start : expr.end] == "pada hari Jumat"


def test_unknown_language_finds_nothing() -> None:
    assert find_dates("vendredi dernier", "fr") == []
    assert resolve("vendredi dernier", "fr", PUB).date is None
