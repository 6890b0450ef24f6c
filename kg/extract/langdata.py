"""Load the per-language data files in ``kg/extract/lang/`` once and precompile regexes.

Adding a language means adding ``lang/<code>.yaml`` with the same keys (see ``id.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from kg.extract.errors import UnsupportedLanguageError
from kg.stance import KINDS

__all__ = ["LangData", "available_languages", "load_lang", "phrase_regex"]

LANG_DIR = resources.files("kg.extract") / "lang"


#: "S.STP", "M.Si", "S.I.Kom": capitals and letters joined by full stops
_DOTTED_DEGREE = re.compile(r"[A-Z]\.(?:[A-Z][A-Za-z]{0,3}\.)*[A-Z][A-Za-z]{0,3}")


def phrase_regex(phrases: Iterable[str]) -> str:
    """An alternation of phrases, whitespace-tolerant, as a group-less regex that matches the
    longest phrase at a position (as "longest first" would), written as a trie so that the
    engine tries each shared prefix once: hundreds of verbs and cues cost little more than a few.

    >>> re.fullmatch(phrase_regex(["said", "say", "said that"]), "said  that") is not None
    True
    """
    items = {" ".join(p.split()) for p in phrases if p and p.strip()}
    if not items:
        return r"(?!x)x"
    return _trie_regex({item: {""} for item in items})


def _trie_regex(items: dict[str, set[str]]) -> str:
    """``items``: phrase -> the regexes that may end it (a word boundary, the rest of a
    word). Shared prefixes are written once; at each point a longer phrase is tried before a
    phrase that ends there, so the first match is the longest one, as with an alternation
    sorted longest first."""
    trie: dict = {}
    for phrase, ends in items.items():
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node.setdefault("", set()).update(ends)

    def emit(node: dict) -> str:
        options = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(((k, v) for k, v in node.items() if k), key=lambda kv: kv[0])
        ]
        # the rest of a word ("korup*") before a word's end, as the longer cue came first
        options += sorted(node.get("", set()), key=lambda end: end != r"[\w-]*")
        if len(options) == 1:
            return options[0]
        return "(?:" + "|".join(options) + ")"

    return emit(trie)


def _kind_map(raw: dict, key: str) -> dict[str, str]:
    """A data file's ``key: {kind: [phrase, ...]}`` as phrase (lower case, single spaces) ->
    kind, for every stance kind."""
    table = raw.get(key) or {}
    return {
        " ".join(str(phrase).lower().split()): kind
        for kind in KINDS
        for phrase in table.get(kind) or []
    }


def _cue_regex(cues: Iterable[str]) -> str:
    """Cues as one alternation (a trie, longest first); a cue ending in ``*`` matches any word
    starting so ("korup*"), the others whole words only."""
    items: dict[str, set[str]] = {}
    for cue in {c.strip() for c in cues if c.strip()}:
        stem = " ".join(cue.removesuffix("*").split())
        end = r"[\w-]*" if cue.endswith("*") else r"(?![\w-])"
        items.setdefault(stem, set()).add(end)
    if not items:
        return r"(?!x)x"
    return _trie_regex(items)


def _words(data: dict, key: str) -> list[str]:
    value = data.get(key) or []
    return [str(v) for v in value]


def _lower_set(items: list[str]) -> frozenset[str]:
    return frozenset(" ".join(i.lower().split()) for i in items)


@dataclass
class LangData:
    """Everything the rules need to know about one language, compiled."""

    code: str
    raw: dict
    verbs: dict[str, str] = field(default_factory=dict)  # verb (lower) -> kind
    passive: dict[str, str] = field(default_factory=dict)
    stopwords: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        raw = self.raw
        self.verbs.update(_kind_map(raw, "reporting_verbs"))
        self.passive.update(_kind_map(raw, "passive_verbs"))
        self.participles = _kind_map(raw, "participles")
        self.participle_re = re.compile(
            rf",\s+(?P<verb>{phrase_regex(self.participles)})(?![\w-])", re.IGNORECASE
        )
        # "Dismissing reports that ..., the airline said": a participle opening the sentence
        self.lead_participle_re = re.compile(
            rf"^\s*(?P<verb>{phrase_regex(self.participles)})(?![\w-])[^,]{{8,}}?,", re.IGNORECASE
        )
        self.stopwords = _lower_set(_words(raw, "stopwords"))
        self.quote_verbs = _lower_set(_words(raw, "quote_verbs"))
        self.pronoun_suffixes = tuple(_words(raw, "pronoun_suffixes"))
        self.pronouns = _lower_set(_words(raw, "pronouns"))
        #: "pihaknya": the side that spoke last, person or body
        self.speaker_pronouns = _lower_set(_words(raw, "speaker_pronouns"))
        #: academic degrees and suffixes written after a name ("Budi Santoso SH", "S.Pd")
        self.name_suffixes = frozenset(
            w.lower().replace(".", "") for w in _words(raw, "name_suffixes")
        )
        self.titles = _lower_set(_words(raw, "titles"))
        self.person_nouns = _lower_set(_words(raw, "person_nouns"))
        self.group_nouns = _lower_set(_words(raw, "group_nouns"))
        self.conj_words = _lower_set(_words(raw, "conjunctions"))
        self.both_words = _lower_set(_words(raw, "both_words"))
        self.prepositions = _lower_set(_words(raw, "prepositions"))
        self.countries = {" ".join(c.lower().split()): c for c in _words(raw, "countries")}
        self.places = _lower_set(_words(raw, "places")) | frozenset(self.countries)
        self.addressees = _lower_set(_words(raw, "addressees"))
        self.non_name_words = frozenset(
            w
            for key in ("clause_openers", "leading_fillers", "conjunctions", "calendar_words")
            for phrase in _words(raw, key)
            for w in phrase.lower().split()
        ) | frozenset(  # "Dismissing reports ..., the airline said": not a name
            w
            for kind in KINDS
            for v in (raw.get("participles") or {}).get(kind) or []
            for w in v.lower().split()
        )
        self.title_words = frozenset(w for t in self.titles for w in t.split())
        self.title_complements = _lower_set(_words(raw, "title_complements"))
        self.institution_words = _lower_set(_words(raw, "institution_words"))
        self.agent_words = self.group_nouns | self.institution_words | self.title_words
        self.unnamed_determiners = _lower_set(_words(raw, "unnamed_determiners"))
        self.unnamed_heads = _lower_set(_words(raw, "unnamed_heads"))
        self.subject_heads = _lower_set(_words(raw, "subject_heads"))
        self.relatives = _lower_set(_words(raw, "relatives"))
        self.companions = _lower_set(_words(raw, "companions"))
        self.passive_markers = _lower_set(_words(raw, "passive_agent_marker"))
        #: a verb told by its shape ("menyarankan", "dilaporkan"), never a word of a body's name
        self.verb_shape_re = re.compile(str(raw.get("verb_shape") or r"(?!x)x"))
        self.passive_adverb_words = _lower_set(_words(raw, "passive_adverbs"))
        self.subject_asides = _lower_set(_words(raw, "subject_asides"))
        self.subject_roles = _lower_set(_words(raw, "subject_roles"))
        self.initials_markers = _lower_set(_words(raw, "initials_markers"))
        self.aside_passive = re.compile(str(raw.get("aside_passive") or r"(?!x)x"))
        self.target_nouns = _lower_set(_words(raw, "target_nouns"))
        self.demonstratives = _lower_set(_words(raw, "demonstratives"))
        self.anaphoric_objects = _lower_set(_words(raw, "anaphoric_objects"))
        self.accusation_nouns = frozenset(
            n for n in self.target_nouns if n.startswith(("tuduh", "tuding", "accus", "alleg"))
        )
        self.demonyms: dict[str, str] = {
            str(k).lower(): str(v) for k, v in (raw.get("demonyms") or {}).items()
        }
        self.byline_prefixes = tuple(_words(raw, "byline_prefixes"))
        self.target_window = int(raw.get("target_noun_window", 1))
        self.max_words_before_comp = int(raw.get("max_words_before_complementizer", 3))
        flags = re.IGNORECASE
        self.verb_re = re.compile(rf"(?<![\w-])(?:{phrase_regex(self.verbs)})(?![\w-])", flags)
        self.passive_re = re.compile(
            rf"(?<![\w-])(?P<verb>{phrase_regex(self.passive)})\s+"
            # "dibantah keras oleh X", "was flatly denied by X"
            rf"(?:(?:{phrase_regex(_words(raw, 'passive_adverbs'))})\s+)?"
            rf"(?:{phrase_regex(_words(raw, 'passive_agent_marker'))})\s+",
            flags,
        )
        self.according_re = re.compile(
            rf"(?<![\w-])(?P<marker>{phrase_regex(_words(raw, 'according_to'))})"
            rf"(?P<nya>{phrase_regex(list(self.pronoun_suffixes))})?(?![\w-])",
            flags,
        )
        self.comp_re = re.compile(
            rf"(?<![\w-])(?:{phrase_regex(_words(raw, 'complementizers'))})(?![\w-])", flags
        )
        #: adverbs right after a stance verb ("membantah mentah-mentah isu ...", "denied
        #: flatly that ..."), skipped before the claim it answers
        self.adverb_lead_re = re.compile(
            r"\s*(?:(?:"
            + phrase_regex(_words(raw, "stance_intensifiers") + _words(raw, "passive_adverbs"))
            + r")(?![\w-])\s*)+",
            flags,
        )
        self.blocker_re = re.compile(
            rf"\s*(?:{phrase_regex(_words(raw, 'verb_blockers'))})(?![\w-])", flags
        )
        self.report_noun_re = re.compile(
            rf"(?<![\w-])(?P<noun>{phrase_regex(_words(raw, 'report_nouns'))})\s+"
            rf"(?P<who>(?:[^\s,.;:]+\s+){{0,5}}?)"
            rf"(?P<prep>{phrase_regex(_words(raw, 'report_noun_preps'))})(?![\w-])",
            flags,
        )
        self.hedge_re = re.compile(
            rf"(?<![\w-])(?:{phrase_regex(_words(raw, 'hedges'))})(?![\w-])", flags
        )
        self.opener_re = re.compile(
            rf"(?<![\w-])(?:{phrase_regex(_words(raw, 'clause_openers'))})(?![\w-])", flags
        )
        self.leading_re = re.compile(
            rf"^\s*(?:(?:{phrase_regex(_words(raw, 'leading_fillers'))})(?![\w-])[\s,]*)+",
            flags,
        )
        trailing = [phrase_regex(_words(raw, "subject_trailing_fillers"))]
        trailing += _words(raw, "subject_trailing_patterns")  # regexes: adverbs, dates
        self.trailing_re = re.compile(rf"(?:\s+(?:{'|'.join(trailing)}))+\s*$", flags)
        self.cutter_re = re.compile(
            rf"\s*,(?!\d{{3}})|\s+\(|"  # "15,000": a thousands separator is no cut
            rf"\s+(?:{phrase_regex(_words(raw, 'attribution_cutters'))})(?![\w-])",
            flags,
        )
        verbs_after_quote = set(self.quote_verbs) | set(self.verbs)
        self.quote_verb_alt = phrase_regex(verbs_after_quote)
        # "said Sen. Jerry Hong", "John F. Kennedy said": a full stop after a title's
        # abbreviation or an initial does not end the speaker's name
        abbrev = phrase_regex(
            [str(a) for a in raw.get("abbreviations") or [] if str(a).lower() in self.titles]
        )
        dotted = rf"(?:(?<![\w.])(?:{abbrev}|[A-Z])\.(?=\s+[A-Z]))"
        word = rf"(?:{dotted}|[^\s,.!?“”\"]+)"
        suffix = phrase_regex(list(self.pronoun_suffixes)) if self.pronoun_suffixes else None
        self.after_quote_verb_first = re.compile(
            rf"^\s*,?\s*(?P<verb>{self.quote_verb_alt})"
            + (rf"(?P<nya>{suffix})?" if suffix else "(?P<nya>(?!x)x)?")
            + rf"(?![\w-])(?P<rest>(?:{dotted}|[^.!?\n])*)",
            flags,
        )
        self.after_quote_who_first = re.compile(
            rf"^\s*,?\s*(?P<who>{word}(?:\s+{word}){{0,6}}?)\s+"
            rf"(?P<verb>{self.quote_verb_alt})(?![\w-])",
            flags,
        )
        quote_alt = phrase_regex(self.quote_verbs)
        inner = phrase_regex(_words(raw, "inner_attribution_verbs"))
        self.inner_attribution_re = re.compile(
            rf"(?<=\w)\s+((?-i:{inner})\s+(?:(?-i:{phrase_regex(self.pronouns)})"
            r"|(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})))\s*,",
            flags,
        )
        self.tail_verb_first = re.compile(
            rf"^\s*(?:{quote_alt})" + (rf"(?:{suffix})?" if suffix else "") + r"(?![\w-])", flags
        )
        self.tail_who_first = re.compile(
            rf"^\s*{word}(?:\s+{word}){{0,6}}?\s+(?:{quote_alt})(?![\w-])", flags
        )
        self.speech_verbs = frozenset(" ".join(v.split()) for v in verbs_after_quote)
        self.rumour_res = [re.compile(p, flags) for p in _words(raw, "rumour_patterns")]
        fronted = phrase_regex(_words(raw, "fronted_attribution"))
        passives = phrase_regex(_words(raw, "fronted_passives"))
        comps = phrase_regex(_words(raw, "complementizers"))
        agent_marker = phrase_regex(_words(raw, "passive_agent_marker"))
        self.fronted_re = re.compile(
            rf"(?:(?P<verb>{fronted})(?:(?P<nya>nya)|\s+(?P<who>[^,.!?\n]{{1,40}}?))"
            rf"|(?P<pverb>{passives})(?:nya)?)\s*,\s*"
            # "Disampaikan Cahya bahwa ...": the passive, the one who said it, the content
            # "Dikatakan Ridwan Fauzi, pihaknya ...", "Ditegaskan oleh Suhud, bahwa ..."
            rf"|(?P<nverb>{passives})(?:\s+(?:{agent_marker}))?"
            rf"\s+(?P<nwho>(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,3}}))"
            rf"(?:\s*,\s*(?:(?:{comps})\s+)?|\s+(?:{comps})\s+)",
            flags,
        )
        pronoun_passives = phrase_regex(_words(raw, "pronoun_passives"))
        self.pronoun_passive_re = re.compile(
            rf"(?<![\w-])(?P<verb>{pronoun_passives})nya(?![\w-])", flags
        )
        self.object_speaker_res = [
            re.compile(p, flags) for p in _words(raw, "object_speaker_patterns")
        ]
        self.back_reference_res = [re.compile(p, flags) for p in _words(raw, "back_references")]
        self.response_res = [re.compile(p, flags) for p in _words(raw, "response_appositives")]
        self.bare_passive = _kind_map(raw, "bare_passive_verbs")
        self.bare_passive_re = re.compile(
            rf"(?<![\w-])(?P<verb>{phrase_regex(self.bare_passive)})(?=\s+[^\s,.])", flags
        )
        self.object_voice = _kind_map(raw, "object_voice_verbs")
        self.object_voice_re = re.compile(
            rf"(?<![\w-])(?P<who>{phrase_regex(self.pronouns)})\s+(?:juga\s+|pun\s+)?"
            rf"(?P<verb>{phrase_regex(self.object_voice)})(?![\w-])",
            flags,
        )
        self.subject_tails = _lower_set(_words(raw, "subject_tails"))
        stance = raw.get("content_stance") or {}
        self.content_stance: list[tuple[str, re.Pattern[str]]] = [
            (
                kind.removesuffix("_first"),
                re.compile(
                    rf"(?<![\w-])(?:{_cue_regex(_words(stance, kind))}"
                    + self._first_person_cue(raw, kind)
                    + ")",
                    flags,
                ),
            )
            for kind in ("accusation_first", "denial", "dispute", "support", "accusation")
            if stance.get(kind)
        ]
        #: the same cues as one pattern, one named group per kind (``k0`` first in precedence)
        self.content_stance_re = re.compile(
            "|".join(
                f"(?P<k{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(self.content_stance)
            )
            or r"(?!x)x",
            flags,
        )
        self.negators = _lower_set(_words(raw, "negators"))
        self.noun_determiners = _lower_set(_words(raw, "noun_determiners"))
        self.anonymity_words = _lower_set(_words(raw, "anonymity_words"))
        #: "seorang warga", "a resident": one person, whom "dia" / "he" can refer to
        self.singular_determiners = tuple(
            w.lower() + " " for w in _words(raw, "singular_determiners")
        )
        #: "yang enggan disebutkan namanya", "who declined to be named": between a source and
        #: its verb, not part of who it is
        self.anonymity_clause_re = re.compile(
            rf",?\s*(?:{phrase_regex(_words(raw, 'anonymity_clauses'))})(?![\w-]),?",
            re.IGNORECASE,
        )
        self.passive_auxiliaries = _lower_set(_words(raw, "passive_auxiliaries"))
        nouns = phrase_regex(_words(raw, "embedded_claim_nouns"))
        links = phrase_regex(_words(raw, "embedded_claim_links"))
        markers = phrase_regex(_words(raw, "embedded_claim_agent_markers"))
        # after a stance verb: [det] [words] NOUN [marker] [AGENT] LINK CONTENT
        zero = phrase_regex(_words(raw, "embedded_claim_zero_link"))
        self.embedded_claim_re = re.compile(
            rf"^\s*(?:(?:{phrase_regex(self.demonstratives)}|an?)\s+)?"
            rf"(?P<pre>(?-i:[A-Z][\w.'’-]*\s+){{1,3}})?(?:[\w-]+\s+){{0,2}}?"
            rf"(?P<noun>{nouns})(?![\w-])\s*,?\s*"
            rf"(?:(?P<zero>)(?=(?:{zero})\s)|(?:(?:{markers})\s+)?(?P<who>[^\n]{{0,120}}?)"
            rf"\s*,?\s*(?P<link>{links})\s+)(?P<content>\S)",
            flags,
        )
        bare = _words(raw, "embedded_claim_bare_nouns")
        self.bare_noun_claim_re = re.compile(
            rf"^\s*(?P<noun>{phrase_regex(bare)})\s+(?!(?:{phrase_regex(self.demonstratives)}|"
            rf"{links}|{markers})(?![\w-]))(?P<content>[\w(])",
            flags,
        )
        # "menampik Myanmar yang mengklaim ...": an agent and its claim, no noun
        agent_links = phrase_regex(_words(raw, "embedded_agent_links"))
        self.agent_claim_re = re.compile(
            rf"^\s*(?P<who>(?-i:[A-ZÀ-Ý])[^,\n]{{0,60}}?)\s+(?P<link>{agent_links})\s+"
            rf"(?P<content>\S)",
            flags,
        )
        # "X's claim that ..." / "klaim X bahwa"
        self.possessor_claim_re = re.compile(
            rf"^\s*(?:(?:{phrase_regex(self.demonstratives)})\s+)?(?P<who>[A-ZÀ-Ý][^\n,]{{0,60}}?)(?:'s|’s)\s+"
            rf"(?:[\w-]+\s+)?(?P<noun>{nouns})\s+(?P<link>{links})\s+(?P<content>\S)",
            flags,
        )

    def _first_person_cue(self, raw: dict, kind: str) -> str:
        """ "I strongly refute", "kami membantah": a speaker's own denial or dispute verb,
        after "I"/"we" and intensifiers, as one more cue of that kind ("" for other kinds)."""
        verbs = [v for v, k in self.verbs.items() if k == kind and " " not in v]
        first = _words(raw, "first_person")
        if kind not in ("denial", "dispute") or not verbs or not first:
            return ""
        adverbs = phrase_regex(_words(raw, "stance_intensifiers"))
        return (
            rf"|(?:{phrase_regex(first)})(?:\s+(?:{adverbs}))*\s+"
            rf"(?:{phrase_regex(verbs)})(?![\w-])"
        )

    def opens_aside(self, word: str, following: str) -> bool:
        """Whether ``word`` opens an aside between a subject and its verb ("ketika
        dikonfirmasi", "selaku kuasa hukum"), given the word after it."""
        low = word.lower()
        if low in self.subject_roles:
            return following[:1].islower()
        return low in self.subject_asides and bool(self.aside_passive.fullmatch(following))

    def is_degree(self, token: str) -> bool:
        """An academic degree after a name ("M.Si.", "S.STP.", "SPd", "PhD")."""
        bare = token.strip(",.;")
        return bare.lower().replace(".", "") in self.name_suffixes or bool(
            _DOTTED_DEGREE.fullmatch(bare)
        )

    def trailing_verb(self, text: str) -> tuple[str, str] | None:
        """Split "Lavrov said:" into ("Lavrov", "said") when ``text`` ends with verb + : or ,."""
        body = text.rstrip()
        if not body or body[-1] not in ":,":
            return None
        body = body[:-1].rstrip()
        words = body.split()
        for n in (3, 2, 1):
            if len(words) > n and " ".join(words[-n:]).lower() in self.speech_verbs:
                verb_start = body.lower().rfind(words[-n].lower())
                return body[:verb_start].rstrip(), body[verb_start:]
        return None


@lru_cache(maxsize=8)
def load_lang(code: str) -> LangData:
    """The compiled data for language ``code``; raises UnsupportedLanguageError if none."""
    path = LANG_DIR / f"{code}.yaml"
    if not code.isalpha() or not path.is_file():
        supported = ", ".join(available_languages())
        raise UnsupportedLanguageError(
            f"language {code!r} is not supported by the extractor (supported: {supported})"
        )
    with path.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    return LangData(code=code, raw=raw)


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    """Codes of the languages with a data file, sorted."""
    return tuple(sorted(p.name[:-5] for p in LANG_DIR.iterdir() if p.name.endswith(".yaml")))
