"""The claimgraph data model: one noun per module.

Claim (a proposition) is kept apart from Statement (an agent's stance on it in a source);
Agent, Source and Review complete the picture. Every model maps to RDF through ``kg.rdf``.
"""

from __future__ import annotations

from kg.model.agent import Agent, AgentKind, Role
from kg.model.bundle import Bundle
from kg.model.claim import Claim, Comparator, Quantity
from kg.model.provenance import ExtractionRun
from kg.model.review import Rating, Review
from kg.model.source import Source, content_hash
from kg.model.statement import Span, Stance, Statement, TextPosition, TextQuote

__all__ = [
    "Agent",
    "AgentKind",
    "Bundle",
    "Claim",
    "Comparator",
    "ExtractionRun",
    "Quantity",
    "Rating",
    "Review",
    "Role",
    "Source",
    "Span",
    "Stance",
    "Statement",
    "TextPosition",
    "TextQuote",
    "content_hash",
]
