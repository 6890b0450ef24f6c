"""Property test: arbitrary text never crashes the extractor."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.extract import extract_text

WORDS = st.sampled_from(
    [
        "kata",
        "mengatakan",
        "bahwa",
        "said",
        "denied",
        "“",
        "”",
        '"',
        ",",
        ".",
        "Putin",
        "Kremlin",
        "oleh",
        "dibantah",
        "menurut",
        "according",
        "to",
        "1.000",
        "2,5",
        "juta",
        "lebih",
        "dari",
        "at",
        "least",
        "\n",
        "\n\n",
        "seorang",
        "pejabat",
        "he",
        "ia",
        "tambahnya",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["id", "en"]))
def test_random_text_never_crashes(text: str, lang: str) -> None:
    result = extract_text(text, lang)
    for c in result.claims:
        assert text[c.start : c.end] == c.text


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=60), st.sampled_from(["id", "en", "auto"]))
def test_newsy_word_salad_never_crashes(words: list[str], lang: str) -> None:
    text = " ".join(words)
    try:
        result = extract_text(text, lang)
    except KgError:
        return  # auto-detection may refuse; that is a clean, documented error
    for c in result.claims:
        assert text[c.start : c.end] == c.text
