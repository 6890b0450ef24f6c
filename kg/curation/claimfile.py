"""Read one curated claim file (YAML) and its article into a validated :class:`Bundle`.

Every rule a curator can break becomes a one-line :class:`CurationError` naming the file and
the line (or the claim or statement id): YAML errors, unknown fields, unknown agents, claims or
statements, duplicate ids, stances outside the list, spans not found in the article.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticError

from kg.curation.agents import AgentIndex, agent_from_yaml, pydantic_message
from kg.curation.yamlfile import load_yaml
from kg.errors import CurationError
from kg.fsutil import read_utf8
from kg.ids import agent_iri, claim_iri, source_iri, statement_iri
from kg.model import Agent, Bundle, Claim, Quantity, Source, Span, Stance, Statement, content_hash

__all__ = ["ARTICLE_CLAIMANT", "MAX_ARTICLE_BYTES", "load_claim_file", "read_article_text"]

#: The claimant written for a statement only the article itself makes.
ARTICLE_CLAIMANT = "@article"
#: Articles larger than this are refused before being read whole.
MAX_ARTICLE_BYTES = 5_000_000

_TOP = {"source", "agents", "claims", "statements"}
_SOURCE = {"id", "title", "author", "publisher", "language", "date", "url"}
_CLAIM = {"id", "text", "about", "quantities", "time"}
_STATEMENT = {
    "id", "claim", "claimant", "stance", "span", "occurrence", "quote", "verb",
    "hedged", "hedge", "date", "responds_to",
}  # fmt: skip
_STANCES = [s.value for s in Stance]


def read_article_text(path: Path) -> str:
    """The article as UTF-8 text, exactly as stored (no newline translation)."""
    text = read_utf8(path, MAX_ARTICLE_BYTES, CurationError)
    if not text.strip():
        raise CurationError(f"{path}: the article is empty")
    if "\x00" in text:
        raise CurationError(f"{path}: the article contains NUL bytes (binary file?)")
    return text


class _Ctx:
    """Where we are, for error messages."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, entry: Any, what: str) -> CurationError:
        line = getattr(entry, "line", 0)
        where = f"{self.path}:{line}" if line else str(self.path)
        return CurationError(f"{where}: {what}")


def _check_fields(ctx: _Ctx, entry: Any, allowed: set[str], what: str) -> None:
    if not isinstance(entry, dict):
        raise ctx.fail(entry, f"{what} must be a mapping")
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise ctx.fail(entry, f"{what}: unknown field {unknown[0]!r}")


def _entries(ctx: _Ctx, data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ctx.fail(data, f"{key!r} must be a list")
    return value


def _slug(ctx: _Ctx, entry: Any, what: str) -> str:
    slug = entry.get("id")
    if not isinstance(slug, str) or not slug.strip():
        raise ctx.fail(entry, f"{what} without an 'id'")
    return slug


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _find_span(ctx: _Ctx, entry: Any, sid: str, text: str, article: str) -> tuple[int, int]:
    if not isinstance(text, str) or not text:
        raise ctx.fail(entry, f"statement {sid!r}: 'span' must be the exact article text")
    starts = []
    at = article.find(text)
    while at >= 0:
        starts.append(at)
        at = article.find(text, at + 1)
    if not starts:
        raise ctx.fail(entry, f"statement {sid!r}: span text not found in the article")
    occurrence = entry.get("occurrence")
    if occurrence is None:
        if len(starts) > 1:
            raise ctx.fail(
                entry,
                f"statement {sid!r}: span text occurs {len(starts)} times; add 'occurrence'",
            )
        occurrence = 1
    if not isinstance(occurrence, int) or not 1 <= occurrence <= len(starts):
        raise ctx.fail(
            entry, f"statement {sid!r}: occurrence must be 1..{len(starts)}, not {occurrence!r}"
        )
    start = starts[occurrence - 1]
    return start, start + len(text)


def _source(ctx: _Ctx, data: dict[str, Any], article: str) -> Source:
    entry: Any = data.get("source")
    _check_fields(ctx, entry, _SOURCE, "source")
    slug = _slug(ctx, entry, "source")
    date = entry.get("date")
    if date is not None and not isinstance(date, dt.date):
        raise ctx.fail(entry, f"source {slug!r}: date must be an ISO date (YYYY-MM-DD)")
    try:
        return Source(
            id=str(source_iri(slug)),
            title=entry.get("title"),
            author=entry.get("author"),
            publisher=entry.get("publisher"),
            language=entry.get("language"),
            date=date,
            url=entry.get("url"),
            text=article,
            content_hash=content_hash(article),
        )
    except PydanticError as exc:
        raise ctx.fail(entry, f"source {slug!r}: {pydantic_message(exc)}") from None


def load_claim_file(path: Path, article_path: Path, shared: AgentIndex) -> Bundle:
    """Parse ``path`` (claims) against ``article_path`` (text) and the shared agents."""
    ctx = _Ctx(path)
    article = read_article_text(article_path)
    data = load_yaml(path)
    _check_fields(ctx, data, _TOP, "the claim file")
    source = _source(ctx, data, article)
    source_slug = data["source"]["id"]

    # Agents only this file knows.
    local_slugs = [e.get("id") for e in _entries(ctx, data, "agents") if isinstance(e, dict)]

    def known(slug: str) -> bool:
        return str(agent_iri(slug)) in shared or slug in local_slugs

    agents: list[Agent] = []
    for entry in _entries(ctx, data, "agents"):
        agent = agent_from_yaml(entry, path, known=known)
        if agent.id in shared or any(a.id == agent.id for a in agents):
            raise ctx.fail(entry, f"duplicate agent id {entry['id']!r}")
        agents.append(agent)

    def agent_ref(entry: Any, owner: str, slug: Any) -> str:
        if not isinstance(slug, str) or not known(slug):
            raise ctx.fail(entry, f"{owner}: unknown agent {slug!r}")
        return str(agent_iri(slug))

    claims: dict[str, Claim] = {}
    for entry in _entries(ctx, data, "claims"):
        _check_fields(ctx, entry, _CLAIM, "claim")
        cid = _slug(ctx, entry, "claim")
        if cid in claims:
            raise ctx.fail(entry, f"duplicate claim id {cid!r}")
        about = [agent_ref(entry, f"claim {cid!r}", a) for a in _as_list(entry.get("about"))]
        try:
            quantities = [Quantity.model_validate(q) for q in _as_list(entry.get("quantities"))]
            claims[cid] = Claim(
                id=str(claim_iri(cid)),
                text=entry.get("text") or {},
                about=about,
                quantities=quantities,
                time=entry.get("time"),
            )
        except PydanticError as exc:
            raise ctx.fail(entry, f"claim {cid!r}: {pydantic_message(exc)}") from None
        for q in quantities:
            if q.text and q.text not in article:
                raise ctx.fail(entry, f"claim {cid!r}: quantity text {q.text!r} not in article")

    raw = _entries(ctx, data, "statements")
    statement_ids = [e.get("id") for e in raw if isinstance(e, dict)]
    statements: dict[str, Statement] = {}
    for entry in raw:
        _check_fields(ctx, entry, _STATEMENT, "statement")
        sid = _slug(ctx, entry, "statement")
        if sid in statements:
            raise ctx.fail(entry, f"duplicate statement id {sid!r}")
        on = _as_list(entry.get("claim"))
        if not on:
            raise ctx.fail(entry, f"statement {sid!r}: no 'claim'")
        for cid in on:
            if cid not in claims:
                raise ctx.fail(entry, f"statement {sid!r}: unknown claim {cid!r}")
        stance = entry.get("stance")
        if stance not in _STANCES:
            raise ctx.fail(
                entry, f"statement {sid!r}: stance {stance!r} is not one of {', '.join(_STANCES)}"
            )
        claimant = entry.get("claimant")
        claimant_iri = (
            source.id
            if claimant == ARTICLE_CLAIMANT
            else agent_ref(entry, f"statement {sid!r}", claimant)
        )
        for target in _as_list(entry.get("responds_to")):
            if target not in statement_ids or target == sid:
                raise ctx.fail(
                    entry, f"statement {sid!r}: responds to unknown statement {target!r}"
                )
        start, end = _find_span(ctx, entry, sid, entry.get("span"), article)
        date = entry.get("date")
        try:
            statements[sid] = Statement(
                id=str(statement_iri(source_slug, sid)),
                claims=[str(claim_iri(c)) for c in on],
                claimant=claimant_iri,
                stance=Stance(stance),
                source=source.id,
                span=Span.locate(source.id, article, start, end),
                quote=bool(entry.get("quote", False)),
                verb=entry.get("verb"),
                hedged=bool(entry.get("hedged", False)),
                hedge=entry.get("hedge"),
                date=date if isinstance(date, dt.date) else None,
                date_text=date if isinstance(date, str) else None,
                responds_to=[
                    str(statement_iri(source_slug, t)) for t in _as_list(entry.get("responds_to"))
                ],
            )
        except PydanticError as exc:
            raise ctx.fail(entry, f"statement {sid!r}: {pydantic_message(exc)}") from None

    return Bundle(
        source=source,
        agents=agents,
        claims=list(claims.values()),
        statements=list(statements.values()),
    )
