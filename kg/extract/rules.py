"""The rule-based extractor: quotes, reported speech, stances, passives, nominal reports and
the article's own checkable claims, driven by the language data in ``lang/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.agents import AgentRegistry, ArticleAgents, norm_name, slugify
from kg.extract.langdata import LangData, load_lang, phrase_regex
from kg.extract.quantities import find_quantities
from kg.extract.result import Article, Claimant, Statement
from kg.extract.segment import Quote, dateline_end, find_quotes, paragraphs, sentences
from kg.extract.stems import content_stems, negated_stems

__all__ = ["RuleExtractor"]

ARTICLE = Claimant(id="@article", label="the article", kind="article")
_THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")
_SPLIT_SEG = re.compile(r"[;:]|,(?!\d{3}(?!\d))")  # "15,000 people": no segment break
_QUOTE_CHARS = '“”"«»„'
_ACRONYM_END = re.compile(r"\(([A-Z][A-Za-z0-9&.-]{1,12})\)\s*$")
_AGENT_CUT = re.compile(r"[,.;:!?()]|\s[-–—]\s")

# Confidence by construction (documented in docs/extraction.md).
CONF_QUOTE = 0.9
CONF_QUOTE_PRONOUN = 0.8
CONF_QUOTE_CONTINUED = 0.6
CONF_REPORTED = 0.85
CONF_ACCORDING = 0.8
CONF_PASSIVE = 0.8
CONF_NOMINAL = 0.6
CONF_EMBEDDED = 0.6
CONF_ARTICLE = 0.5
CONF_EMBEDDED_CLAIM = 0.6
#: Content words a statement must share with an earlier one to answer it.
ANSWER_MIN_SHARED = 2
#: How many earlier statements a statement may answer across (keeps linking linear).
ANSWER_WINDOW = 40
#: A denial without an object noun answers an accusation among this many previous statements.
ACCUSATION_WINDOW = 6


@dataclass
class _Cand:
    start: int
    end: int
    trigger: int
    claimants: list[Claimant]
    kind: str = "assertion"
    quote: bool = False
    verb: str | None = None
    rule: str = ""
    confidence: float = 0.5
    target_text: str | None = None
    passive: bool = False
    group: int = 0
    ids: list[str] = field(default_factory=list)
    #: claims quoted inside this one ("denied X's claim that ..."), each its own statement
    embedded: list[_Cand] = field(default_factory=list)
    #: a clause of its own after an earlier statement of the same sentence ("..., saying B",
    #: "... and said B"): kept beside it, the earlier one ending where this one starts
    clause: bool = False
    stems: frozenset[str] | None = None
    #: where what is claimed starts and ends, when it is not the whole span
    content: tuple[int, int] | None = None
    #: an attribution inside the content ("Moeldoko, kata dia, bukan ..."), left out of it
    gap: tuple[int, int] | None = None


def _conj_re(ld: LangData) -> re.Pattern[str]:
    return _conj_re_for(ld.code)


@lru_cache(maxsize=8)
def _conj_re_for(code: str) -> re.Pattern[str]:
    """Commas and "dan"/"and" between several agents, compiled once per language."""
    conj = phrase_regex([str(c) for c in load_lang(code).raw.get("conjunctions") or []])
    return re.compile(rf"\s*,\s*(?:(?:{conj})\s+)?|\s+(?:{conj})\s+", re.IGNORECASE)


def _hedge(ld: LangData, text: str) -> re.Match[str] | None:
    """The first hedge cue in ``text``; capitalised cues only count at the start ("May 5")."""
    for m in ld.hedge_re.finditer(text):
        before = text[: m.start()].split()[-1:]
        if before and before[0].lower() in ld.negators:
            continue  # "tidak mungkin", "not likely": a firm statement, not a hedge
        if m.start() == 0 or not m.group()[0].isupper():
            return m
    return None


_NAME_RUN = re.compile(
    r"(?<![\w-])[A-Z][a-z]+(?:[ \t]+(?:[A-Z][a-z]+|bin|binti|de|van|al)(?![\w-]))+"
)


def _article_names(text: str, ld: LangData) -> list[list[str]]:
    """Runs of two or more capitalised words in ``text`` that can be a person's name (no
    title, institution or calendar word in them, leading titles dropped)."""
    stop = ld.title_words | ld.agent_words | ld.non_name_words | ld.stopwords | ld.places
    stop = stop | ld.person_nouns | ld.unnamed_heads
    runs = []
    for m in _NAME_RUN.finditer(text):
        words = m.group().split()
        while words and words[0].lower() in stop:
            words = words[1:]
        if len(words) >= 2 and not any(w.lower() in stop for w in words):
            runs.append(words)
    return runs


def _leading_title(words: list[str], text: str) -> bool:
    """Is the first word of a person's name as read a title or a place instead? The rest of
    the name is used alone in ``text`` ("Luhut mengatakan", "kata Wujuddin") and the word either
    is only ever written before it in a name of three words or more ("Menkopolhukam Luhut
    Panjaitan") or belongs elsewhere to another phrase ("Buton Tengah Wujuddin" beside
    "Kabupaten Buton Tengah")."""
    first, second = (re.escape(w) for w in words[:2])
    later = re.search(rf"(?<![\w-])(?<!{first} ){second}(?:\s+[a-z]|[,.])", text)
    if not later:
        return False
    alone = len(re.findall(rf"(?<![\w-]){first}(?![\w-])", text))
    before = len(re.findall(rf"(?<![\w-]){first}\s+{second}(?![\w-])", text))
    return (alone == before and len(words) >= 3) or alone > before


def _one_name_per_person(cands: list[_Cand], text: str = "", ld: LangData | None = None) -> None:
    """One person under a full and a short name is one agent: "Rahmad" becomes "Muhammad
    Rahmad" when exactly one new person of the article has that word in a longer name, or,
    when no claimant has, exactly one name written in the article does ("Kepala Bidang
    Humas, Dede Armansyah" then "Dede mengatakan")."""
    people = {
        cl.id: cl for c in cands for cl in c.claimants if cl.kind == "person" and not cl.known
    }
    names: list[list[str]] | None = None  # read from the text only when needed
    full: dict[str, Claimant] = {}
    for person in people.values():
        words = person.label.split()
        dropped: list[str] = []
        while len(words) >= 2 and text and _leading_title(words, text):
            dropped.append(words.pop(0))
        if dropped:
            label = " ".join(words)
            full[person.id] = person.model_copy(
                update={"id": slugify(label), "label": label, "role_title": " ".join(dropped)}
            )
    for short in people.values():
        words = short.label.lower().split()
        if len(words) != 1:
            continue
        longer = [
            p for p in people.values() if p.id != short.id and words[0] in p.label.lower().split()
        ]
        if len(longer) == 1:
            full[short.id] = full.get(longer[0].id, longer[0])
        elif not longer and ld is not None:
            if names is None:
                names = _article_names(text, ld)
            written = {" ".join(n) for n in names if words[0] in (w.lower() for w in n)}
            if len(written) == 1:
                label = written.pop()
                full[short.id] = short.model_copy(update={"id": slugify(label), "label": label})
    if not full:
        return
    for c in cands:
        c.claimants = [
            full[cl.id].model_copy(update={"mention": cl.mention}) if cl.id in full else cl
            for cl in c.claimants
        ]


#: A name alone ending a sentence after a title and a comma ("..., ujar Manajer X, Ruddy Widodo")
_TITLED_TAIL = re.compile(r"\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*[.!?]?\s*")


def _unmarked_quote(cands: list[_Cand], first: int, ps: int) -> None:
    """A paragraph that ends "..., kata X." after sentences no one is said to say is X's
    quote whose marks the page lost ("Nggak ada itu. Aman, ujar X."): the statement starts
    where the paragraph does."""
    mine = cands[first:]
    if not mine or any(c.claimants[0].id != "@article" for c in mine[:-1]):
        return
    last = mine[-1]
    if last.rule != "trailing-attribution" or last.start <= ps or last.gap:
        return
    del cands[first:-1]  # the article's own claims in it are X's words
    last.start = ps
    if last.content:
        last.content = (ps, last.content[1])


def _is_name(label: str) -> bool:
    """Every word capitalised, or a connector ("Ali bin Abu", "Maria de Souza")."""
    return all(w[:1].isupper() or w.lower() in _NAME_CONNECTORS for w in label.split())


_NAME_CONNECTORS = frozenset({"bin", "binti", "de", "da", "van", "von", "al", "el", "di", "la"})


def _stems_of(text: str, c: _Cand, ld: LangData) -> frozenset[str]:
    """Content stems of what candidate ``c`` says, computed once per candidate."""
    if c.stems is None:
        said = text[c.start : c.end] if c.quote else text[max(c.start, c.trigger) : c.end]
        c.stems = content_stems(said, ld)
    return c.stems


def _points_back(statement: Statement, c: _Cand, ld: LangData) -> bool:
    """Is the answer's object a word pointing back: "membantahnya" (the denial verb's pronoun
    suffix), "denied it on Monday", "menepis hal tersebut"?"""
    verb = (c.verb or "").lower()
    bare = next(
        (verb[: -len(x)] for x in ld.pronoun_suffixes if verb.endswith(x) and verb[: -len(x)]),
        verb,
    )
    if ld.verbs.get(bare, ld.verbs.get(verb)) not in ("denial", "dispute"):
        return False  # "memastikan hal tersebut hoaks": the stance is in what follows
    if bare != verb:
        return True
    span = statement.text
    at = span.lower().find(verb) if verb else -1
    if at < 0:
        return False
    words = [w.strip('.,;:!?"“”').lower() for w in span[at + len(verb) :].split()]
    for n in (2, 1):
        if len(words) >= n and " ".join(words[:n]) in ld.anaphoric_objects:
            return len(words) - n <= 3  # "it on Monday", never "this year's budget was cut"
    return False


def _answers_again(stmts: list[Statement], meta: list[_Cand], i: int, c: _Cand) -> list[str]:
    """The targets of the same side's denial or dispute just before statement ``i`` ("This is
    absurd," Peskov said, after Peskov denied X), or none."""
    if c.embedded:
        return []
    sides = {cl.id for cl in c.claimants} | {cl.role_of for cl in c.claimants if cl.role_of}
    for j in range(i - 1, max(-1, i - 4), -1):
        prev = stmts[j]
        if prev.claimant.id == "@article" or meta[j].group == c.group:
            continue
        if {prev.claimant.id, prev.claimant.role_of} & sides:
            if prev.kind in ("denial", "dispute") and prev.targets:
                return list(prev.targets)
        break
    return []


def text_of(statement: Statement) -> str:
    """The words of a statement (its span)."""
    return statement.text


class RuleExtractor:
    """Extract statements with hand-written rules over per-language data (no model)."""

    name = "rules"

    def __init__(self, registry: AgentRegistry | None = None) -> None:
        self.registry = registry or AgentRegistry.shared()

    # ------------------------------------------------------------------ entry
    #: where the paragraph being read starts
    _para_start = 0

    def extract(self, article: Article, lang: str, *, skip_title: bool = True) -> list[Statement]:
        """All statements of ``article`` read as language ``lang``."""
        ld = load_lang(lang)
        ctx = ArticleAgents(ld, self.registry)
        text = article.text
        ctx.scan_titles(text)
        cands: list[_Cand] = []
        last_sentence: tuple[int, int, int] | None = None  # start, end, cands before it
        for n, (ps, pe) in enumerate(paragraphs(text, skip_title=skip_title)):
            ps = dateline_end(text, ps, pe, first=n == 0)
            para_start = len(cands)
            self._para_start = ps
            quotes = find_quotes(text, ps, pe)
            para_speaker: Claimant | None = None
            for ss, se in sentences(text, ps, pe, quotes):
                sq = [q for q in quotes if ss <= q.open < se]
                if self._back_reference(text, ss, se, cands, last_sentence, ld, ctx):
                    continue  # "Hal tersebut disampaikan X": the sentence before was X's
                last_sentence = (ss, se, len(cands))
                made = self._quote_statements(text, ss, se, sq, ld, ctx, para_speaker)
                if made:
                    para_speaker = made[-1].claimants[0]
                    cands.extend(made)
                    continue
                found = self._reported(text, ss, se, sq, ld, ctx)
                if not found:
                    found = self._embedded_quote(text, ss, se, sq, ld, ctx)
                if not found:
                    found = self._rumour(text, ss, se, ld, ctx)
                if not found:
                    found = self._article_claim(text, ss, se, sq, ld)
                    self._note_subject(text, ss, se, ctx)
                cands.extend(found)
            _unmarked_quote(cands, para_start, ps)
        return self._finish(text, cands, ld, ctx)

    def _back_reference(
        self,
        text: str,
        ss: int,
        se: int,
        cands: list[_Cand],
        last: tuple[int, int, int] | None,
        ld: LangData,
        ctx: ArticleAgents,
    ) -> bool:
        """ "Hal tersebut disampaikan X dalam sidang ...": not a statement of its own, but the
        attribution of the sentence before it, which becomes X's (made a statement when no
        rule found one there, its article-only statements given to X)."""
        if last is None:
            return False
        matches = (r.match(text, ss, se) for r in ld.back_reference_res)
        m = next((x for x in matches if x), None)
        if m is None:
            return False
        rest = m.group("who")
        cut = ld.cutter_re.search(rest)
        who = self._titled_name(rest, cut, ld, ctx) or ctx.resolve(
            rest[: cut.start()] if cut else rest, speaker=True
        )
        if who is None:
            return False
        ls, le, before = last
        made = cands[before:]
        if not made:
            end = self._content_end(text, ls, le)
            cands.append(
                _Cand(ls, end, ls, [who], rule="back-reference", confidence=CONF_ACCORDING)
            )
        for c in made:
            if c.claimants[0].id == "@article" or c.confidence == CONF_QUOTE_CONTINUED:
                c.claimants = [who]
        ctx.note(who)
        ctx.last_speaker = who
        return True

    # ----------------------------------------------------------------- quotes
    def _quote_statements(
        self,
        text: str,
        ss: int,
        se: int,
        sq: list[Quote],
        ld: LangData,
        ctx: ArticleAgents,
        para_speaker: Claimant | None,
    ) -> list[_Cand]:
        if not sq:
            return []
        first = sq[0]
        lead = text[ss : first.open]
        speaker: Claimant | None = None
        verb: str | None = None
        conf = CONF_QUOTE
        if not lead.strip():
            after = text[first.close + 1 : se] if first.closed else ""
            found = self._after_quote(after, ld, ctx)
            if found:
                speaker, verb, conf = found
            elif not after.strip(' \t.,!?;:”’"') or (
                len(sq) > 1 and not text[first.close + 1 : sq[1].open].strip(" ,.")
            ):
                speaker = para_speaker or ctx.last_speaker
                conf = CONF_QUOTE_CONTINUED
            if speaker is None:
                return []
        else:
            split = ld.trailing_verb(lead)
            if not split and lead.rstrip().endswith(":"):
                # 'A spokesman told AFP in an email: "..."': the last reporting verb before
                # the colon, whatever follows it
                verbs = list(ld.verb_re.finditer(lead))
                if verbs and len(lead[verbs[-1].end() :].split()) <= 8:
                    split = (lead[: verbs[-1].start()], verbs[-1].group())
            if not split:
                return []
            who = self._subjects(split[0], len(split[0]), ld, ctx)
            if not who:
                return []
            speaker = who[0][0]
            verb = split[1]
        out: list[_Cand] = []
        for q in sq:
            if q is not first and q.open < first.close:
                continue
            a, b = q.inner
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b - a < 2:
                continue
            out.append(
                _Cand(a, b, q.open, [speaker], quote=True, verb=verb, rule="quote", confidence=conf)
            )
        if out:
            ctx.note(speaker)
            ctx.last_speaker = speaker
        return out

    def _after_quote(
        self, after: str, ld: LangData, ctx: ArticleAgents
    ) -> tuple[Claimant, str, float] | None:
        m = ld.after_quote_verb_first.match(after)
        if m:
            verb = m.group("verb")
            if m.group("nya"):
                who = ctx.last_person
                if who:
                    return who, verb + m.group("nya"), CONF_QUOTE_PRONOUN
            else:
                rest = m.group("rest")
                cut = ld.cutter_re.search(rest)
                name = rest[: cut.start()] if cut else rest
                named = self._titled_name(rest, cut, ld, ctx)
                found = named or (ctx.resolve(name, speaker=True) if name.strip() else None)
                if found:
                    return found, verb, CONF_QUOTE
        m = ld.after_quote_who_first.match(after)
        if m:
            found = ctx.resolve(m.group("who"), speaker=True)
            if found:
                pron = m.group("who").strip().lower() in ld.pronouns
                return found, m.group("verb"), CONF_QUOTE_PRONOUN if pron else CONF_QUOTE
        return None

    @staticmethod
    def _titled_name(
        rest: str, cut: re.Match[str] | None, ld: LangData, ctx: ArticleAgents
    ) -> Claimant | None:
        """ "kata Tenaga Ahli Utama Kantor Staf Presiden, Ali Mochtar Ngabalin, saat ...": a
        long role title, a comma, then the name: the person named, holding that title."""
        first = rest.split()[0].lower() if rest.split() else ""
        if cut and not rest[cut.start() :].lstrip().startswith(","):
            if first not in ld.title_words:
                return None
            # "kata Kepala Bidang (Kabid) Mitigasi pada BPBD Bogor, Dede Armansyah, ...": a
            # title with brackets or "of" words runs to its comma
            comma = rest.find(",")
            if comma < 0 or comma > 160:
                return None
            cut = re.compile(",").search(rest, comma)
        if not cut:
            return None
        title = rest[: cut.start()].strip()
        if not title or title.split()[0].lower() in ld.unnamed_determiners:
            return None  # "a witness interviewed by the agency, Studio Ijambo": not a title
        after = rest[cut.end() :]
        cut2 = ld.cutter_re.search(after)
        name = (after[: cut2.start()] if cut2 else after).strip(" .")
        if not title or not name or len(name.split()) > 5:
            return None
        if not all(w[:1].isupper() for w in name.split()):
            return None
        who = ctx.resolve(name, speaker=True)
        if not who or who.kind != "person":
            return None
        if who.role_title:
            return who
        return who.model_copy(update={"role_title": title, "role_of": ctx._find_agent(title)})

    # -------------------------------------------------------- reported speech
    def _subjects(
        self, sent: str, vstart: int, ld: LangData, ctx: ArticleAgents
    ) -> tuple[list[Claimant], int] | None:
        """(claimants, start) of the subject of a verb at ``vstart``, trying shorter clauses.

        The subject is looked for in the last comma-separated segment before the verb; a
        segment opening with a relative word ("who", "yang") is an aside and is skipped.
        """
        text = sent[:vstart]
        bounds = [0] + [m.end() for m in _SPLIT_SEG.finditer(text)]
        segs = [
            (b, bounds[i + 1] - 1 if i + 1 < len(bounds) else len(text))
            for i, b in enumerate(bounds)
        ]
        segs = [s for s in segs if text[s[0] : s[1]].strip()]
        while (
            len(segs) > 1
            and (
                not ld.trailing_re.sub("", " " + text[segs[-1][0] : segs[-1][1]]).strip()
                or all(ld.is_degree(t) for t in text[segs[-1][0] : segs[-1][1]].split())
                or all(  # "Greg Hodges, a partner at X in Savannah, Ga., told": a place
                    t.strip(",.").lower() in ld.places and t.strip(",.").lower() not in ld.countries
                    for t in text[segs[-1][0] : segs[-1][1]].split()
                )
            )
        ):
            # "Budi, Kepala Desa X, dengan tegas membantah": the adverbs belong to the verb;
            # "Andri Nugraha, S.STP., M.Si., menegaskan": so do the degrees after the name
            segs.pop()
        if not segs:
            return None
        i = len(segs) - 1
        if text[segs[i][0] : segs[i][1]].split()[0].lower() in ld.relatives and i > 0:
            i -= 1
        # "Rina Hartono, juru bicara Partai Maju, mengatakan" / "Mani, speaking to reporters at
        # Pala, his constituency, also rubbished": the name before the asides, not the role
        last_tokens = text[segs[i][0] : segs[i][1]].replace("(", " ").split()
        named_here = len(ctx._name_run([t for t in last_tokens if ")" not in t], False)) >= 2
        if named_here and i > 0 and last_tokens and last_tokens[0].lower() in ld.title_words:
            # "Ali Asman, Kepala Desa Paka Indah, membantah": a bare name before a role
            # ending in a place's name; the person is the one named first
            prev_tokens = ld.leading_re.sub("", text[segs[i - 1][0] : segs[i - 1][1]]).split()
            named_here = not (
                2 <= len(prev_tokens) <= 4 and ctx._name_run(prev_tokens, False) == prev_tokens
            )
        for k in range(i - 1, max(-1, i - 4), -1):
            if named_here:  # "Kepala Pusat Penerangan, Brigjen TNI Freddy Ardianzah, menyatakan"
                break
            if not all(self._skippable(text[a:b], ld) for a, b in segs[k + 1 : i + 1]):
                break
            named = self._appositive(text, segs[k], segs[i], ld, ctx)
            if named:
                return named
        found = self._subject_in(text, segs[i], ld, ctx)
        if found and all(
            c.kind != "government" and norm_name(c.label) in ld.places for c in found[0]
        ):
            found = None  # "PT X selaku produsen di Tangerang, Banten membantah": a place
        if found is None and i > 0:  # "PT X, kontraktor proyek, menampik": skip the apposition
            found = self._subject_in(text, segs[i - 1], ld, ctx)
        return found

    def _skippable(self, segment: str, ld: LangData) -> bool:
        """An aside, a place or a time between a name and its verb: "Andri Sulistyo, di
        Banjarnegara, Rabu, mengatakan"."""
        words = segment.split()
        if not words:
            return False
        lows = [w.lower().strip("()") for w in words]
        if lows[0] in ld.prepositions and len(words) <= 6:
            return True
        if all(w in ld.non_name_words or w in ld.places or w[:1].isdigit() for w in lows):
            return True
        return self._aside(segment, ld)

    @staticmethod
    def _aside(segment: str, ld: LangData) -> bool:
        """A comma segment that describes a subject rather than naming one: a role ("juru
        bicara Partai Maju", "spokesman for the ministry") or a participle ("speaking to
        reporters")."""
        words = segment.split()
        if not words or len(words) > 12:
            return False
        first = words[0].lower()
        return (
            first in ld.title_words
            or first in ld.person_nouns
            or first in ld.unnamed_determiners
            or (first.endswith("ing") and ld.code == "en")
            or (words[0][:1].islower() and first not in ld.stopwords)
        )

    def _appositive(
        self,
        text: str,
        name_seg: tuple[int, int],
        role_seg: tuple[int, int],
        ld: LangData,
        ctx: ArticleAgents,
    ) -> tuple[list[Claimant], int] | None:
        """ "X, spokesman for Y, said" / "X, juru bicara Y, mengatakan": X, holding the role."""
        role = text[role_seg[0] : role_seg[1]].strip()
        if not self._aside(role, ld) and (
            not role or len(role.split()) > 10 or ld.verb_re.search(role)
        ):
            return None
        seg = text[name_seg[0] : name_seg[1]]
        if any(ch in seg for ch in _QUOTE_CHARS):
            return None
        lead = ld.leading_re.match(seg)
        off = lead.end() if lead else 0
        phrase = seg[off:].strip()
        if not phrase or len(phrase.split()) > 8:
            return None
        if ld.verb_re.search(phrase):
            return None
        who = ctx.resolve(phrase, speaker=True)
        if not who or who.kind != "person" or not _is_name(who.label):
            return None
        if not who.role_title:
            who = who.model_copy(update={"role_title": role, "role_of": ctx._find_agent(role)})
        return [who], name_seg[0] + off + (len(seg[off:]) - len(seg[off:].lstrip()))

    def _subject_in(
        self, text: str, seg_bounds: tuple[int, int], ld: LangData, ctx: ArticleAgents
    ) -> tuple[list[Claimant], int] | None:
        seg_start, seg_end = seg_bounds
        seg = text[seg_start:seg_end]
        if any(ch in seg for ch in _QUOTE_CHARS):
            return None
        # "Seorang warga yang enggan disebutkan namanya mengatakan": blanked, offsets kept
        seg = ld.anonymity_clause_re.sub(lambda m: " " * len(m.group()), seg)
        acronym = _ACRONYM_END.search(seg)
        # "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memperkirakan": the acronym;
        # "Pemerintah Bangladesh dan Badan Pengungsi PBB (UNHCR) menampik": two bodies
        joined = [p for p in re.split(r"\s+(?:dan|and|serta)\s+", seg.strip()) if p]
        two_bodies = len(joined) >= 2 and all(len(p.split()) >= 2 for p in joined)
        placed = (
            acronym is not None
            and ld.code != "en"
            and any(w.lower() in ld.prepositions for w in seg[: acronym.start()].split()[1:])
        )  # "Kedutaan Besar Rusia di Amerika Serikat (AS) membantah": the place's acronym
        if acronym and not two_bodies and not placed:
            who = ctx.resolve(acronym.group(1), speaker=True)
            if who:
                lead = ld.leading_re.match(text)
                return [who], lead.end() if lead else 0
        starts = [0] + [
            m.end()
            for m in ld.opener_re.finditer(seg)
            # "X ketika dikonfirmasi ... mengatakan": an aside of X's, not a new clause
            if not ld.opens_aside(m.group(), (seg[m.end() :].split() or [""])[0])
        ]
        phrases: list[tuple[str, int]] = []
        for st in starts:
            phrase = seg[st:]
            lead = ld.leading_re.match(phrase)
            off = lead.end() if lead else 0
            phrase = phrase[off:]
            stripped = phrase.lstrip()
            off += len(phrase) - len(stripped)
            if stripped.strip():
                phrases.append((stripped.rstrip(), seg_start + st + off))
        for phrase, at in phrases:
            words = phrase.split()
            aside = next(
                (k for k in range(1, len(words) - 1) if ld.opens_aside(words[k], words[k + 1])),
                0,
            )
            if 0 < aside <= 8:
                # "Kapolsek X AKP Nur Amin saat dikonfirmasi membantah": the name before it
                claimants = self._resolve_list(" ".join(words[:aside]), ld, ctx)
                if claimants:
                    return claimants, at
            if len(words) <= 10:
                claimants = self._resolve_list(phrase, ld, ctx)
                if claimants:
                    return claimants, at
        # a relative clause without commas: "Septian yang juga Humas RS X membantah", "Seorang
        # warga yang enggan disebutkan namanya mengatakan": who is named before it
        for phrase, at in phrases:
            words = phrase.split()
            cut = next(
                (
                    k
                    for k, w in enumerate(words)
                    if w.lower() in ld.relatives
                    or w.lower() in ld.companions  # "X bersama tim hukum membantah"
                    # an aside, not a clause with its own subject ("Terlebih setelah
                    # Tae-Yong sempat mengeluhkan", "muncul setelah para warganet ...")
                    or ld.opens_aside(w, words[k + 1] if k + 1 < len(words) else "")
                ),
                0,
            )
            if 0 < cut <= 6 and len(words) <= 24:
                claimants = self._resolve_list(" ".join(words[:cut]), ld, ctx)
                if claimants:
                    return claimants, at
        # last resort, a long subject's head: "An opposition leader in the Indian Ocean nation
        # of Comoros on Monday rejected" -> "An opposition leader"
        for phrase, at in phrases:
            if ld.verb_re.search(phrase):
                continue  # "X alleges A and claims B": the subject of a verb told before
            head = ctx.head_phrase(phrase)
            if head != phrase and len(head.split()) <= 5 and len(phrase.split()) <= 16:
                claimants = self._resolve_list(head, ld, ctx)
                if claimants:
                    return claimants, at
        return None

    def _resolve_list(self, phrase: str, ld: LangData, ctx: ArticleAgents) -> list[Claimant]:
        if " ".join(phrase.lower().split()) in ld.both_words and ctx.last_several:
            return list(ctx.last_several)  # "Keduanya menyatakan": both of the last pair
        parts = [p for p in _conj_re(ld).split(phrase) if p and p.strip()]
        last = ld.trailing_re.sub("", parts[-1]).split() if parts else []
        if (
            len(parts) >= 2
            and last
            and last[-1][:1].islower()
            and last[-1].lower() in ld.unnamed_heads
            and all(len(p.split()) == 1 and p.strip()[:1].isupper() for p in parts[:-1])
        ):
            # "Labour and Liberal Democrat councillors": adjectives of one group
            group = ctx.resolve(parts[-1])
            if group and group.kind == "unnamed":
                label = ld.trailing_re.sub("", phrase).strip()
                return [group.model_copy(update={"id": slugify(label), "label": label})]
            parts = [phrase]
        if len(parts) == 2 and last and last[-1].lower() in ld.institution_words:
            head = parts[0].split()
            if head and head[0].lower() in ld.demonstratives:
                head = head[1:]
            if (
                len(head) == 1
                and head[0][:1].isupper()
                and head[0].lower() not in ld.institution_words
                and not self.registry.lookup(head[0], ld.code)
                and head[0].lower() not in ld.countries
                and parts[1].split()[0].lower() not in ld.demonstratives
            ):
                parts = [phrase]  # "The Health and Population Ministry": one body's name
        if len(parts) >= 2:
            found = [ctx.resolve(p, strict=True) for p in parts]
            if not all(found) and all(p.strip()[:1].isupper() for p in parts):
                # "Pemerintah Bangladesh dan Badan Pengungsi PBB (UNHCR)": two named bodies,
                # unlike "Kepala Biro Komunikasi dan Pelayanan ... Widyawati", one title
                bodies = [ctx.resolve(p) for p in parts]
                if all(b and b.kind != "person" for b in bodies):
                    found = bodies
            if all(found):
                return [f for f in found if f]
        one = ctx.resolve(phrase)
        return [one] if one else []

    def _content_end(self, text: str, ss: int, se: int) -> int:
        end = se
        while end > ss and text[end - 1].isspace():
            end -= 1
        if end > ss and text[end - 1] in ".!" and not text[end - 2 : end] == "..":
            end -= 1
        return end

    def _reported(
        self, text: str, ss: int, se: int, sq: list[Quote], ld: LangData, ctx: ArticleAgents
    ) -> list[_Cand]:
        sent = text[ss:se]
        cend = self._content_end(text, ss, se)
        lead = ld.leading_re.match(sent)
        sstart = ss + (lead.end() if lead else 0)
        cands: list[_Cand] = []

        def in_quote(pos: int) -> bool:
            return any(q.open < pos < q.close for q in sq)

        for m in ld.according_re.finditer(sent):
            if in_quote(ss + m.start()):
                continue
            if m.group("nya"):
                who = ctx.last_person
                who_end = m.end()
            else:
                rest = sent[m.end() :]
                cut = _AGENT_CUT.search(rest)
                name = rest[: cut.start()] if cut else rest
                head_word = rest.split()[:1]
                if (
                    head_word
                    and head_word[0].lower() in ld.pronouns
                    and not rest.lstrip().startswith(head_word[0] + ",")
                ):
                    # "Menurut dia tidak ada bukti": the pronoun, then the content at once
                    name = rest[: rest.index(head_word[0]) + len(head_word[0])]
                who = ctx.resolve(name) if name.strip() else None
                who_end = m.end() + len(name.rstrip())
                if cut and rest[cut.start()] == ",":  # "menurut peneliti X, Agus Salim, ..."
                    nxt = rest[cut.end() :]
                    cut2 = _AGENT_CUT.search(nxt)
                    appos = nxt[: cut2.start()] if cut2 else ""
                    if cut2 and nxt[cut2.start()] == "," and 0 < len(appos.split()) <= 4:
                        named = ctx.resolve(appos)
                        if named and named.kind == "person" and not named.role_title:
                            who = named.model_copy(
                                update={"role_title": name.strip(), "mention": appos.strip()}
                            )
                            who_end = m.end() + cut.end() + len(appos.rstrip())
            if not who:
                continue
            before = sent[: m.start()]
            only_fillers = not before.strip(" ,") or bool(ld.leading_re.fullmatch(before))
            end = cend if only_fillers else ss + who_end
            # "Menurut X, CONTENT" / "CONTENT, according to X"
            content = (ss + who_end, cend) if only_fillers else (sstart, ss + m.start())
            cands.append(
                _Cand(
                    sstart,
                    end,
                    ss + m.start(),
                    [who],
                    verb=m.group("marker"),
                    rule="according-to",
                    confidence=CONF_ACCORDING,
                    content=content,
                )
            )
        for pattern in ld.object_speaker_res:
            # "The Mirror quoted three unnamed players as saying ...": the players speak
            for m in pattern.finditer(sent):
                if in_quote(ss + m.start()):
                    continue
                who = ctx.resolve(m.group("who"))
                if who and ss + m.end() < cend:
                    cands.append(
                        _Cand(
                            sstart,
                            cend,
                            ss + m.start(),
                            [who],
                            verb="quoted as saying",
                            rule="reported",
                            confidence=CONF_ACCORDING,
                            content=(ss + m.end(), cend),
                        )
                    )
                    ctx.last_speaker = who
        fronted = ld.fronted_re.match(text, sstart, cend)
        if fronted:  # "Kata dia, ada sekitar 1.200 kartu yang diblokir" / "Ditegaskan, ..."
            fronted_who = fronted.group("who") or fronted.group("nwho")
            who = (
                ctx.resolve(fronted_who, speaker=True)
                if fronted_who
                else ctx.last_person
                if fronted.group("nya") or fronted.group("pverb")
                else None
            )
            if who:
                cands.append(
                    _Cand(
                        sstart,
                        cend,
                        sstart,
                        [who],
                        verb=fronted.group("verb")
                        or fronted.group("pverb")
                        or fronted.group("nverb"),
                        rule="according-to",
                        confidence=CONF_ACCORDING,
                        content=(fronted.end(), cend),
                    )
                )
        for m in ld.pronoun_passive_re.finditer(sent):
            # "Tuduhan itu disebutnya fitnah": the last person named calls it so
            if in_quote(ss + m.start()) or fronted or ctx.last_person is None:
                continue
            verb = m.group("verb").lower()
            cands.append(
                _Cand(
                    sstart,
                    cend,
                    ss + m.start(),
                    [ctx.last_person],
                    kind=ld.bare_passive.get(verb, "assertion"),
                    verb=m.group(),
                    rule="passive",
                    confidence=CONF_PASSIVE,
                    passive=True,
                    target_text=sent[: m.start()],
                )
            )
            break
        for m in ld.passive_re.finditer(sent):
            if in_quote(ss + m.start()):
                continue
            rest = sent[m.end() :]
            cut = ld.cutter_re.search(rest)
            names = rest[: cut.start()] if cut else rest
            names = names.rstrip(" .!?")
            claimants = self._resolve_list(names, ld, ctx) if names else []
            if not claimants:
                continue
            verb = m.group("verb")
            kind = ld.passive.get(" ".join(verb.lower().split()), "assertion")
            cands.append(
                _Cand(
                    sstart,
                    cend,
                    ss + m.start(),
                    claimants,
                    kind=kind,
                    verb=verb,
                    rule="passive",
                    confidence=CONF_PASSIVE,
                    target_text=sent[: m.start()],
                    passive=True,
                    content=(sstart, ss + m.start()),
                )
            )
        for m in ld.verb_re.finditer(sent):
            if in_quote(ss + m.start()) or m.group()[0].isupper():
                continue  # a reporting verb is lowercase after its subject ("States" is a noun)
            after = sent[m.end() :]
            if ld.blocker_re.match(after):
                continue
            kind = ld.verbs.get(" ".join(m.group().lower().split()), "assertion")
            vstart = m.start()
            before_words = sent[:vstart].split()
            if before_words and before_words[-1].lower() in ld.noun_determiners:
                continue  # "leaked the questions": a noun, not a verb
            if (
                before_words
                and before_words[-1].lower() in ld.passive_auxiliaries
                and not m.group().lower().endswith("ing")
            ):
                continue  # "A firm has been accused of ...": the firm is spoken about
            if before_words and before_words[-1].lower() in ld.negators:
                # "Direktur Panarub tidak membantah hal itu": not denying is admitting
                if kind != "denial":
                    continue
                kind = "support"
                vstart = sent.rfind(before_words[-1], 0, vstart)
            subj = self._subjects(sent, vstart, ld, ctx)
            coordinated = False
            if not subj:
                # "X termed A unfortunate and said B": the same subject, a clause of its own
                prev_word = sent[: m.start()].split()[-1:]
                earlier = [c for c in cands if c.trigger < ss + m.start()]
                joined = bool(prev_word) and (
                    prev_word[0].lower() in ld.conj_words or prev_word[0].endswith(",")
                )
                if not (joined and earlier):
                    continue
                if any(m.group().lower().endswith(x) for x in ld.pronoun_suffixes):
                    continue  # "membantah tuduhan itu dan menyebutnya fitnah": one statement
                subj = (list(earlier[-1].claimants), m.start())
                coordinated = True
            claimants, start = subj
            content = (self._skip_comp(text, ss + m.end(), cend, ld), cend)
            negated_verb = kind == "support" and vstart != m.start()
            if (
                not after.strip(" .,!?\"'”’")
                or " ".join(after.strip(" .,!?\"'”’").lower().split()) in ld.addressees
            ):
                # "Harga naik, Menteri X said.": the content came first
                content = (sstart, ss + start)
                start = sstart - ss
            if not negated_verb:
                kind = ld.verbs.get(" ".join(m.group().lower().split()), "assertion")
            target_text = None
            if kind in ("denial", "dispute", "support"):
                head = " ".join(after.split()[: ld.max_words_before_comp + 1])
                if not ld.comp_re.search(head):
                    np = _AGENT_CUT.split(after, maxsplit=1)[0]
                    target_text = " ".join(np.split()[:6])
            cand = _Cand(
                ss + start,
                cend,
                ss + m.start(),
                claimants,
                kind=kind,
                verb=m.group(),
                rule="reported",
                confidence=CONF_REPORTED,
                target_text=target_text,
                clause=coordinated,
                content=content,
            )
            if kind in ("denial", "dispute", "support"):
                inner = self._embedded_claim(text, ss + m.end(), cend, ld, ctx)
                if inner:
                    cand.embedded.append(inner)
            cands.append(cand)
        for m in ld.participle_re.finditer(sent):
            if in_quote(ss + m.start()):
                continue
            verb = m.group("verb")
            kind = ld.participles.get(" ".join(verb.lower().split()), "assertion")
            # the subject of the main clause says it: "X denied A, saying B" -> X says B
            main = [c for c in cands if c.trigger < ss + m.start() and c.rule != "embedded-claim"]
            who_list = main[-1].claimants if main else None
            if who_list is None:
                tokens = sent[sstart - ss : m.start()].split()
                for n in range(min(8, len(tokens)), 0, -1):
                    who = ctx.resolve(" ".join(tokens[:n]))
                    if who:
                        who_list = [who]
                        break
            if not who_list:
                continue
            vstart = ss + m.start("verb")
            if main:  # the main statement ends at the comma
                main[-1].end = min(main[-1].end, ss + m.start())
                start = vstart
            else:
                start = sstart
            cands.append(
                _Cand(
                    start,
                    cend,
                    vstart,
                    list(who_list),
                    kind=kind,
                    verb=verb,
                    rule="participle",
                    confidence=CONF_ACCORDING,
                    clause=bool(main),
                    content=(self._skip_comp(text, ss + m.end(), cend, ld), cend),
                )
            )
        for m in ld.bare_passive_re.finditer(sent):
            # "Pelaksanaan UN dinilai banyak kalangan bermasalah": the agent right after
            if in_quote(ss + m.start()):
                continue
            agent_words = sent[m.end() :].split()
            while agent_words and (
                agent_words[0].lower() in ld.passive_markers
                or agent_words[0].lower() in ld.passive_adverb_words
            ):
                # "diklaim oleh pihak sekolah": the agent is after "oleh"
                agent_words = agent_words[1:]
            words = agent_words[:6]
            rest = " ".join(agent_words[:30])
            who = self._titled_name(rest, ld.cutter_re.search(rest), ld, ctx)
            for n in range(1, min(4, len(words)) + 1):  # the shortest agent phrase ...
                if who:
                    break
                who = ctx.resolve(" ".join(words[:n]).rstrip(",."))
                if who:
                    while n < len(words) and words[n][:1].isupper():  # ... with its whole name
                        longer = ctx.resolve(" ".join(words[: n + 1]).rstrip(",."))
                        if not longer:
                            break
                        who, n = longer, n + 1
                    break
            if not who:
                continue
            verb = m.group("verb")
            cands.append(
                _Cand(
                    sstart,
                    cend,
                    ss + m.start(),
                    [who],
                    kind=ld.bare_passive.get(verb.lower(), "assertion"),
                    verb=verb,
                    rule="passive",
                    confidence=CONF_PASSIVE,
                    passive=True,
                    target_text=sent[: m.start()],
                )
            )
        for m in ld.object_voice_re.finditer(sent):
            # "Isu itu dia tegaskan hoaks" / "Dia tekankan bahwa ...": the pronoun speaks
            if in_quote(ss + m.start()):
                continue
            who = ctx.resolve(m.group("who"))
            if not who:
                continue
            verb = m.group("verb")
            cands.append(
                _Cand(
                    sstart,
                    cend,
                    ss + m.start(),
                    [who],
                    kind=ld.object_voice.get(verb.lower(), "assertion"),
                    verb=verb,
                    rule="reported",
                    confidence=CONF_REPORTED,
                )
            )
        inner_attrs = list(re.finditer(r",\s*([^,]{2,60}),", sent))
        # "Dana itu kata dia, juga untuk ...": the same without the first comma
        inner_attrs += ld.inner_attribution_re.finditer(sent)
        for m in inner_attrs:
            # "Moeldoko, kata dia, bukan penyelenggara": an attribution inside the sentence
            aside = m.group(1)
            if in_quote(ss + m.start()) or not (
                ld.tail_verb_first.match(aside) or ld.tail_who_first.fullmatch(aside.strip())
            ):
                continue
            if _TITLED_TAIL.fullmatch(sent[m.end() : cend - ss]):
                continue  # "Aman, ujar Manajer Klub X, Ruddy Widodo.": a title, then the name
            found = self._after_quote(m.group(1), ld, ctx)
            if found:
                who, verb, conf = found
                cands.append(
                    _Cand(
                        sstart,
                        cend,
                        ss + m.start(),
                        [who],
                        verb=verb,
                        rule="trailing-attribution",
                        confidence=min(conf, CONF_ACCORDING),
                        gap=(ss + m.start(), ss + m.end()),
                    )
                )
                break
        cands.extend(self._response_appositive(text, ss, cend, cands, sq, ld, ctx))
        tail_cand = self._trailing_attribution(text, ss, sstart, cend, sq, ld, ctx)
        if tail_cand:
            cands.append(tail_cand)
        for m in ld.report_noun_re.finditer(sent):
            who_text = m.group("who").strip()
            if not who_text or in_quote(ss + m.start()):
                continue
            who = ctx.resolve(who_text, strict=False)
            if not who or who_text.lower() in ld.pronouns:
                continue
            noun = m.group("noun").lower()
            kind = "accusation" if noun in ld.accusation_nouns else "assertion"
            cands.append(
                _Cand(
                    ss + m.start(),
                    cend,
                    ss + m.start(),
                    [who],
                    kind=kind,
                    verb=m.group("noun"),
                    rule="nominal",
                    confidence=CONF_NOMINAL,
                )
            )
        accepted: list[_Cand] = []
        for c in sorted(cands, key=lambda c: c.trigger):
            if c.end - c.start < 3:
                continue
            clash = [a for a in accepted if c.start < a.end and a.start < c.end]
            if len(clash) == 1 and (c.clause or self._second_clause(text, clash[0], c, ld)):
                # "A menegaskan X, bahkan B menyatakan Y": two statements, A's ends before B
                overlapped = clash[0]
                cut_at = c.start
                while cut_at > overlapped.trigger and (
                    text[cut_at - 1] in " ,;" or text[cut_at - 1].isspace()
                ):
                    cut_at -= 1
                last_word = text[overlapped.trigger : cut_at].split()[-1:]
                if last_word and last_word[0].lower() in ld.conj_words:  # "... claims and"
                    cut_at = text.rindex(last_word[0], 0, cut_at)
                    while cut_at > overlapped.trigger and text[cut_at - 1] in " ,;":
                        cut_at -= 1
                overlapped.end = cut_at
                clash = []
            if clash:
                continue
            c.quote = any(c.start <= q.open < c.end for q in sq)
            accepted.append(c)
        lead = ld.lead_participle_re.match(text, sstart, cend)
        first = min(accepted, key=lambda c: c.start, default=None)
        if lead and first is not None and first.start >= lead.end():
            # "Refuting allegations against his company, Melwani said ...": the participle
            # clause is a statement of the main clause's speaker
            verb = lead.group("verb")
            accepted.append(
                _Cand(
                    sstart,
                    lead.end() - 1,
                    sstart,
                    list(first.claimants),
                    kind=ld.participles.get(" ".join(verb.lower().split()), "assertion"),
                    verb=verb,
                    rule="participle",
                    confidence=CONF_ACCORDING,
                    content=(
                        self._skip_comp(text, sstart + len(verb), lead.end() - 1, ld),
                        lead.end() - 1,
                    ),
                )
            )
        accepted += [e for c in list(accepted) for e in c.embedded]
        for c in sorted(accepted, key=lambda c: c.start):
            for cl in c.claimants:
                if c.rule == "embedded-claim" and cl.kind == "unnamed":
                    continue  # "allegations of fraud": no one to refer back to
                ctx.note(cl)
            if len(c.claimants) >= 2:
                ctx.last_several = list(c.claimants)
            if c.quote and len(c.claimants) == 1:
                # 'According to the airline, “...': the quote paragraphs after it are theirs
                ctx.last_speaker = c.claimants[0]
        return accepted

    @staticmethod
    def _skip_comp(text: str, pos: int, end: int, ld: LangData) -> int:
        """``pos`` moved past spaces, commas and a complementizer ("that", "bahwa")."""
        while pos < end and (text[pos].isspace() or text[pos] in ",:"):
            pos += 1
        # "said on Friday that ...": a complementizer a few words on starts the content
        window = text[pos:end].split()[: ld.max_words_before_comp + 2]
        m = ld.comp_re.search(text, pos, min(end, pos + len(" ".join(window)) + 1))
        if m and not any(ch in text[pos : m.start()] for ch in ',."“'):
            pos = m.end()
            while pos < end and text[pos].isspace():
                pos += 1
        return pos

    @staticmethod
    def _second_clause(text: str, first: _Cand, second: _Cand, ld: LangData) -> bool:
        """Does ``second`` (a later verb with its own subject) start a new clause inside
        ``first``'s content: after a comma or a clause opener, by someone else?"""
        if second.start <= first.trigger or second.rule != "reported":
            return False
        if {c.id for c in second.claimants} & {c.id for c in first.claimants}:
            return False
        before = text[first.trigger : second.start].rstrip()
        tail = before.split()[-1].lower() if before.split() else ""
        return before.endswith((",", ";")) or tail in ld.non_name_words

    def _embedded_claim(
        self, text: str, start: int, cend: int, ld: LangData, ctx: ArticleAgents
    ) -> _Cand | None:
        """The claim a stance verb answers, when the sentence spells it out: "denied
        allegations by X that CONTENT", "X's claim that CONTENT", "membantah pernyataan X yang
        menyebut CONTENT". It becomes its own statement by X (an unnamed source when X is not
        named: "kabar yang beredar")."""
        lead = ld.adverb_lead_re.match(text, start, cend)
        if lead:  # "membantah mentah-mentah isu ...": the adverb belongs to the verb
            start = lead.end()
        after = text[start:cend]
        m = (
            ld.embedded_claim_re.match(after)
            or ld.possessor_claim_re.match(after)
            or ld.agent_claim_re.match(after)
        )
        if not m:
            bare = ld.bare_noun_claim_re.match(after)
            if bare and len(after[bare.start("content") :].split()) >= 3:
                # "menepis isu beras SPHP mengalami lonjakan harga": the rumour's claim
                noun = bare.group("noun").lower()
                label = f"{noun} yang beredar" if ld.code == "id" else f"the {noun}"
                rumour = Claimant(id=slugify(label), label=label, kind="unnamed", mention=noun)
                cs = start + bare.start("content")
                return _Cand(
                    cs,
                    cend,
                    cs,
                    [rumour],
                    verb=noun,
                    rule="embedded-claim",
                    confidence=CONF_EMBEDDED_CLAIM,
                )
            return None
        cs = start + m.start("content")
        if len(text[cs:cend].split()) < 3:
            return None
        noun = m.groupdict().get("noun") or m.group("link")
        raw_who = m.groupdict().get("who") or ""
        who_text = raw_who.strip(" ,")
        pre = (m.groupdict().get("pre") or "").strip()
        if len(who_text.split()) > 8 or "," in raw_who or ld.verb_re.search(who_text):
            return None  # "the claim, saying it killed ... south of": no author phrase
        if not who_text and pre:
            who_text = pre  # "UN accusations they massacred ..."
        who: Claimant | None = None
        if who_text and not who_text.lower().startswith(tuple(ld.relatives)):
            who = ctx.resolve(who_text)
        if who is None:
            phrase = " ".join(f"{noun} {who_text}".split())
            who = Claimant(id=slugify(phrase), label=phrase, kind="unnamed", mention=phrase)
        accusing = noun.lower() in ld.accusation_nouns or any(
            w.startswith(("menud", "menuding", "accus")) for w in noun.lower().split()
        )
        kind = "accusation" if accusing else "assertion"
        return _Cand(
            cs,
            cend,
            cs,
            [who],
            kind=kind,
            verb=noun,
            rule="embedded-claim",
            confidence=CONF_EMBEDDED_CLAIM,
        )

    def _response_appositive(
        self,
        text: str,
        ss: int,
        cend: int,
        cands: list[_Cand],
        sq: list[Quote],
        ld: LangData,
        ctx: ArticleAgents,
    ) -> list[_Cand]:
        """A reply set beside the statement it answers: "X said A, an allegation police
        called 'completely false'" is A by X, then a denial by the police answering it."""
        sent = text[ss:cend]
        for pattern in ld.response_res:
            for m in pattern.finditer(sent):
                comma = ss + m.start()
                if any(q.open < comma < q.close for q in sq):
                    continue
                main = [c for c in cands if c.trigger < comma < c.end]
                who = ctx.resolve(m.group("who"), strict=False)
                if not main or not who:
                    continue
                verb = " ".join(m.group("verb").lower().split())
                kind = ld.verbs.get(verb) or ld.passive.get(verb)
                if kind is None:  # "called ...": what follows says how
                    rest = sent[m.end() :]
                    kind = next((k for k, cue in ld.content_stance if cue.search(rest)), "dispute")
                for c in main:
                    c.end = comma
                    if c.content:
                        c.content = (c.content[0], min(c.content[1], comma))
                start = ss + m.start("noun")
                return [
                    _Cand(
                        start,
                        cend,
                        ss + m.start("verb"),
                        [who],
                        kind=kind,
                        verb=m.group("verb"),
                        rule="response-appositive",
                        confidence=CONF_ACCORDING,
                        target_text=m.group("noun"),
                    )
                ]
        return []

    def _trailing_attribution(
        self,
        text: str,
        ss: int,
        sstart: int,
        cend: int,
        sq: list[Quote],
        ld: LangData,
        ctx: ArticleAgents,
    ) -> _Cand | None:
        """Indirect speech closed by an attribution: "Harga akan turun, kata Hendra." A
        quote that ends the content may hold the comma: 'X has "no relation," it added.'"""
        comma = text.rfind(",", sstart, cend)
        while comma > sstart and _THOUSANDS.match(text, comma - 1):  # "12,000 people"
            comma = text.rfind(",", sstart, comma)
        if _TITLED_TAIL.fullmatch(text[comma + 1 : cend]):
            comma = text.rfind(",", sstart, comma)  # "..., ujar Manajer X, Ruddy Widodo."
        inside = [q for q in sq if q.open < comma < q.close]
        if inside:
            q = inside[-1]
            if not q.closed or text[q.close - 1] != ",":
                return None
            comma = q.close  # the tail starts after the closing mark
        if comma < 0:
            return None
        tail = text[comma + 1 : cend]
        words = tail.split()
        # a short content ("Aman, ujar X.") only after other words of its paragraph
        least = 1 if text[self._para_start : sstart].strip() else 3
        if not words or len(words) > 8 or len(text[sstart:comma].split()) < least:
            return None
        verb_first = ld.tail_verb_first.match(tail)
        if verb_first:
            after = tail[verb_first.end() :].split()
            if len(after) > 6 or any(w.lower() in ld.passive_auxiliaries for w in after):
                return None  # "..., said X's claims were unfounded": content, not a name
        else:
            m = ld.tail_who_first.match(tail)
            if not m or len(tail[m.end() :].split()) > 4:
                return None
        found = self._after_quote(tail, ld, ctx)
        if not found:
            return None
        who, verb, conf = found
        return _Cand(
            sstart,
            cend,
            comma,
            [who],
            verb=verb,
            rule="trailing-attribution",
            confidence=min(conf, CONF_ACCORDING),
            content=(sstart, comma),
        )

    # ------------------------------------------------- embedded partial quote
    def _embedded_quote(
        self, text: str, ss: int, se: int, sq: list[Quote], ld: LangData, ctx: ArticleAgents
    ) -> list[_Cand]:
        for q in sq:
            if not q.closed:
                continue
            before = text[ss : q.open]
            cuts = [m.end() for m in _SPLIT_SEG.finditer(before)]
            cs = ss + (cuts[-1] if cuts else 0)
            clause = text[cs : q.open]
            lead = ld.leading_re.match(clause)
            if lead:
                cs += lead.end()
                clause = clause[lead.end() :]
            stripped = clause.lstrip()
            cs += len(clause) - len(stripped)
            tokens = stripped.split()
            for n in range(min(6, len(tokens)), 0, -1):
                who = ctx.resolve(" ".join(tokens[:n]), strict=True)
                if who:
                    ctx.note(who)
                    return [
                        _Cand(
                            cs,
                            self._content_end(text, ss, se),
                            q.open,
                            [who],
                            quote=True,
                            rule="embedded-quote",
                            confidence=CONF_EMBEDDED,
                        )
                    ]
        return []

    def _rumour(self, text: str, ss: int, se: int, ld: LangData, ctx: ArticleAgents) -> list[_Cand]:
        """A rumour or viral post as the source of a claim ("Kabar mengenai X beredar",
        "Disebutkan, X", "Dalam pesan itu menyebut, X"): an unnamed source, "<noun> yang
        beredar" (or the article's last rumour when the sentence names none)."""
        sent = text[ss:se]
        lead = ld.leading_re.match(sent)
        off = lead.end() if lead else 0
        cend = self._content_end(text, ss, se)
        for pattern in ld.rumour_res:
            # on the sentence without its leading words: "^" never matches at a start offset
            m = pattern.match(sent[off:])
            if not m:
                continue
            noun = (m.groupdict().get("noun") or "").lower()
            if noun:
                label = f"{noun} yang beredar" if ld.code == "id" else f"the {noun}"
                who = Claimant(id=slugify(label), label=label, kind="unnamed", mention=noun)
            elif ctx.last_rumour is not None:
                who = ctx.last_rumour
            else:
                label = "kabar yang beredar" if ld.code == "id" else "the rumour"
                who = Claimant(id=slugify(label), label=label, kind="unnamed", mention=label)
            ctx.last_rumour = who
            content_start = ss + off + m.start("content")
            content_end = min(cend, ss + off + m.end("content"))
            return [
                _Cand(
                    ss + off,
                    cend,
                    ss + off,
                    [who],
                    verb=noun or None,
                    rule="rumour",
                    confidence=CONF_EMBEDDED_CLAIM,
                    content=(content_start, content_end),
                )
            ]
        return []

    def _note_subject(self, text: str, ss: int, se: int, ctx: ArticleAgents) -> None:
        """Remember a known person opening a sentence with no statement, for "he"/"ia"."""
        tokens = text[ss:se].split()[:6]
        if not tokens or not tokens[0][:1].isupper():
            return
        for n in range(len(tokens), 0, -1):
            who = ctx.resolve(" ".join(tokens[:n]), strict=True)
            if who:
                if who.kind == "person":
                    ctx.note(who)
                return

    # ------------------------------------------------ the article's own claims
    def _article_claim(
        self, text: str, ss: int, se: int, sq: list[Quote], ld: LangData
    ) -> list[_Cand]:
        sent = text[ss:se]
        cend = self._content_end(text, ss, se)
        lead = ld.leading_re.match(sent)
        sstart = ss + (lead.end() if lead else 0)
        if _hedge(ld, sent):
            return [
                _Cand(sstart, cend, ss, [ARTICLE], rule="article-hedged", confidence=CONF_ARTICLE)
            ]
        quantities = find_quantities(sent, ld.code)
        if not quantities:
            return []
        qa = quantities[0].start
        commas = [m.start() for m in re.finditer(r",\s", sent)]
        left = max((c + 1 for c in commas if c < qa), default=0)
        right = min((c for c in commas if c >= quantities[0].end), default=cend - ss)
        clause = sent[left:right]
        if len(clause.split()) < 6:
            return [
                _Cand(sstart, cend, ss, [ARTICLE], rule="article-quantity", confidence=CONF_ARTICLE)
            ]
        lead = ld.leading_re.match(clause)
        off = lead.end() if lead else 0
        while off < len(clause) and clause[off].isspace():
            off += 1
        return [
            _Cand(
                ss + left + off,
                ss + right,
                ss,
                [ARTICLE],
                rule="article-quantity",
                confidence=CONF_ARTICLE,
            )
        ]

    # ----------------------------------------------------------------- output
    def _finish(
        self, text: str, cands: list[_Cand], ld: LangData, ctx: ArticleAgents
    ) -> list[Statement]:
        _one_name_per_person(cands, text, ld)
        stmts: list[Statement] = []
        meta: list[_Cand] = []
        seen: set[tuple[int, int, str]] = set()
        for group, c in enumerate(sorted(cands, key=lambda c: (c.start, c.trigger))):
            c.group = group
            if c.kind == "assertion" and c.claimants[0].id != "@article":
                c.kind = self._content_stance(text, c, ld) or c.kind
            for cl in c.claimants:
                key = (c.start, c.end, cl.id)
                if key in seen:
                    continue
                seen.add(key)
                span = text[c.start : c.end]
                hedge = _hedge(ld, span)
                sid = f"s{len(stmts) + 1}"
                c.ids.append(sid)
                stmts.append(
                    Statement(
                        id=sid,
                        text=span,
                        start=c.start,
                        end=c.end,
                        claim_text=self._claim_text(text, c, ld),
                        claimant=cl,
                        kind=c.kind,  # type: ignore[arg-type]
                        quote=c.quote,
                        hedged=hedge is not None,
                        hedge=hedge.group() if hedge else None,
                        verb=c.verb,
                        quantities=find_quantities(span, ld.code, offset=c.start),
                        attributed=cl.id != "@article",
                        confidence=c.confidence,
                        rule=c.rule,
                    )
                )
                meta.append(c)
        for i, s in enumerate(stmts):
            c = meta[i]
            if (
                c.kind == "assertion"
                and s.attributed
                and c.rule != "embedded-claim"
                and negated_stems(self._said(text, c), ld)
            ):
                # "Moeldoko tidak pernah membagikan uang": a negation of what another side
                # said earlier is a denial of it
                answered = self._answered(text, stmts, meta, i, ld)
                if answered:
                    c.kind = "denial"
                    s.kind = "denial"
                    s.targets = answered
                continue
            if c.kind not in ("denial", "dispute", "support"):
                continue
            again = _answers_again(stmts, meta, i, c)
            s.targets = (
                # "menampik tudingan X yang menyatakan ...": the claim it spells out
                [sid for e in c.embedded for sid in e.ids]
                or (self._against(stmts, meta, i, c) if c.kind != "support" else [])
                # the same side answering again answers the same, unless its words say what
                or (again and (self._answered(text, stmts, meta, i, ld) or again))
                or self._targets(stmts, meta, i, c, ld, ctx)
                or self._answered(text, stmts, meta, i, ld)
                or self._targets(stmts, meta, i, c, ld, ctx, forward=True)
            )
        return stmts

    @staticmethod
    def _against(stmts: list[Statement], meta: list[_Cand], i: int, c: _Cand) -> list[str]:
        """The accusations by another side, near statement ``i``, that name its claimant
        ("Ketiganya menuduh Trump ..." for "Trump menolak ..."), before or after it."""
        own = {cl.id for cl in c.claimants} | {cl.role_of for cl in c.claimants if cl.role_of}
        names = {
            w
            for cl in c.claimants
            if cl.kind == "person"
            for w in (cl.label, *cl.label.split())  # "Budi" or "Hartono" for "Budi Hartono"
            if len(w) > 2 and w[:1].isupper()
        }
        names |= {cl.label for cl in c.claimants if cl.kind != "person" and len(cl.label) > 2}
        if not names:
            return []
        pattern = re.compile(
            rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in sorted(names, key=len, reverse=True))})"
            r"(?![\w-])"
        )
        lo, hi = max(0, i - ANSWER_WINDOW), min(len(stmts), i + ANSWER_WINDOW + 1)
        return [
            s.id
            for s, m in zip(stmts[lo:hi], meta[lo:hi], strict=True)
            if s.kind == "accusation"
            and s is not stmts[i]
            and m.group != c.group
            and s.claimant.id != "@article"
            and not {s.claimant.id, s.claimant.role_of} & own
            and pattern.search(text_of(s))
        ]

    @staticmethod
    def _claim_text(text: str, c: _Cand, ld: LangData) -> str:
        """What is claimed: the content clause without the attribution, trimmed of edge
        punctuation; the whole span when the rule knows no narrower content."""
        a, b = c.content or (c.start, c.end)
        a, b = max(a, c.start), min(b, c.end)
        claim = text[a:b] if b - a >= 3 else text[c.start : c.end]
        if c.gap and a <= c.gap[0] < c.gap[1] <= b:
            claim = f"{text[a : c.gap[0]].rstrip(' ,')} {text[c.gap[1] : b].lstrip(' ,')}"
        claim = claim.strip(" ,;:—–-\n\t")
        if c.passive:  # "Tuduhan AS telah [dibantah]": no auxiliary at the end
            claim = ld.trailing_re.sub("", claim)
        return claim or text[c.start : c.end]

    @staticmethod
    def _said(text: str, c: _Cand) -> str:
        """What a statement says: the quote, or the words after its reporting verb."""
        return text[c.start : c.end] if c.quote else text[max(c.start, c.trigger) : c.end]

    def _answered(
        self, text: str, stmts: list[Statement], meta: list[_Cand], i: int, ld: LangData
    ) -> list[str]:
        """Statements by another side that statement ``i`` answers, before or after it (a
        news lead often denies what the article details later): those sharing the most
        content words with it (at least ``ANSWER_MIN_SHARED``), an accusation or a statement
        by an agent the answer names counting one word more. An assertion answers only what
        it negates ("tidak pernah membagikan uang" answers "membagikan uang")."""
        c = meta[i]
        sides = {cl.id for cl in c.claimants} | {cl.role_of for cl in c.claimants if cl.role_of}
        said = self._said(text, c)
        mine = _stems_of(text, c, ld)
        negated = negated_stems(said, ld) if c.kind == "assertion" else None
        said_low = said.lower()
        scored: list[tuple[float, int]] = []
        lo, hi = max(0, i - ANSWER_WINDOW), min(len(stmts), i + ANSWER_WINDOW)
        for j in range(lo, hi):
            p, m = stmts[j], meta[j]
            if j == i or p.claimant.id == "@article" or m.group == c.group:
                continue
            if {p.claimant.id, p.claimant.role_of} & sides:
                continue
            if p.kind not in ("assertion", "accusation"):
                continue
            theirs = _stems_of(text, m, ld)
            if negated is not None and not negated & theirs:
                continue
            shared = len(mine & theirs)
            if shared < ANSWER_MIN_SHARED:
                continue
            named = any(
                n and len(n) > 2 and n.lower() in said_low
                for n in (p.claimant.label, p.claimant.mention)
            )
            score = shared + (p.kind == "accusation") + named + 0.5 * (j < i)
            scored.append((score, j))
        if not scored:
            return []
        best = max(n for n, _ in scored)
        return [stmts[j].id for n, j in sorted(scored, key=lambda x: x[1]) if n >= best - 0.5]

    def _content_stance(self, text: str, c: _Cand, ld: LangData) -> str | None:
        found = self._stance_cues(text, c, ld)
        if found or c.quote or not c.content:
            return found
        # "Air India says it vehemently denies claims ...": a stance verb opening the content
        head = " ".join(text[c.content[0] : c.content[1]].split()[:5])
        for m in ld.verb_re.finditer(head):
            kind = ld.verbs.get(" ".join(m.group().lower().split()))
            if kind in ("denial", "dispute"):
                return kind
        return None

    def _stance_cues(self, text: str, c: _Cand, ld: LangData) -> str | None:
        """The stance the words of a statement take ("tuduhan itu tidak benar" is a denial),
        looked for in what is said (after the reporting verb, or the quote itself)."""
        if c.rule == "embedded-claim":
            return None
        said = text[max(c.start, c.trigger) : c.end] if not c.quote else text[c.start : c.end]
        if c.rule == "trailing-attribution" and c.content:
            said = text[c.content[0] : c.content[1]]  # "Nggak ada itu. Aman, ujar X": before
        best: int | None = None
        denial = next(k for k, (kind, _) in enumerate(ld.content_stance) if kind == "denial")
        for m in ld.content_stance_re.finditer(said):
            rank = int((m.lastgroup or "k0")[1:])
            before = [w.lower().strip(",") for w in said[: m.start()].split()[-2:]]
            if any(w in ld.negators for w in before):
                if ld.content_stance[rank][0] not in ("accusation", "accusation_first"):
                    continue
                # "kami tidak pernah membuang limbah", "we never discriminated": a wrongdoing
                # denied
                rank = denial
            if best is not None and rank >= best:
                continue
            best = rank
            if rank == 0:
                break
        return None if best is None else ld.content_stance[best][0]

    def _targets(
        self,
        stmts: list[Statement],
        meta: list[_Cand],
        i: int,
        c: _Cand,
        ld: LangData,
        ctx: ArticleAgents,
        *,
        forward: bool = False,
    ) -> list[str]:
        if c.embedded:
            return [] if forward else [sid for e in c.embedded for sid in e.ids]
        own = {cl.id for cl in c.claimants}
        sides = own | {cl.role_of for cl in c.claimants if cl.role_of}
        if not forward and c.kind in ("denial", "dispute") and _points_back(stmts[i], c, ld):
            # "X membantahnya", "X denied it": the statement of another side just before
            lo = max(0, i - ANSWER_WINDOW)
            before = [
                s
                for s, m in zip(stmts[lo:i], meta[lo:i], strict=True)
                if s.attributed
                and m.group != c.group
                and not {s.claimant.id, s.claimant.role_of or s.claimant.id} & sides
            ]
            if before:
                return [before[-1].id]
        said = (c.target_text or "") or text_of(stmts[i])
        words = [w.strip('.,;:"“”').lower() for w in said.split()]
        head = [w for w in words if w not in ld.demonstratives][: ld.target_window]
        has_noun = any(w in ld.target_nouns for w in head) or (
            c.target_text is None and any(w in ld.target_nouns for w in words)
        )
        if not has_noun and not c.passive:
            if c.kind != "denial":
                return []
            if forward:
                ahead = self._forward_run(stmts, meta, i, c, None, True, ACCUSATION_WINDOW)
                return [s.id for s in ahead[:1]]
            # "X denied breaching ..." answers the latest accusation made against it; "polisi
            # memastikan hal tersebut hoaks" the rumour told just before (all its statements)
            lo = max(0, i - ANSWER_WINDOW)
            recent = [
                (s, m)
                for s, m in zip(stmts[lo:i], meta[lo:i], strict=True)
                if s.claimant.id not in own
            ][-ACCUSATION_WINDOW:]
            answered = [(s, m) for s, m in recent if s.kind == "accusation" or m.rule == "rumour"]
            if not answered:
                return []
            last, last_meta = answered[-1]
            if last_meta.rule != "rumour":
                return [last.id]
            return [
                s.id for s, m in recent if m.rule == "rumour" and s.claimant.id == last.claimant.id
            ]
        agent = ctx._find_agent(c.target_text)
        if forward:
            accusing = any(w in ld.accusation_nouns for w in head)
            return [s.id for s in self._forward_run(stmts, meta, i, c, agent, accusing)]
        lo = max(0, i - ANSWER_WINDOW)
        prior = [
            s
            for s, m in zip(stmts[lo:i], meta[lo:i], strict=True)
            if s.claimant.id != "@article"
            and s.claimant.id not in own
            and m.group != c.group
            and s.kind in ("assertion", "accusation")
        ]
        run: list[Statement] = []
        want: str | None = None
        for s in reversed(prior):
            side = s.claimant.role_of or s.claimant.id
            if want is None:
                if agent and agent not in (s.claimant.id, side):
                    continue
                want = side
            if want not in (side, s.claimant.id):
                break
            run.insert(0, s)
        if any(w in ld.accusation_nouns for w in head):
            accusations = [s for s in run if s.kind == "accusation"]
            run = accusations or run
        return [s.id for s in run]

    @staticmethod
    def _forward_run(
        stmts: list[Statement],
        meta: list[_Cand],
        i: int,
        c: _Cand,
        agent: str | None,
        accusations_only: bool,
        window: int = ANSWER_WINDOW,
    ) -> list[Statement]:
        """The first statements after ``i`` by one other side (the first such side, or the
        agent the answer names), accusations only when the answer names an accusation."""
        own = {cl.id for cl in c.claimants} | {cl.role_of for cl in c.claimants if cl.role_of}
        run: list[Statement] = []
        want: str | None = None
        hi = min(len(stmts), i + 1 + window)
        for s, m in zip(stmts[i + 1 : hi], meta[i + 1 : hi], strict=True):
            if s.claimant.id == "@article" or m.group == c.group:
                continue
            side = s.claimant.role_of or s.claimant.id
            if s.claimant.id in own or side in own:
                if run:
                    break  # the answering side speaks again: the run is over
                continue
            wanted = ("accusation",) if accusations_only else ("assertion", "accusation")
            if s.kind not in wanted:
                if run:
                    break
                continue
            if want is None:
                if agent and agent not in (s.claimant.id, side):
                    continue
                want = side
            if want not in (side, s.claimant.id):
                break
            run.append(s)
        return run
