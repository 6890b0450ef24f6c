"""Turn an extractor's answer (:class:`kg.extract.Extraction`) into a model :class:`Bundle`.

Decisions:

- The source id is the first 16 hex digits of the SHA-256 of the article's URL when it has
  one, else of its text: re-ingesting the same article replaces its graph, never duplicates.
- Every asserting statement gets its own claim, named after its content
  (``claim/<source>.<hash of language and text>``, :func:`claim_slug`): a re-ingested, changed
  article never gives an IRI another article's statements point to (see :mod:`kg.track.link`)
  a different text. A denial,
  dispute or support that names its targets takes its stance on the *targets' claims*, so
  "the US claims X; North Korea denies it" is one claim with two statements.
- Claimants from the shared registry keep their ids; a new name becomes a new agent with a slug
  of its name (reused by later articles); an unnamed source ("an official") becomes an agent
  scoped to the article (``agent/<source>.<slug>``), since two articles' officials are not one.
- Statements point at one ``cg:Extraction`` activity (PROV-O) naming the extractor and version,
  and carry the extractor's confidence.
"""

from __future__ import annotations

import hashlib
import re

from pydantic import ValidationError as PydanticError

from kg import __version__
from kg.curation.agents import AgentIndex, pydantic_message
from kg.errors import InputError
from kg.extract import Article, Extraction
from kg.extract import Statement as Extracted
from kg.ids import agent_iri, claim_iri, source_iri, statement_iri
from kg.model import (
    Agent,
    Bundle,
    Claim,
    ExtractionRun,
    Quantity,
    Role,
    Source,
    Span,
    Stance,
    Statement,
    content_hash,
)
from kg.namespace import CGID
from kg.stance import KINDS, RESPONSES, VERB_OF
from kg.values import leading_date

__all__ = ["KIND_TO_STANCE", "claim_slug", "extraction_to_bundle", "source_slug"]

KIND_TO_STANCE = {kind: Stance(VERB_OF[kind]) for kind in KINDS}
_SLUG_BAD = re.compile(r"[^a-z0-9._-]+")


def source_slug(article: Article) -> str:
    """Stable id of an article: hash of its URL if known, else of its text."""
    key = article.url or article.text
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def claim_slug(src: str, lang: str, text: str) -> str:
    """The slug of an extracted claim: its source, and a hash of its language and text.

    >>> claim_slug("f93d06b1ef33ac6e", "en", "It rained.")
    'f93d06b1ef33ac6e.c834690c16e0e21d4'
    """
    digest = hashlib.sha256(f"{lang}\n{text}".encode()).hexdigest()[:16]
    return f"{src}.c{digest}"


def _slug(text: str) -> str:
    slug = _SLUG_BAD.sub("-", text.lower()).strip("-.")
    return slug or "x"


def _agent(st: Extracted, src: str, lang: str, index: AgentIndex) -> tuple[str, Agent | None]:
    """The claimant's IRI, and a new Agent when the registry does not know it."""
    claimant = st.claimant
    if claimant.id == "@article":
        return str(source_iri(src)), None
    known = index.resolve(str(agent_iri(claimant.id)))
    if known is not None:
        return known.id, None
    slug = _slug(claimant.id)
    if claimant.kind == "unnamed":
        slug = f"{src}.{slug}"
    kind = claimant.kind if claimant.kind in ("person", "organization", "government") else "person"
    roles = []
    if claimant.role_title:
        of = index.resolve(str(agent_iri(claimant.role_of))) if claimant.role_of else None
        roles.append(Role(title={lang: claimant.role_title}, of=of.id if of else None))
    agent = Agent(id=str(agent_iri(slug)), kind=kind, labels={lang: claimant.label}, roles=roles)
    return agent.id, agent


def extraction_to_bundle(extraction: Extraction, article: Article, index: AgentIndex) -> Bundle:
    """The bundle (one named graph) for one extracted article."""
    src = source_slug(article)
    lang = extraction.source.language
    label = article.path or src
    try:
        source = Source(
            id=str(source_iri(src)),
            title=(article.title or article.text.strip().splitlines()[0])[:500],
            language=lang,
            text=article.text,
            content_hash=content_hash(article.text),
            author=article.author,
            publisher=article.publisher,
            date=leading_date(article.date),
            url=article.url,
        )
    except PydanticError as exc:
        raise InputError(f"{label}: source metadata: {pydantic_message(exc)}") from None

    run = ExtractionRun(
        id=str(CGID[f"extraction/{src}"]),
        extractor=f"claimgraph {extraction.source.extractor} extractor {__version__}",
        used=source.id,
    )
    by_id = {st.id: st for st in extraction.claims}
    claims: dict[str, Claim] = {}
    own_claim: dict[str, str] = {}
    for st in extraction.claims:
        if st.kind in RESPONSES and st.targets:
            continue
        said = st.claim_text or st.text  # the content clause, without "X said that"
        cid = str(claim_iri(claim_slug(src, lang, said)))
        own_claim[st.id] = cid
        claims[cid] = Claim(
            id=cid,
            text={lang: said},
            quantities=[
                Quantity(value=float(q.value), comparator=q.comparator, unit=q.unit, text=q.text)
                for q in st.quantities
            ],
        )

    agents: dict[str, Agent] = {}
    statements = []
    for st in extraction.claims:
        claimant, new_agent = _agent(st, src, lang, index)
        if new_agent is not None:
            agents.setdefault(new_agent.id, new_agent)
        targets = [t for t in st.targets if t in by_id and t != st.id]
        on = sorted({own_claim[t] for t in targets if t in own_claim}) or [
            own_claim.get(st.id) or _orphan_claim(st, src, lang, claims)
        ]
        statements.append(
            Statement(
                id=str(statement_iri(src, _slug(st.id))),
                claims=on,
                claimant=claimant,
                stance=KIND_TO_STANCE[st.kind],
                source=source.id,
                span=Span.locate(source.id, article.text, st.start, st.end),
                quote=st.quote,
                verb=st.verb,
                hedged=st.hedged,
                hedge=st.hedge,
                responds_to=[str(statement_iri(src, _slug(t))) for t in targets],
                confidence=st.confidence,
                generated_by=run.id,
            )
        )
    return Bundle(
        source=source,
        agents=list(agents.values()),
        claims=list(claims.values()),
        statements=statements,
        runs=[run],
    )


def _orphan_claim(st: Extracted, src: str, lang: str, claims: dict[str, Claim]) -> str:
    """A response whose targets are not in the article stands on a claim of its own."""
    said = st.claim_text or st.text
    cid = str(claim_iri(claim_slug(src, lang, said)))
    claims.setdefault(cid, Claim(id=cid, text={lang: said}))
    return cid
