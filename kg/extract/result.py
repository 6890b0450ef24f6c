"""Pydantic models of the extractor's input (`Article`) and output (`Extraction`).

The JSON printed by ``kg extract --json`` is ``Extraction.model_dump(mode="json")``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Article",
    "Claimant",
    "Comparator",
    "Extraction",
    "Kind",
    "Quantity",
    "SourceMeta",
    "Statement",
]

Kind = Literal["assertion", "denial", "dispute", "support", "accusation"]
Comparator = Literal["exactly", "more-than", "at-least", "less-than", "at-most", "approximately"]


class Article(BaseModel):
    """An article as read: its text (offsets point into it) and known metadata."""

    model_config = ConfigDict(frozen=True)

    text: str
    title: str | None = None
    author: str | None = None
    url: str | None = None
    publisher: str | None = None
    date: str | None = None
    language: str | None = None
    path: str | None = None
    body_offset: int = Field(0, description="characters of front matter before `text` in the file")


class Quantity(BaseModel):
    """A number found in a statement, normalised (``1,5 juta ton`` -> 1500000 tonne)."""

    value: float | int
    comparator: Comparator = "exactly"
    unit: str | None = None
    text: str
    start: int
    end: int


class Claimant(BaseModel):
    """Who makes a statement; ``id == "@article"`` when only the article asserts it."""

    id: str
    label: str
    kind: Literal["person", "organization", "government", "unnamed", "article"] = "person"
    known: bool = Field(False, description="true when the id comes from kg/data/agents.yaml")
    role_title: str | None = None
    role_of: str | None = None
    mention: str | None = None


class Statement(BaseModel):
    """One agent taking one stance in the article, anchored to an exact span."""

    id: str
    text: str
    start: int
    end: int
    claim_text: str = Field(
        "", description="what is claimed: the content clause alone, without the attribution"
    )
    claimant: Claimant
    kind: Kind = "assertion"
    targets: list[str] = Field(default_factory=list)
    quote: bool = False
    hedged: bool = False
    hedge: str | None = None
    verb: str | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    attributed: bool = True
    confidence: float = Field(0.5, ge=0.0, le=1.0)
    rule: str = Field("", description="which extraction rule produced the statement")


class SourceMeta(BaseModel):
    """Metadata of the article the statements come from."""

    id: str
    title: str | None = None
    language: str
    author: str | None = None
    url: str | None = None
    publisher: str | None = None
    date: str | None = None
    path: str | None = None
    sha256: str
    length: int
    body_offset: int = 0
    extractor: str = "rules"


class Extraction(BaseModel):
    """The extractor's whole answer for one article."""

    source: SourceMeta
    claims: list[Statement] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
