"""The signature of a claim text: agents, quantities, dates and content words.

Two texts that state the same claim, in Indonesian or English, should share most of their
signature. Everything comes from data, nothing is downloaded:

- **agents**: names and aliases of the registry (``kg/data/agents.yaml``, via
  :class:`kg.curation.agents.AgentIndex`) and the extractor's demonyms ("Russian"), found in
  the text; short all-capital aliases ("AS", "US") match only as written;
- **quantities**: the extractor's normaliser (``kg.extract.quantities``), as (value, unit,
  comparator);
- **dates**: four-digit years, and relative dates resolved against a publication date when one
  is given (:mod:`kg.track.dates`);
- **tokens**: content words of the rest of the text, stopwords removed (the extractor's lists
  plus ``lexicon/stopwords.yaml``), Indonesian affixes and English suffixes stripped lightly,
  and mapped to shared English concepts by ``lexicon/id-en.tsv`` and ``lexicon/en-norm.tsv``.

>>> sig = signature("Korea Utara telah mengirimkan lebih dari 1.000 kontainer ke Rusia", "id")
>>> sorted(sig.agents), sig.quantities, sorted(sig.tokens)
(['north-korea', 'russia'], ((1000.0, 'container', 'more-than'),), ['container', 'send'])
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

from kg.curation.agents import AgentIndex, load_agents
from kg.extract.langdata import load_lang
from kg.extract.quantities import find_quantities
from kg.ids import slug_of
from kg.track.dates import find_dates, resolve

__all__ = [
    "Signature",
    "claim_core",
    "find_agents",
    "normalise_word",
    "signature",
    "unit_concept",
    "words",
]

LEXICON = resources.files("kg.track") / "lexicon"
LANGS = ("id", "en")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_ID_PREFIXES = (
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "di",
    "ber",
    "ter",
    "peng",
    "pem",
    "pen",
    "per",
    "pe",
    "ke",
    "se",
)
_ID_SUFFIXES = ("nya", "lah", "kah", "kan", "an", "i")

#: (value, unit or None, comparator)
QuantityKey = tuple[float, str | None, str]


@dataclass(frozen=True)
class Signature:
    """What a claim text is about, in a form two languages can share."""

    lang: str
    agents: frozenset[str]
    quantities: tuple[QuantityKey, ...]
    years: frozenset[int]
    ranges: tuple[tuple[dt.date, dt.date], ...]
    tokens: frozenset[str]


def _tsv(name: str) -> dict[str, str]:
    table: dict[str, str] = {}
    lines = (LEXICON / name).read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        left, _, right = line.partition("\t")
        if right.strip() and left.strip() not in ("id", "form"):
            table.setdefault(" ".join(left.lower().split()), right.strip().lower())
    return table


@cache
def _lexicons() -> tuple[dict[str, str], dict[str, str]]:
    return _tsv("id-en.tsv"), _tsv("en-norm.tsv")


@cache
def _stopwords() -> frozenset[str]:
    words: set[str] = set()
    for code in LANGS:
        words.update(w.lower() for w in load_lang(code).stopwords)
    with (LEXICON / "stopwords.yaml").open(encoding="utf-8") as fh:
        extra = yaml.safe_load(fh) or {}
    for listed in extra.values():
        words.update(str(w).lower() for w in listed)
    return frozenset(words)


@dataclass(frozen=True)
class _Names:
    loose: re.Pattern[str]
    exact: re.Pattern[str]
    ids: dict[str, str]


def _pattern(names: Iterable[str], flags: int) -> re.Pattern[str]:
    alts = sorted(set(names), key=len, reverse=True)
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in alts) or r"(?!x)x"
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])", flags)


@cache
def _names() -> _Names:
    ids: dict[str, str] = {}
    exact: list[str] = []
    loose: list[str] = []
    for agent in AgentIndex(load_agents()):
        for name in agent.names():
            slug = slug_of(agent.id)
            if len(name) <= 3 and name.isupper():
                exact.append(name)
                ids[name] = slug
            else:
                loose.append(name)
                ids[name.casefold()] = slug
    for code in LANGS:
        for name, slug in (load_lang(code).raw.get("demonyms") or {}).items():
            loose.append(str(name))
            ids.setdefault(str(name).casefold(), str(slug))
    return _Names(_pattern(loose, re.IGNORECASE), _pattern(exact, 0), ids)


def find_agents(text: str) -> list[tuple[int, int, str]]:
    """Agents named in ``text``: (start, end, agent slug), longest names first.

    >>> [a for _, _, a in find_agents("Washington says the Kremlin and Pyongyang lie")]
    ['united-states', 'russia', 'north-korea']
    """
    names = _names()
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for regex, fold in ((names.loose, True), (names.exact, False)):
        for m in regex.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            key = " ".join(m.group(0).split())
            slug = names.ids.get(key.casefold() if fold else key)
            if slug:
                found.append((m.start(), m.end(), slug))
                taken.append((m.start(), m.end()))
    return sorted(found)


def _strip_id(word: str, lexicon: dict[str, str]) -> str:
    """A light Indonesian stemmer: the first affix-stripped form the lexicon knows, else the
    suffix-stripped form."""
    candidates = [word]
    for suffix in _ID_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            candidates.append(word[: -len(suffix)])
    stems = list(candidates)
    for cand in candidates:
        for prefix in _ID_PREFIXES:
            if cand.startswith(prefix) and len(cand) - len(prefix) >= 3:
                root = cand[len(prefix) :]
                stems.append(root)
                if prefix in ("mem", "pem"):
                    stems.append("p" + root)
                elif prefix in ("men", "pen"):
                    stems.append("t" + root)
                elif prefix in ("meny",):
                    stems.append("s" + root)
                elif prefix in ("meng", "peng"):
                    stems.append("k" + root)
    for stem in stems:
        if stem in lexicon:
            return stem
    return candidates[-1] if len(candidates) > 1 else word


def _strip_en(word: str) -> str:
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + repl
    return word


def normalise_word(word: str, lang: str) -> list[str]:
    """The concept tokens of one word (none for a stopword).

    >>> normalise_word("mengirimkan", "id"), normalise_word("shipped", "en")
    (['send'], ['send'])
    >>> normalise_word("memasok", "id"), normalise_word("supplies", "en")
    (['supply'], ['supply'])
    """
    return list(_normalised(word, lang))


@lru_cache(maxsize=1 << 16)
def _normalised(word: str, lang: str) -> tuple[str, ...]:
    """:func:`normalise_word`, cached: words repeat across claims and articles."""
    return tuple(_normalise(word, lang))


def _normalise(word: str, lang: str) -> list[str]:
    id_en, en_norm = _lexicons()
    stop = _stopwords()
    low = word.lower()
    if low in stop or len(low) < 2:
        return []
    if lang == "id":
        concept = id_en.get(low) or id_en.get(_strip_id(low, id_en))
        if concept is None:
            return [_strip_id(low, id_en)]
        return [t for part in concept.split() for t in _english(part, en_norm, stop)]
    return _english(low, en_norm, stop)


def _english(word: str, en_norm: dict[str, str], stop: frozenset[str]) -> list[str]:
    if word in stop:
        return []
    hit = en_norm.get(word) or en_norm.get(_strip_en(word))
    if hit:
        return [] if hit in stop else [hit]
    return [_strip_en(word)]


def words(text: str, lang: str) -> list[str]:
    """Concept tokens of ``text`` in order; two-word lexicon entries are joined first.

    >>> words("kerja sama militer", "id")
    ['cooperation', 'military']
    """
    id_en, _ = _lexicons()
    raw = [w.lower() for w in _WORD.findall(text)]
    out: list[str] = []
    i = 0
    while i < len(raw):
        if lang == "id" and i + 1 < len(raw) and f"{raw[i]} {raw[i + 1]}" in id_en:
            out.extend(id_en[f"{raw[i]} {raw[i + 1]}"].split())
            i += 2
            continue
        out.extend(normalise_word(raw[i], lang))
        i += 1
    return out


def unit_concept(unit: str | None) -> str | None:
    """A unit as one English concept ("depots" -> "depot"), so units compare across texts."""
    if not unit:
        return None
    found = normalise_word(unit, "en") if unit.isalpha() else []
    return found[0] if found else unit.lower()


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = " "
    return "".join(chars)


def claim_core(text: str, lang: str) -> str:
    """The claim without a leading attribution: "Washington mengklaim pada hari Jumat bahwa X"
    -> "X", when the words before the complementizer hold a reporting verb (the extractor's
    ``reporting_verbs`` and ``complementizers``).

    >>> claim_core("The United States said last Friday that North Korea sent arms.", "en")
    'North Korea sent arms.'
    >>> claim_core("The report that Russia sent arms is false.", "en")
    'The report that Russia sent arms is false.'
    """
    data = load_lang(lang if lang in LANGS else "en")
    verbs = set(data.verbs)
    for comp in data.raw.get("complementizers") or []:
        m = re.search(rf"\s{re.escape(str(comp))}\s+", text)
        if m is None or m.start() > len(text) * 0.6:
            continue
        before = " ".join(text[: m.start()].lower().split())
        words_before = before.split()
        if any(v in words_before or (" " in v and f" {v} " in f" {before} ") for v in verbs):
            return text[m.end() :]
    return text


def signature(
    text: str,
    lang: str,
    published: dt.date | None = None,
    about: Iterable[str] = (),
) -> Signature:
    """The signature of a claim text in ``lang`` ("id" or "en"); ``about`` adds agent slugs
    the claim is known to be about (``schema:about``)."""
    lang = lang if lang in LANGS else "en"
    text = claim_core(text, lang)
    agents = find_agents(text)
    quantities = find_quantities(text, lang)
    dates = find_dates(text, lang)
    ranges = []
    for expr in dates:
        r = resolve(expr.text, lang, published)
        if r.date is not None:
            ranges.append((r.date, r.date))
        elif r.start is not None and r.end is not None:
            ranges.append((r.start, r.end))
    rest = _blank(
        text,
        [(s, e) for s, e, _ in agents]
        + [(q.start, q.end) for q in quantities]
        + [(d.start, d.end) for d in dates],
    )
    units = [unit_concept(q.unit) for q in quantities if q.unit]
    tokens = set(words(rest, lang))
    tokens.update(u for u in units if u and u.isalpha())
    return Signature(
        lang=lang,
        agents=frozenset([a for _, _, a in agents] + [slug_of(a) for a in about]),
        quantities=tuple((float(q.value), unit_concept(q.unit), q.comparator) for q in quantities),
        years=frozenset(int(y) for y in _YEAR.findall(text)),
        ranges=tuple(ranges),
        tokens=frozenset(tokens),
    )
