"""Offline language detection from the stopword lists in the language data files."""

from __future__ import annotations

import re

from kg.extract.errors import UnsupportedLanguageError
from kg.extract.langdata import available_languages, load_lang

__all__ = ["detect_language"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: A language wins only if its stopwords make up at least this share of the words ...
MIN_SHARE = 0.08
#: ... and at least this many stopword hits were seen.
MIN_HITS = 3


def detect_language(text: str, sample_chars: int = 20_000) -> str:
    """The code of the supported language whose stopwords are most frequent in ``text``.

    Raises UnsupportedLanguageError when no supported language is plausible.

    >>> detect_language("Menteri itu mengatakan bahwa harga beras akan turun dalam bulan ini.")
    'id'
    >>> detect_language("The minister said that the price of rice would fall in the coming month.")
    'en'
    """
    words = [w.lower() for w in _WORD.findall(text[:sample_chars])]
    if not words:
        raise UnsupportedLanguageError("cannot detect the language: the text has no words")
    best, best_hits = "", 0
    for code in available_languages():
        stop = load_lang(code).stopwords
        hits = sum(1 for w in words if w in stop)
        if hits > best_hits:
            best, best_hits = code, hits
    if best_hits < MIN_HITS or best_hits / len(words) < MIN_SHARE:
        supported = ", ".join(available_languages())
        raise UnsupportedLanguageError(
            f"cannot detect a supported language ({supported}); pass --lang explicitly"
        )
    return best
