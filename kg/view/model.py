"""Plain dataclasses for the browsing view; every text in them is untrusted data."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from kg.ids import slug_of
from kg.urls import is_web_url

__all__ = [
    "AgentView",
    "ClaimView",
    "ReviewView",
    "SourceView",
    "StatementView",
    "View",
    "page_slug",
    "pick",
    "safe_href",
]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,119}$")
_SENTENCE_END = re.compile(r"[.!?…]\s|\n")


def page_slug(iri: str) -> str:
    """A file-name-safe slug for ``iri``: its last segment if that is a clean slug, else a hash.

    >>> page_slug("https://w3id.org/claimgraph/id/claim/containers-shipped")
    'containers-shipped'
    >>> page_slug("https://example.org/../x y")[:2]
    'h-'
    """
    slug = slug_of(iri)
    if _SLUG.match(slug) and slug not in (".", ".."):
        return slug
    return "h-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL that can be a link (:func:`kg.urls.is_web_url`), else
    None (no ``javascript:``).

    >>> safe_href("javascript:alert(1)") is None, safe_href("https://example.org/a")
    (True, 'https://example.org/a')
    """
    return url if is_web_url(url) else None


def pick(texts: dict[str, str], lang: str = "en") -> str:
    """The text in ``lang``, else English, else any, else ''.

    >>> pick({"id": "Halo", "en": "Hello"}, "fr")
    'Hello'
    """
    if not texts:
        return ""
    return texts.get(lang) or texts.get("en") or texts[sorted(texts)[0]]


@dataclass
class ClaimView:
    """A claim: its text per language, what it is about, its time expression."""

    iri: str
    slug: str
    text: dict[str, str] = field(default_factory=dict)
    about: list[str] = field(default_factory=list)
    time: str | None = None

    def label(self, lang: str = "en") -> str:
        """The claim text in ``lang``, else English, else any."""
        return pick(self.text, lang) or self.slug


@dataclass
class AgentView:
    """An agent (or a source acting as the claimant of an unattributed report)."""

    iri: str
    slug: str
    kind: str = "agent"
    labels: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    wikidata: str | None = None

    def label(self, lang: str = "en") -> str:
        """The preferred label in ``lang``, else English, else any."""
        return pick(self.labels, lang) or self.slug

    def names(self) -> list[str]:
        """Every label and alias, de-duplicated."""
        return sorted(set(self.labels.values()) | set(self.aliases))


@dataclass
class SourceView:
    """A source article with its full text."""

    iri: str
    slug: str
    title: str
    text: str
    language: str | None = None
    url: str | None = None
    date: str | None = None
    author: str | None = None
    publisher: str | None = None


@dataclass
class StatementView:
    """One agent's stance on claims in a source, with the exact span and its sentence."""

    iri: str
    slug: str
    claims: list[str]
    claimant: str
    stance: str
    source: str
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    before: str = ""
    after: str = ""
    quote: bool = False
    verb: str | None = None
    hedged: bool = False
    hedge: str | None = None
    date: str | None = None
    date_text: str | None = None
    responds_to: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The id of this statement's span on its source page."""
        return "s-" + self.slug

    def set_sentence(self, text: str, limit: int = 240) -> None:
        """Fill ``before``/``after`` with the rest of the sentence(s) around the span."""
        if text[self.start : self.end] != self.exact:
            self.before, self.after = self.prefix, self.suffix
            return
        lo = max(0, self.start - limit)
        head = text[lo : self.start]
        cuts = [m.end() for m in _SENTENCE_END.finditer(head)]
        self.before = head[cuts[-1] :] if cuts else head
        tail = text[self.end : self.end + limit]
        match = _SENTENCE_END.search(tail)
        self.after = tail[: match.start() + 1] if match else tail
        self.after = self.after.rstrip("\n")


@dataclass
class ReviewView:
    """A fact-checker's review of a claim."""

    iri: str
    slug: str
    claim: str
    rating: str | None = None
    author: str | None = None
    url: str | None = None
    date: str | None = None


@dataclass
class _StatementIndex:
    """A view's statements by claim, claimant and source, each in the view's order."""

    claim: dict[str, list[StatementView]]
    claimant: dict[str, list[StatementView]]
    source: dict[str, list[StatementView]]


@dataclass
class View:
    """Everything the browsing pages show, indexed by IRI."""

    claims: dict[str, ClaimView] = field(default_factory=dict)
    agents: dict[str, AgentView] = field(default_factory=dict)
    sources: dict[str, SourceView] = field(default_factory=dict)
    statements: dict[str, StatementView] = field(default_factory=dict)
    reviews: dict[str, ReviewView] = field(default_factory=dict)
    #: The agents above that are only a statement's claimant (no ``view-agents`` row)
    claimants_only: set[str] = field(default_factory=set)
    _index: _StatementIndex | None = field(default=None, init=False, repr=False, compare=False)

    def label(self, iri: str, lang: str = "en") -> str:
        """A human label for any IRI of the view."""
        if iri in self.agents:
            return self.agents[iri].label(lang)
        if iri in self.sources:
            return self.sources[iri].title
        if iri in self.claims:
            return self.claims[iri].label(lang)
        return slug_of(iri)

    def claimant(self, iri: str, lang: str = "en") -> str:
        """Who makes a statement; a source as its own claimant is an unattributed report."""
        if iri in self.sources and iri not in self.agents:
            title = self.sources[iri].title
            return "unattributed, in " + (title if len(title) <= 48 else title[:47] + "…")
        return self.label(iri, lang)

    def _statements_by(self) -> _StatementIndex:
        """The statements by claim, claimant and source, made on first use: a view is not
        changed once read (:mod:`kg.view.delta` makes a new one), and the index page asks
        for the statements of every claim (a scan of all statements each: 15 s at 1,200
        articles)."""
        index = self._index
        if index is None:
            index = self._index = _StatementIndex({}, {}, {})
            for st in self.statements.values():
                for claim in dict.fromkeys(st.claims):
                    index.claim.setdefault(claim, []).append(st)
                index.claimant.setdefault(st.claimant, []).append(st)
                index.source.setdefault(st.source, []).append(st)
        return index

    def on_claim(self, claim: str) -> list[StatementView]:
        """Statements about ``claim``, in source and text order."""
        return list(self._statements_by().claim.get(claim, ()))

    def by_claimant(self, agent: str) -> list[StatementView]:
        """Statements made by ``agent``."""
        return list(self._statements_by().claimant.get(agent, ()))

    def in_source(self, source: str) -> list[StatementView]:
        """Statements found in ``source``, in text order."""
        return sorted(
            self._statements_by().source.get(source, ()),
            key=lambda s: (s.start, s.end, s.slug),
        )

    def reviews_of(self, claim: str) -> list[ReviewView]:
        """Reviews of ``claim``."""
        return [r for r in self.reviews.values() if r.claim == claim]
