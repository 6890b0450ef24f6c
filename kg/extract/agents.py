"""Resolve agent mentions ("Duta Besar Rusia Oleg Burmistrov", "Kremlin", "seorang pejabat")
against kg/data/agents.yaml and the agents an article has introduced so far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from kg.extract.langdata import LangData
from kg.extract.result import Claimant
from kg.paths import AGENTS_PATH
from kg.slugs import slugify

__all__ = ["AgentRegistry", "ArticleAgents", "norm_name", "slugify"]

_PAREN = re.compile(r"\s*\([^)]*\)")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&.-]{1,12})\)\s*$")
_EDGE = re.compile(r"^[\s\"'“”‘’,.;:()\[\]–—-]+|[\s\"'“”‘’,.;:()\[\]–—-]+$")
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
#: Function words that may sit inside a title ("Chairman of the Committee", "Ketua Komisi
#: untuk ..."), unlike "their", "was", "yang".
_TITLE_GLUE = frozenset({"the", "of", "a", "an", "and", "for", "on", "dan", "dari", "untuk"})
_CONNECTORS = frozenset({"of", "on", "for", "and", "the", "de", "dan", "&", "van", "von", "al"})


@lru_cache(maxsize=65536)
def _clean(phrase: str, code: str) -> tuple[str | None, str]:
    """(acronym in brackets at the end, or None; the phrase without brackets, edge
    punctuation, leading and trailing fillers). Pure, so cached."""
    from kg.extract.langdata import load_lang

    ld = load_lang(code)
    acronym = _ACRONYM.search(ld.trailing_re.sub("", phrase))
    if acronym and ld.code != "en":
        before = phrase[: acronym.start()].split()
        if any(w.lower() in ld.prepositions for w in before[1:]):
            acronym = None  # "Kedutaan Besar Rusia di Amerika Serikat (AS)": the place's
    text = _EDGE.sub("", _PAREN.sub("", phrase))
    text = ld.trailing_re.sub("", text)
    text = ld.leading_re.sub("", text)
    return (acronym.group(1) if acronym else None), _EDGE.sub("", text)


def _is_brand(tokens: list[str], ld: LangData) -> bool:
    """Lowercase descriptors then one capitalised name ("marketplace Tokopedia", "the
    ride-hailing firm Grab"): a body, unless a descriptor is a title or a person noun."""
    *before, last = tokens
    if not (last[:1].isupper() and last[1:].isalpha() and last.lower() not in ld.non_name_words):
        return False
    words = [w for w in before if w.lower() not in ("the", "a", "an")]
    if (
        not words
        or not all(
            w[:1].islower()
            or (w[:1].isupper() and w[1:2].islower() and w.lower() in ld.institution_words)
            # "the British airline EasyJet": a capitalised modifier before a lowercase descriptor
            or (w[:1].isupper() and k + 1 < len(words) and words[k + 1][:1].islower())
            for k, w in enumerate(words)
        )
    ):
        return False
    lows = {w.lower() for w in words}
    return not lows & (ld.title_words | ld.person_nouns | ld.unnamed_heads | ld.stopwords)


def lows_end_demonstrative(tokens: list[str], ld: LangData) -> bool:
    """Does the phrase end with a demonstrative ("politikus itu", "negara tersebut")?"""
    return len(tokens) >= 2 and tokens[-1].lower().strip(",.") in ld.demonstratives


@lru_cache(maxsize=65536)
@lru_cache(maxsize=8)
def _titled_name_re(titles: tuple[str, ...]) -> re.Pattern[str]:
    """A title word, then up to three capitalised words ("Mayor Georges Bourelle")."""
    alt = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?P<title>(?i:{alt}))\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{1,2}})"
    )


def norm_name(text: str) -> str:
    """Normalise a name for lookups: no edges, parentheses, possessive, leading "the"."""
    text = _EDGE.sub("", _PAREN.sub("", text))
    text = _POSSESSIVE.sub("", text)
    low = " ".join(text.lower().split())
    return low.removeprefix("the ")


@dataclass
class _Agent:
    id: str
    kind: str
    labels: dict[str, str]
    roles: list[tuple[dict[str, str], str | None]]


@dataclass
class AgentRegistry:
    """Known agents with name, alias and role indexes (case-insensitive except short acronyms)."""

    agents: dict[str, _Agent] = field(default_factory=dict)
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> norm name -> id
    exact: dict[str, dict[str, str]] = field(default_factory=dict)  # short acronyms, as written
    roles: dict[tuple[str, str | None], str] = field(default_factory=dict)
    role_titles: dict[str, str] = field(default_factory=dict)  # full role title -> id
    _cache: dict[tuple[str, str], str | None] = field(default_factory=dict, repr=False)

    @classmethod
    def from_entries(cls, entries: list[dict]) -> AgentRegistry:
        """Build a registry from entries in the kg/data/agents.yaml format."""
        reg = cls()
        for entry in entries or []:
            if not isinstance(entry, dict) or "id" not in entry:
                continue
            labels = {str(k): str(v) for k, v in (entry.get("labels") or {}).items()}
            roles: list[tuple[dict[str, str], str | None]] = []
            for role in entry.get("roles") or []:
                title = {str(k): str(v) for k, v in (role.get("title") or {}).items()}
                roles.append((title, role.get("of")))
            agent = _Agent(str(entry["id"]), str(entry.get("kind", "person")), labels, roles)
            reg.agents[agent.id] = agent
            for lang, label in labels.items():
                reg._add(lang, label, agent.id)
                reg._add("*", label, agent.id)
            for lang, aliases in (entry.get("aliases") or {}).items():
                for alias in aliases or []:
                    reg._add(str(lang), str(alias), agent.id)
                    reg._add("**", str(alias), agent.id)
            for title, of in roles:
                for t in title.values():
                    reg.roles.setdefault((norm_name(t), of), agent.id)
                    reg.role_titles.setdefault(norm_name(t), agent.id)
        return reg

    def _add(self, lang: str, name: str, agent_id: str) -> None:
        stripped = name.strip()
        if len(stripped) <= 3 and stripped.isupper():
            self.exact.setdefault(lang, {}).setdefault(stripped, agent_id)
            return
        self.names.setdefault(lang, {}).setdefault(norm_name(stripped), agent_id)

    def lookup(self, name: str, lang: str) -> str | None:
        """The id of the agent called exactly ``name`` in ``lang`` (or "und", or any label)."""
        key = (name, lang)
        if key not in self._cache:
            if len(self._cache) > 65536:
                self._cache.clear()
            self._cache[key] = self._lookup_uncached(name, lang)
        return self._cache[key]

    def _lookup_uncached(self, name: str, lang: str) -> str | None:
        raw = _EDGE.sub("", _PAREN.sub("", name))
        raw = _POSSESSIVE.sub("", raw)
        for key in (lang, "und", "*"):
            hit = self.exact.get(key, {}).get(raw)
            if hit:
                return hit
        low = norm_name(raw)
        for key in (lang, "und", "*", "**"):
            hit = self.names.get(key, {}).get(low)
            if hit:
                return hit
        return None

    def by_role(self, title: str, of: str | None) -> str | None:
        """The agent holding role ``title`` of agent ``of`` (e.g. a spokesperson)."""
        return self.roles.get((norm_name(title), of))

    def by_role_title(self, text: str) -> str | None:
        """The agent whose full role title is ``text`` ("presiden Rusia" -> vladimir-putin)."""
        return self.role_titles.get(norm_name(text))

    def kind(self, agent_id: str) -> str:
        """The kind of a known agent ("person" when unknown)."""
        agent = self.agents.get(agent_id)
        return agent.kind if agent else "person"

    def label(self, agent_id: str, lang: str) -> str:
        """The preferred label of a known agent in ``lang`` (or any language)."""
        agent = self.agents.get(agent_id)
        if not agent:
            return agent_id
        return agent.labels.get(lang) or next(iter(agent.labels.values()), agent_id)

    @classmethod
    @lru_cache(maxsize=1)
    def shared(cls) -> AgentRegistry:
        """The registry of kg/data/agents.yaml, loaded once."""
        if not AGENTS_PATH.is_file():
            return cls()
        return cls.from_entries(yaml.safe_load(AGENTS_PATH.read_text(encoding="utf-8")) or [])


@dataclass
class ArticleAgents:
    """Agents resolved in one article: shared registry + new names + who spoke last."""

    ld: LangData
    registry: AgentRegistry
    new: dict[str, Claimant] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # norm name or name token -> id
    last_person: Claimant | None = None
    last_group: Claimant | None = None
    last_speaker: Claimant | None = None
    recent: list[Claimant] = field(default_factory=list)
    #: the last agents that spoke together ("Korea Utara dan Kremlin"), for "keduanya"
    last_several: list[Claimant] = field(default_factory=list)
    #: the last rumour or viral post that carried a claim ("Disebutkan, ...")
    last_rumour: Claimant | None = None
    _name_tokens: dict[str, bool] = field(default_factory=dict, repr=False)
    #: one-word title -> the only titled name the whole article gives it ("Mayor Georges
    #: Bourelle"), for a definite role told before the name ("The mayor is now accusing")
    titled_ahead: dict[str, str] = field(default_factory=dict)

    def scan_titles(self, text: str) -> None:
        """Note, for each one-word title, the one name it introduces in ``text`` (none when
        the article gives that title to two different names)."""
        titles = sorted((t for t in self.ld.titles if " " not in t and t.isalpha()), key=len)
        if not titles:
            return
        found: dict[str, str | None] = {}
        pattern = _titled_name_re(tuple(titles))
        for m in pattern.finditer(text):
            tokens = m.group("name").split()
            run = self._name_run(tokens, False)
            if len(run) < 2 or run != tokens[: len(run)]:
                continue
            title, name = m.group("title").lower(), " ".join(run)
            if found.setdefault(title, name) != name:
                found[title] = None
        self.titled_ahead = {t: n for t, n in found.items() if n}

    # ----------------------------------------------------------------- helpers
    def _known(self, agent_id: str, mention: str) -> Claimant:
        reg = self.registry
        kind = reg.kind(agent_id)
        return Claimant(
            id=agent_id,
            label=reg.label(agent_id, self.ld.code),
            kind=kind if kind in ("person", "organization", "government") else "organization",
            known=True,
            mention=mention,
        )

    def _lookup(self, name: str) -> Claimant | None:
        agent_id = self.registry.lookup(name, self.ld.code)
        if agent_id:
            return self._known(agent_id, name)
        hit = self.names.get(norm_name(name))
        if hit:
            return self.new[hit].model_copy(update={"mention": name})
        return None

    def _register(self, claimant: Claimant, short_names: bool) -> Claimant:
        if claimant.id in self.new:
            return self.new[claimant.id].model_copy(update={"mention": claimant.mention})
        self.new[claimant.id] = claimant
        self.names.setdefault(norm_name(claimant.label), claimant.id)
        if short_names:
            for token in claimant.label.split():
                if len(token) > 2 and token[0].isupper():
                    self.names.setdefault(norm_name(token), claimant.id)
        return claimant

    def note(self, claimant: Claimant) -> None:
        """Remember ``claimant`` as the last person or group that spoke."""
        label = claimant.label.lower().split()
        if claimant.kind == "person" or (
            claimant.kind == "unnamed"
            and (
                norm_name(claimant.label).startswith(self.ld.singular_determiners)
                # "The Alstom spokesman added ... He further said": one person, so called
                or (
                    len(label) > 1
                    and label[0] in self.ld.demonstratives
                    and label[-1] in self.ld.title_words
                )
            )
        ):
            self.last_person = claimant  # "Seorang warga ... Dia menambahkan": one person
        elif claimant.kind != "article":
            self.last_group = claimant
        if claimant.kind != "article":
            self.recent.append(claimant)

    def _last_so_called(self, head: str) -> Claimant | None:
        """The last of the recent speakers that ``head`` names ("the minister": a person
        whose name or role has that word; "the company": a body whose name has it, never a
        person whose role mentions it, as in "chief engineer of the company")."""
        body = head not in self.ld.title_words
        for claimant in reversed(self.recent[-8:]):
            if body and claimant.kind == "person":
                continue
            names = f"{claimant.label} {claimant.role_title or ''} {claimant.mention or ''}"
            if head in names.lower().split():
                return claimant
        return None

    def _definite(self, text: str) -> Claimant | None:
        """ "the ministry" / "the minister" / "kementerian itu": the last agent so called."""
        words = [w for w in norm_name(text).split() if w not in self.ld.demonstratives]
        if len(words) != 1 or (text[:1].isupper() and text.split()[0].lower() == words[0]):
            return None
        head = words[0]
        if head not in self.ld.title_words and head not in self.ld.institution_words:
            return None
        who = self._last_so_called(head)
        if who:
            return who.model_copy(update={"mention": text})
        for claimant in reversed(list(self.new.values())):  # named, not yet heard from
            words_of = claimant.label.lower().split()
            if claimant.kind != "unnamed" and len(words_of) > 1 and head in words_of:
                return claimant.model_copy(update={"mention": text})
        ahead = self.titled_ahead.get(head)
        if ahead:  # "The mayor is now accusing ... Mayor Georges Bourelle said": named later
            who = self.resolve(f"{head} {ahead}")
            if who and who.kind == "person":
                return who.model_copy(update={"mention": text})
        return None

    # ------------------------------------------------------------ resolution
    def resolve(
        self, phrase: str, *, speaker: bool = False, strict: bool = False
    ) -> Claimant | None:
        """The agent a noun phrase names, or None when it does not look like an agent.

        ``speaker``: the phrase follows a quote verb, so one capitalised word is a name.
        ``strict``: only known agents, roles and names already seen (no new agents).
        """
        ld = self.ld
        acronym, text = _clean(phrase, ld.code)
        if acronym:  # "Badan Pengungsi PBB (UNHCR)": the acronym, when it is known
            hit = self._lookup(acronym)
            if hit:
                return hit
        if not text:
            return None
        tokens = text.split()
        if len(tokens) > 12:
            return None
        low = norm_name(text)
        if low in ld.speaker_pronouns:
            if strict:
                return None
            who = self.recent[-1] if self.recent else None
            return who.model_copy(update={"mention": text}) if who else None
        if low in ld.pronouns:
            if strict:
                return None
            person = low not in ("they", "mereka", "it")
            who = self.last_person if person else (self.last_group or self.last_person)
            return who.model_copy(update={"mention": text}) if who else None
        hit = self._lookup(text)
        if hit:
            return hit
        country = ld.countries.get(low)
        if country and not strict:  # "Myanmar menampik": the government of Myanmar
            return self._register(
                Claimant(id=slugify(country), label=country, kind="government", mention=text),
                short_names=False,
            )
        if not strict:
            hit = self._definite(text)
            if hit:
                return hit
        role_id = self.registry.by_role_title(text)
        if role_id:
            return self._known(role_id, text)
        for head in ld.subject_heads:
            if low.startswith(head + " "):
                return self.resolve(text[len(head) :].strip(), speaker=speaker, strict=strict)
        if (
            speaker
            and not strict
            and (self.last_group or self.last_speaker)
            and len(tokens) == 2
            and tokens[0].lower() in ld.demonstratives
            and tokens[1].lower() in ld.subject_tails
        ):
            # '"...," said the statement': the statement of the body that last spoke
            who = self.last_group or self.last_speaker
            assert who is not None
            return who.model_copy(update={"mention": text})
        if len(tokens) >= 2 and tokens[-1].lower() in ld.subject_tails:
            # "The UN report said": the body whose report it is
            rest = tokens[1:-1] if tokens[0].lower() in ("the", "a", "an") else tokens[:-1]
            if rest:
                hit = self.resolve(" ".join(rest), speaker=speaker, strict=strict)
                if hit:
                    return hit
        first = tokens[0].lower()
        initials = None if strict else self._initials(tokens, text)
        if initials:  # "Kades berinisial HO ini": the person known by the initials HO
            return initials
        if not strict and lows_end_demonstrative(tokens, ld):
            described = self._described(tokens, text)  # "Diplomat yang akrab disapa Tata itu"
            if described:
                return described
        named = self._name_run(tokens, speaker)
        if (
            not strict
            # "A colleague of Walsh": someone unnamed ("a spokesman for X" speaks for X)
            and (
                not named
                or (
                    len(tokens) > 2
                    and tokens[1].lower() in ld.unnamed_heads
                    and tokens[2].lower() in ("of", "dari")
                )
            )
            and (
                first in ld.unnamed_determiners
                or (first in ld.unnamed_heads and first not in ld.titles)
            )
        ):
            if first in ld.demonstratives and tokens[-1].islower():
                # "The Alstom spokesman added" after "an Alstom spokesman said": the same one
                described = self._described(tokens, text)
                if described:
                    return described
            unnamed = self._unnamed(tokens, text)
            if unnamed:
                return unnamed
        role_at = max((k for k, t in enumerate(tokens) if t.islower()), default=-1)
        if (
            0 < role_at <= len(tokens) - 3
            and (tokens[role_at] in ld.title_words or tokens[role_at] in ld.person_nouns)
            and len(self._name_run(tokens[role_at + 1 :], speaker)) == len(tokens) - role_at - 1
        ):
            # "Ukraine's Ministry of Foreign Affairs spokesperson Oleg Nikolenko": the name
            # after the role, whatever the role's body is called
            who = self.resolve(" ".join(tokens[role_at + 1 :]), speaker=speaker, strict=strict)
            if who and who.kind == "person":
                return who.model_copy(update={"role_title": " ".join(tokens[: role_at + 1])})
        if " of " in f" {low} " and len(named) < 2:
            # "spokeswoman Ana Cruz of the mayor's office": the person, of that body
            head, _, _body = text.partition(" of ")
            if len(self._name_run(head.split(), speaker)) >= 2:
                who = self.resolve(head, speaker=speaker, strict=strict)
                if who and who.kind == "person":
                    return who
        if not strict:
            described = self._described(tokens, text)
            if described:
                return described
        if tokens[0].lower() in ld.institution_words and self._proper(tokens):
            if strict:
                return None
            return self._register(
                Claimant(id=slugify(text), label=text, kind="organization", mention=text),
                short_names=False,
            )
        name = self._name_run(tokens, speaker)
        if not name and len(tokens) >= 2 and _is_brand(tokens, ld):
            # "Situsweb marketplace Tokopedia membantah": a body named after its descriptor
            label = tokens[-1]
            return self._register(
                Claimant(id=slugify(label), label=label, kind="organization", mention=text),
                short_names=False,
            )
        if not name and not strict:
            lead = self._leading_name(tokens)
            if lead:
                return lead
        if name:
            hit = self._lookup(" ".join(name))
            if hit:
                return hit
            if strict:
                return None
            title = " ".join(tokens[: len(tokens) - len(name)]).strip(" ,") or None
            # "French engineering group Alstom", "perusahaan Acme": a body so described;
            # "Kepala sekolah Sarmin" is a person, the head of a school
            body = bool(
                title
                and title.split()[-1].lower() in ld.institution_words
                and not any(
                    w.lower() in ld.title_words or w.lower() in ld.person_nouns
                    for w in title.split()
                )
            )
            return self._register(
                Claimant(
                    id=slugify(" ".join(name)),
                    label=" ".join(name),
                    kind="organization" if body else "person",
                    role_title=None if body else title,
                    role_of=self._find_agent(title) if title and not body else None,
                    mention=text,
                ),
                short_names=not body,
            )
        if strict:
            return None
        unnamed = self._unnamed(tokens, text)
        if unnamed:
            return unnamed
        owned = self._possessive(tokens, text)
        if owned:
            return owned
        role = self._title_role(tokens, text)
        if role:
            return role
        found_body = self._body(tokens, text)
        if found_body:
            return found_body
        if (
            len(tokens) == 1
            and tokens[0][1:].isalpha()
            and tokens[0][1:].islower()
            and tokens[0][:1].isupper()
        ):
            # one Titlecase word before a reporting verb is a surname ("Dahnil menjelaskan");
            # bodies go by acronyms (KPK, TNI) or by names with an institution word
            if tokens[0].lower() not in ld.stopwords | ld.non_name_words:
                return self._register(
                    Claimant(id=slugify(text), label=text, kind="person", mention=text),
                    short_names=True,
                )
        if self._proper(tokens):
            label = " ".join(tokens[1:]) if tokens[0].lower() == "the" else text
            return self._register(
                Claimant(id=slugify(label), label=label, kind="organization", mention=text),
                short_names=False,
            )
        return None

    def _initials(self, tokens: list[str], text: str) -> Claimant | None:
        """ "Kades berinisial HO ini", "a man with the initials AB": the person so called."""
        for k, token in enumerate(tokens[:-1]):
            if token.lower() not in self.ld.initials_markers:
                continue
            name = tokens[k + 1].strip(",.()")
            if not name[:1].isupper() or len(name.replace(".", "")) > 4:
                return None
            known = self._lookup(name)
            if known:
                return known.model_copy(update={"mention": text})
            return self._register(
                Claimant(
                    id=slugify(name),
                    label=name,
                    kind="person",
                    role_title=" ".join(tokens[:k]) or None,
                    mention=text,
                ),
                short_names=True,
            )
        return None

    def head_phrase(self, phrase: str) -> str:
        """``phrase`` cut before its first preposition: "An opposition leader in the Indian
        Ocean nation of Comoros" -> "An opposition leader"."""
        words = phrase.split()
        for i, word in enumerate(words[1:], start=1):
            if word.lower() in self.ld.prepositions:
                return " ".join(words[:i])
        return phrase

    def _leading_name(self, tokens: list[str]) -> Claimant | None:
        """A name followed by its title: "Anie Rahmi Corporate Communication Manager PT X"."""
        ld = self.ld
        run: list[str] = []
        for token in tokens:
            if not self._is_name_token(token):
                break
            run.append(token)
        rest = [t.lower() for t in tokens[len(run) :]]
        if not 2 <= len(run) <= 4 or not rest or rest[0] not in ld.title_words:
            return None
        label = " ".join(run)
        hit = self._lookup(label)
        if hit:
            return hit
        return self._register(
            Claimant(
                id=slugify(label),
                label=label,
                kind="person",
                role_title=" ".join(tokens[len(run) :]),
                role_of=self._find_agent(" ".join(tokens[len(run) :])),
                mention=" ".join(tokens),
            ),
            short_names=True,
        )

    def _body(self, tokens: list[str], text: str) -> Claimant | None:
        """A body named by a common noun: "the army", "The Rwandan government", "pihak
        tentara": a known agent through a demonym, else a new organisation."""
        ld = self.ld
        words = tokens[1:] if tokens[0].lower() in ("the", "pihak") else tokens
        if not words or len(words) > 4:
            return None
        last = words[-1].lower()
        if last not in ld.institution_words and last not in ld.group_nouns:
            return None
        if not all(w.islower() or w[:1].isupper() for w in words):
            return None
        if any(
            w.lower() in ld.demonstratives
            or w.lower() in ld.pronouns
            or ld.opener_re.fullmatch(w)
            or ld.verb_re.fullmatch(w)
            or (w.islower() and ld.verb_shape_re.fullmatch(w))
            for w in words
        ):
            # "as the administration", "Ia menyarankan kedua kubu": a clause, not a name
            return None
        for w in words[:-1]:
            known = ld.demonyms.get(w.lower())
            if known and last in ld.group_nouns:
                return self._known(known, text)
        if len(words) == 1:
            # "pihak perusahaan menegaskan", "the company said": the last body that spoke
            bodies = [c for c in self.recent[-8:] if c.kind in ("organization", "government")]
            if bodies:
                return bodies[-1].model_copy(update={"mention": text})
        label = " ".join(words)
        label = label[:1].upper() + label[1:]
        return self._register(
            Claimant(id=slugify(label), label=label, kind="organization", mention=text),
            short_names=False,
        )

    def _described(self, tokens: list[str], text: str) -> Claimant | None:
        """A description of someone already named: "politikus Partai Golkar itu", "the
        minister": the last person (or body) so described."""
        ld = self.ld
        lows = [t.lower().strip(",.") for t in tokens]
        if len(tokens) == 1 and lows[0] in ld.person_nouns and ld.code != "en":
            # "Pria yang juga menjabat ... itu menegaskan": the subject cut at its relative
            # clause, a description of the last person
            who = self.last_person
            return who.model_copy(update={"mention": text}) if who else None
        if len(tokens) < 2:
            return None
        if lows[-1] in ld.demonstratives and ld.code != "en":
            head = lows[0]
        elif lows[0] == "the" and ld.code == "en" and not tokens[-1][:1].isupper():
            head = lows[-1]  # "the company", never "The Daily Herald", a name
        else:
            return None
        if any(_POSSESSIVE.search(t) for t in tokens) or len(tokens) > 6:
            return None  # "the mayor's office" is a body of its own
        if head in ld.person_nouns:
            who = self.last_person  # "politikus itu", "the diplomat": the last person
        elif head in ld.title_words or head in ld.institution_words or head in ld.group_nouns:
            who = self._last_so_called(head)  # "the minister", "kementerian itu"
            if who is None and (head in ld.institution_words or head in ld.group_nouns):
                # "The Zurich-based company says": the last body that spoke
                bodies = [c for c in self.recent[-8:] if c.kind in ("organization", "government")]
                who = bodies[-1] if bodies else None
        else:
            return None
        return who.model_copy(update={"mention": text}) if who else None

    def _is_name_token(self, token: str) -> bool:
        hit = self._name_tokens.get(token)
        if hit is None:
            hit = self._name_tokens[token] = self._is_name_token_uncached(token)
        return hit

    def _is_name_token_uncached(self, token: str) -> bool:
        ld = self.ld
        low = token.lower().strip(",.")
        if not token[:1].isupper() or not any(c.isalpha() for c in token):
            return False
        letters = [c for c in token if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return False  # an acronym (TNI, KH, DPR) is a body or a title, not a given name
        if low in ld.title_words or low in ld.title_complements or low in ld.institution_words:
            return False
        if low in ld.stopwords or low in ld.unnamed_heads or low in ld.non_name_words:
            return False
        if low in ld.places:
            return False  # "Bulog Tanjungpinang Arief": Arief, of Tanjungpinang
        known = self.registry.lookup(token, ld.code)
        return known is None or self.registry.kind(known) == "person"

    def _name_run(self, tokens: list[str], speaker: bool) -> list[str]:
        suffixes = self.ld.name_suffixes
        while len(tokens) > 1 and tokens[-1].strip(",").replace(".", "").lower() in suffixes:
            tokens = tokens[:-1]  # "Ahmad Dwi Rahmat SPd": the name without the degree
        run: list[str] = []
        for token in reversed(tokens):
            if not self._is_name_token(token):
                break
            run.insert(0, token)
        if not run:
            return []
        poss = [k for k, token in enumerate(run[:-1]) if _POSSESSIVE.search(token)]
        if poss:  # "EFL's Profitability": what belongs to a body is no person's name
            run = run[poss[-1] + 1 :]
        role_nouns = self.ld.person_nouns | self.ld.unnamed_heads
        while len(run) > 1 and run[0].lower() in role_nouns:
            run = run[1:]  # "Villager Lalaram": a role noun capitalised at the sentence start
        before = tokens[: len(tokens) - len(run)]
        prev = before[-1].lower() if before else ""
        ld = self.ld
        for k, token in enumerate(before):
            low = token.lower().strip(",.()")
            nxt = before[k + 1].lower() if k + 1 < len(before) else ""
            if token[:1].isupper() and low in ld.institution_words and nxt in ("of", "for"):
                # "The International Association of Athletics Federations": one body's name
                return []
            if low in ld.stopwords and low not in _TITLE_GLUE | ld.unnamed_determiners:
                # "their violation of the Russian border in the Black Sea", "istri bekas
                # Gubernur X": the name is not the speaker's
                return []
        titled = any(
            " ".join(before[-n:]).lower() in self.ld.titles
            for n in range(1, min(len(before), 4) + 1)
        ) or any(t.lower() in self.ld.title_words for t in before[:2])
        # "mining company owner Melwani", "villager Lalaram": a role noun right before one name
        titled = titled or (bool(before) and before[-1].lower() in role_nouns)
        if len([t for t in run if not t.endswith(".")]) > 3:  # "Mohd. Andri A. Nugraha": 2
            run = run[-2:]
        elif len(run) == 3 and prev in self.ld.institution_words:
            run = run[1:]
        if len(run) >= 2:
            return run
        if len(run) == 1 and (
            titled or (speaker and not before) or self.names.get(norm_name(run[0]))
        ):
            return run
        return []

    def _find_agent(self, text: str | None) -> str | None:
        """The first known agent named inside ``text`` (longest n-gram first)."""
        if not text:
            return None
        tokens = text.split()
        for size in range(min(len(tokens), 6), 0, -1):
            for i in range(len(tokens) - size + 1):
                gram = " ".join(tokens[i : i + size])
                agent_id = self.registry.lookup(gram, self.ld.code)
                if agent_id:
                    return agent_id
                dem = self.ld.demonyms.get(gram.lower())
                if dem:
                    return dem
                # a body this article named before ("an Alstom spokesman" after "Alstom")
                local = self.new.get(self.names.get(norm_name(gram), ""))
                if local is not None and local.kind in ("organization", "government"):
                    return local.id
        return None

    def _unnamed(self, tokens: list[str], text: str) -> Claimant | None:
        ld = self.ld
        lows = [t.lower().strip(",.") for t in tokens]
        limit = 5
        for i, low in enumerate(lows[:limit]):
            # "two unnamed rowers": whatever noun follows a word of anonymity heads a source
            if (
                low in ld.unnamed_heads
                or (  # "orang tua murid"; a two-word title ("juru bicara") is a role
                    " ".join(lows[i : i + 2]) in ld.unnamed_heads
                    and " ".join(lows[i : i + 2]) not in ld.titles
                )
                or (i and lows[i - 1] in ld.anonymity_words)
                # "the company's president": a role of a body not named as an agent
                or (
                    i
                    and low in ld.title_words
                    and tokens[i - 1][:1].islower()
                    and _POSSESSIVE.search(tokens[i - 1])
                )
            ):
                before = lows[:i]
                if any(
                    (b in ld.stopwords and b not in ld.unnamed_determiners) or b in ld.speech_verbs
                    for b in before
                ):
                    return None  # "said people would not": a fragment, not a source
                after = tokens[i + 1 :]
                if after and after[-1][:1].islower() and after[0][:1].isupper():
                    return None  # "spokesperson Dmitry Peskov answers": a fragment
                if any(a.lower() in ld.passive_auxiliaries or a.lower() in ld.verbs for a in after):
                    return None  # "councillors have dismissed his claims and": a clause
                rest = " ".join(tokens[i + 1 :])
                return self._register(
                    Claimant(
                        id=slugify(text),
                        label=text,
                        kind="unnamed",
                        role_title=tokens[i],
                        role_of=self._find_agent(rest) or self._find_agent(" ".join(tokens[:i])),
                        mention=text,
                    ),
                    short_names=False,
                )
        return None

    def _possessive(self, tokens: list[str], text: str) -> Claimant | None:
        """ "Indonesia's trade ministry" / "Australia's agriculture minister": a body or role of
        a known agent."""
        if len(tokens) < 2 or len(tokens) > 5 or not _POSSESSIVE.search(tokens[0]):
            return None
        owner = self.registry.lookup(tokens[0], self.ld.code)
        last = tokens[-1].lower()
        if not owner or not all(t.islower() for t in tokens[1:]):
            return None
        rest = " ".join(tokens[1:])
        for demonym, agent_id in self.ld.demonyms.items():
            if agent_id == owner:  # "Russia's foreign ministry" is the Russian foreign ministry
                known = self.registry.lookup(f"{demonym} {rest}", self.ld.code)
                if known:
                    return self._known(known, text)
        if last in self.ld.institution_words:
            kind = "organization"
        elif last in self.ld.title_words:
            kind = "person"
        else:
            return None
        return self._register(
            Claimant(
                id=slugify(text),
                label=text,
                kind=kind,  # type: ignore[arg-type]
                role_title=" ".join(tokens[1:]),
                role_of=owner,
                mention=text,
            ),
            short_names=False,
        )

    def _title_role(self, tokens: list[str], text: str) -> Claimant | None:
        ld = self.ld
        lows = [t.lower() for t in tokens]
        best = 0
        for size in range(min(len(tokens), 4), 0, -1):
            if " ".join(lows[:size]) in ld.titles:
                best = size
                break
        if not best:
            return None
        title = " ".join(tokens[:best])
        rest = " ".join(tokens[best:])
        of = self.registry.lookup(rest, ld.code) if rest else None
        if not self._name_run(tokens, False):
            # "Kabid Humas Polda Maluku" again: the person already named with that title
            for claimant in reversed(self.recent[-8:]):
                held = f"{claimant.role_title or ''} {claimant.mention or ''}".lower()
                if claimant.kind == "person" and title.lower() in held:
                    return claimant.model_copy(update={"mention": text})
        if of:
            holder = self.registry.by_role(title, of)
            if holder:
                return self._known(holder, text)
        if not rest and not of:
            return None
        words = rest.split()
        lower = [  # words written in lower case, other than "of", "the", "and" ...
            k
            for k, t in enumerate(words)
            if t.islower()
            and t not in ld.prepositions
            and t not in ld.demonstratives
            and t not in ("and", "dan", "&")
        ]
        if lower and (any(words[k] in ld.pronouns for k in lower) or len(lower) > 2):
            # "Coun Vallender stands by what he (wrote)", "Presiden Donald Trump melalui akun
            # twitternya": the name ends where the clause begins
            rest = " ".join(words[: lower[0]])
            if not rest:
                return None
            text = f"{title} {rest}"
            of = self.registry.lookup(rest, ld.code)
        return self._register(
            Claimant(
                id=slugify(text),
                label=text,
                kind="person",
                role_title=title,
                role_of=of or self._find_agent(rest),
                mention=text,
            ),
            short_names=False,
        )

    def _proper(self, tokens: list[str]) -> bool:
        if len(tokens) > 7 or tokens[0].lower() in self.ld.non_name_words:
            return False
        significant = 0
        for token in tokens:
            low = token.lower()
            if low in _CONNECTORS:
                continue
            if not token[:1].isupper():
                return False
            if low not in self.ld.stopwords:
                significant += 1
        return significant > 0
