"""Content words of a statement, stemmed (Snowball), to tell when one statement answers
another: a denial repeats the words of what it denies ("tidak pernah membagi-bagikan uang"
answers "membagikan uang kepada peserta").
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.langdata import LangData

__all__ = ["content_stems", "has_negation", "negated_stems"]

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_SNOWBALL = {"id": "indonesian", "en": "english"}


@lru_cache(maxsize=4)
def _stemmer(code: str):  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer(_SNOWBALL.get(code, "porter"))


@lru_cache(maxsize=65536)
def _stem(code: str, word: str) -> str:
    return str(_stemmer(code).stemWord(word))


def content_stems(text: str, ld: LangData) -> frozenset[str]:
    """Stems of the words of ``text`` that carry content (no stopwords, no short words).

    >>> from kg.extract.langdata import load_lang
    >>> sorted(content_stems("Moeldoko tidak pernah membagi-bagikan uang", load_lang("id")))
    ['bagi-bagi', 'moeldoko', 'pernah', 'uang']
    """
    out = set()
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if len(word) < 4 or word in ld.stopwords or word in ld.negators:
            continue
        out.add(_stem(ld.code, word))
    return frozenset(out)


def has_negation(text: str, ld: LangData) -> bool:
    """True when ``text`` holds a negator word ("tidak", "bukan", "never", "didn't")."""
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if word in ld.negators or word.endswith(("n't", "n’t")):
            return True
    return False


def _agentish(ld: LangData) -> frozenset[str]:
    """Words naming who, not what: group nouns, institutions, titles."""
    return ld.agent_words


def negated_stems(text: str, ld: LangData, *, window: int = 4) -> frozenset[str]:
    """Stems of the content words just after each negator: what ``text`` says is not so.

    >>> from kg.extract.langdata import load_lang
    >>> sorted(negated_stems("Kami tidak pernah menerima uang dari siapa pun", load_lang("id")))
    ['erima', 'pernah', 'uang']
    """
    words = [m.group().lower() for m in _WORD.finditer(text)]
    out: set[str] = set()
    for i, word in enumerate(words):
        if word not in ld.negators and not word.endswith(("n't", "n’t")):
            continue
        for nxt in words[i + 1 : i + 1 + window]:
            if len(nxt) < 4 or nxt in ld.stopwords or nxt in ld.negators or nxt in _agentish(ld):
                continue  # "bukan oleh kebijakan pemerintah": the government is not denied
            out.add(_stem(ld.code, nxt))
    return frozenset(out)
