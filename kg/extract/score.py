"""Score extractor output against a curated claim file (format: seeds/README.md).

Matching rule: an extracted statement matches a gold statement when

* their spans overlap by at least half of the longer of the two spans,
* the claimant is right (same id; for agents only the gold file knows, see `claimant_matches`),
* the stance is right (asserts~assertion, denies~denial, disputes~dispute, supports~support,
  accuses~accusation);

pairs are taken one-to-one, best overlap first. Precision = matched / extracted, recall =
matched / gold. Claimant and stance accuracy are measured on a separate one-to-one pairing by
span overlap alone (of the statements found at the right place, how many have the right
claimant / stance). Target accuracy: of the strictly matched pairs where either side has
targets, how many have exactly the gold ``responds_to`` set (extracted targets mapped to gold
ids through the strict matching).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.extract.agents import AgentRegistry, norm_name, slugify
from kg.extract.langdata import load_lang
from kg.extract.result import Claimant, Extraction, Statement
from kg.extract.stems import content_stems
from kg.stance import KIND_OF

__all__ = [
    "STANCE_TO_KIND",
    "Gold",
    "GoldStatement",
    "Score",
    "claimant_matches",
    "load_gold",
    "score_extraction",
    "table_lines",
]

STANCE_TO_KIND = KIND_OF


@dataclass(frozen=True)
class GoldStatement:
    """A curated statement located in the article text."""

    id: str
    start: int
    end: int
    claimant: str
    kind: str
    responds_to: tuple[str, ...] = ()


@dataclass
class Gold:
    """A curated claim file: statements plus the agents only it knows."""

    statements: list[GoldStatement]
    agents: dict[str, dict] = field(default_factory=dict)


def load_gold(claims_path: str | Path, text: str) -> Gold:
    """Load a claim file and locate each statement span in ``text``."""
    with Path(claims_path).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    agents = {str(a["id"]): a for a in data.get("agents") or [] if isinstance(a, dict)}
    out: list[GoldStatement] = []
    for st in data.get("statements") or []:
        span = str(st["span"])
        occurrence = int(st.get("occurrence") or 1)
        pos = -1
        for _ in range(occurrence):
            pos = text.find(span, pos + 1)
            if pos < 0:
                raise ValueError(f"{claims_path}: span of {st['id']!r} not in the article")
        out.append(
            GoldStatement(
                id=str(st["id"]),
                start=pos,
                end=pos + len(span),
                claimant=str(st["claimant"]),
                kind=STANCE_TO_KIND[str(st.get("stance", "asserts"))],
                responds_to=tuple(str(r) for r in st.get("responds_to") or []),
            )
        )
    return Gold(out, agents)


def _names(entry: dict) -> set[str]:
    names = {str(v) for v in (entry.get("labels") or {}).values()}
    for aliases in (entry.get("aliases") or {}).values():
        names.update(str(a) for a in aliases or [])
    return {norm_name(n) for n in names}


def _same_rumour(ext: Claimant, entry: dict) -> bool:
    """Two unnamed sources labelled by their own phrases ("kabar yang beredar", "Sebelumnya
    dikabarkan"; "the reports", "media reports") are one when the phrases share a content
    word's stem, in either language: nobody can name them the same way twice."""
    theirs = " ".join(_label_texts(entry))
    for code in ("en", "id"):
        ld = load_lang(code)
        if content_stems(f"{ext.label} {ext.mention or ''}", ld) & content_stems(theirs, ld):
            return True
    return False


def _label_texts(entry: dict) -> list[str]:
    texts = [str(v) for v in (entry.get("labels") or {}).values()]
    for aliases in (entry.get("aliases") or {}).values():
        texts.extend(str(a) for a in aliases or [])
    return texts


def claimant_matches(ext: Claimant, gold_id: str, gold: Gold, shared: AgentRegistry) -> bool:
    """Is ``ext`` the gold claimant ``gold_id``?

    Same id always matches. An agent that only the gold file knows (its ``agents:`` section)
    has an id the extractor cannot know, so an extracted *new* agent (not in
    kg/data/agents.yaml) matches it when the extracted label equals one of its labels or
    aliases (case-insensitive, leading "the" ignored), when the slug of one of its labels is
    the extracted id, when the extracted person's name (two words or more) is part of one of
    its names ("Roem Ohoirat" and "Muhammad Roem Ohoirat"), when a shared agent has one of
    its labels, when both hold the same role (title and "of" agent), or when both are
    unnamed sources whose phrases share a content word (`_same_rumour`).
    """
    if ext.id == gold_id:
        return True
    entry = gold.agents.get(gold_id)
    if entry is None or ext.id == "@article":
        return False
    names = _names(entry)
    if ext.id in shared.agents:  # a shared agent the gold file lists under its own id
        known = shared.agents[ext.id]
        return bool(names & {norm_name(v) for v in known.labels.values()})
    mention = norm_name(ext.mention or "")
    if norm_name(ext.label) in names or any(slugify(n) == ext.id for n in names):
        return True
    if mention and mention in names:
        return True
    # one person under a full and a shorter name ("Roem Ohoirat" of "Muhammad Roem Ohoirat")
    label_words = norm_name(ext.label).split()
    if ext.kind == "person" and len(label_words) >= 2:
        if any(set(label_words) <= set(n.split()) for n in names):
            return True
    if ext.kind == "unnamed" and entry.get("kind") == "unnamed" and _same_rumour(ext, entry):
        return True
    if ext.role_title and ext.role_of:
        for role in entry.get("roles") or []:
            titles = {norm_name(str(t)) for t in (role.get("title") or {}).values()}
            if norm_name(ext.role_title) in titles and role.get("of") == ext.role_of:
                return True
    return False


@dataclass
class Score:
    """Scores of one article (or a sum of articles, see `Score.total`)."""

    name: str
    gold: int
    extracted: int
    matched: int
    span_pairs: int
    claimant_ok: int
    stance_ok: int
    target_pairs: int
    target_ok: int
    #: gold (statement -> target) links, and how many the extraction reproduces
    gold_links: int = 0
    links_found: int = 0
    #: extracted links whose two ends both pair with gold statements, and how many of them
    #: the gold has (a link between unpaired statements cannot be judged)
    links_judged: int = 0
    links_right: int = 0
    #: error classes, counted on the span pairing (see `score_extraction`)
    missed: int = 0
    spurious: int = 0
    wrong_claimant: int = 0
    wrong_stance: int = 0
    split: int = 0
    #: extracted statements of the article itself, left out when ``attributed_only``
    article_own: int = 0

    @property
    def precision(self) -> float:
        """Matched / extracted."""
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        """Matched / gold."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def claimant_accuracy(self) -> float:
        """Right claimant among span-matched pairs."""
        return self.claimant_ok / self.span_pairs if self.span_pairs else 0.0

    @property
    def stance_accuracy(self) -> float:
        """Right stance among span-matched pairs."""
        return self.stance_ok / self.span_pairs if self.span_pairs else 0.0

    @property
    def target_accuracy(self) -> float:
        """Exactly right targets among strictly matched pairs with targets on either side."""
        return self.target_ok / self.target_pairs if self.target_pairs else 1.0

    @property
    def link_recall(self) -> float:
        """Gold target links reproduced / gold target links."""
        return self.links_found / self.gold_links if self.gold_links else 1.0

    @property
    def link_precision(self) -> float:
        """Extracted links the gold has / extracted links between span-paired statements."""
        return self.links_right / self.links_judged if self.links_judged else 1.0

    @classmethod
    def total(cls, scores: list[Score], name: str = "all") -> Score:
        """Micro-averaged sum of several scores."""
        names = [f.name for f in dataclasses.fields(cls) if f.name != "name"]
        return cls(name, **{f: sum(getattr(s, f) for s in scores) for f in names})


def _overlap(a: Statement, g: GoldStatement) -> float:
    inter = min(a.end, g.end) - max(a.start, g.start)
    longest = max(a.end - a.start, g.end - g.start)
    return inter / longest if inter > 0 and longest else 0.0


def _pair(pairs: list[tuple[tuple, int, int]]) -> dict[int, int]:
    """Greedy one-to-one pairing, best key first: extracted index -> gold index."""
    used_e: set[int] = set()
    used_g: set[int] = set()
    out: dict[int, int] = {}
    for _key, e, g in sorted(pairs, key=lambda p: p[0], reverse=True):
        if e in used_e or g in used_g:
            continue
        used_e.add(e)
        used_g.add(g)
        out[e] = g
    return out


def score_extraction(
    extraction: Extraction,
    gold: Gold,
    name: str = "",
    shared: AgentRegistry | None = None,
    *,
    attributed_only: bool = False,
) -> Score:
    """Score one extraction against its gold statements.

    ``attributed_only``: leave the article's own statements (claimant ``@article``) out, as
    the real-news gold annotates attributed statements only (docs/annotation.md); they are
    counted in ``article_own``.

    Error classes, on the span pairing: *missed* (a gold statement no extracted span
    overlaps), *spurious* (an extracted statement overlapping no gold span), *wrong claimant*
    and *wrong stance* (span-paired with the wrong one), *split* (extra extracted statements
    overlapping an already paired gold statement). *Links*: a gold link (statement -> target)
    is found when the statement's span partner lists the target's span partner in ``targets``.
    """
    shared = shared or AgentRegistry.shared()
    ext = extraction.claims
    own = 0
    if attributed_only:
        own = sum(1 for e in ext if e.claimant.id == "@article")
        ext = [e for e in ext if e.claimant.id != "@article"]
    strict: list[tuple[tuple, int, int]] = []
    loose: list[tuple[tuple, int, int]] = []
    for i, e in enumerate(ext):
        for j, g in enumerate(gold.statements):
            ov = _overlap(e, g)
            if ov < 0.5:
                continue
            who = claimant_matches(e.claimant, g.claimant, gold, shared)
            kind = e.kind == g.kind
            loose.append(((ov, who, kind), i, j))
            if who and kind:
                strict.append(((ov,), i, j))
    matched = _pair(strict)
    spans = _pair(loose)
    claimant_ok = sum(
        claimant_matches(ext[e].claimant, gold.statements[g].claimant, gold, shared)
        for e, g in spans.items()
    )
    stance_ok = sum(ext[e].kind == gold.statements[g].kind for e, g in spans.items())
    id_map = {ext[e].id: gold.statements[g].id for e, g in matched.items()}
    target_pairs = target_ok = 0
    for ei, gi in matched.items():
        want = set(gold.statements[gi].responds_to)
        got = ext[ei].targets
        if not want and not got:
            continue
        target_pairs += 1
        if {id_map.get(t) for t in got} == want:
            target_ok += 1
    partner = {gold.statements[g].id: ext[e].id for e, g in spans.items()}
    by_id = {e.id: e for e in ext}
    gold_links = links_found = 0
    for g in gold.statements:
        for t in g.responds_to:
            gold_links += 1
            src, dst = partner.get(g.id), partner.get(t)
            if src and dst and dst in by_id[src].targets:
                links_found += 1
    gold_of = {ext[e].id: gold.statements[g] for e, g in spans.items()}
    links_judged = links_right = 0
    for e in ext:
        for t in e.targets:
            if e.id in gold_of and t in gold_of:
                links_judged += 1
                links_right += gold_of[t].id in gold_of[e.id].responds_to
    overlapping_e = {e for _k, e, _g in loose}
    overlapping_g = {g for _k, _e, g in loose}
    return Score(
        name=name,
        gold=len(gold.statements),
        extracted=len(ext),
        matched=len(matched),
        span_pairs=len(spans),
        claimant_ok=claimant_ok,
        stance_ok=stance_ok,
        target_pairs=target_pairs,
        target_ok=target_ok,
        gold_links=gold_links,
        links_found=links_found,
        links_judged=links_judged,
        links_right=links_right,
        missed=len(gold.statements) - len(overlapping_g),
        spurious=len(ext) - len(overlapping_e),
        wrong_claimant=len(spans) - claimant_ok,
        wrong_stance=len(spans) - stance_ok,
        split=len(overlapping_e) - len(spans),
        article_own=own,
    )


def score_article(
    article_path: str | Path,
    claims_path: str | Path | None = None,
    *,
    attributed_only: bool = False,
) -> Score:
    """Read, extract and score one article against ``NAME.claims.yaml`` beside it."""
    from kg.extract.api import extract_article
    from kg.extract.reader import read_article

    article_path = Path(article_path)
    claims_path = Path(claims_path or article_path.with_suffix("").as_posix() + ".claims.yaml")
    article = read_article(article_path)
    gold = load_gold(claims_path, article.text)
    return score_extraction(
        extract_article(article), gold, name=article_path.stem, attributed_only=attributed_only
    )


def table_lines(head: list[str], rows: list[list[str]], markdown: bool = False) -> list[str]:
    """A table of scores as text lines: aligned columns, or Markdown (the benchmarks print it).

    >>> table_lines(["a", "bb"], [["1", "2"]])
    ['a  bb', '1  2 ']
    """
    if markdown:
        return [
            "| " + " | ".join(head) + " |",
            "|" + "---|" * len(head),
            *("| " + " | ".join(r) + " |" for r in rows),
        ]
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]
    return ["  ".join(x.ljust(w) for x, w in zip(r, widths, strict=True)) for r in [head, *rows]]
