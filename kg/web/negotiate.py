"""HTTP content negotiation by the ``Accept`` header, with q-values (RFC 9110, section 12.5.1).

>>> negotiate("text/csv;q=0.5, application/sparql-results+json", ["text/csv",
...           "application/sparql-results+json"])
'application/sparql-results+json'
>>> negotiate("text/*;q=0.3, */*;q=0.1", ["application/json", "text/csv"])
'text/csv'
>>> negotiate("", ["text/turtle"]), negotiate("image/png", ["text/turtle"])
('text/turtle', None)
>>> negotiate("text/turtle;q=0, */*", ["text/turtle", "application/n-triples"])
'application/n-triples'
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["negotiate", "parse_accept"]


def parse_accept(header: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values (1 when not given; a bad
    q-value counts as 0)."""
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    """The q-value the most specific matching range gives ``offer`` (0 when none matches)."""
    kind = offer.split("/", 1)[0]
    best: tuple[int, float] = (-1, 0.0)
    for media, q in ranges:
        if media == offer:
            specificity = 2
        elif media == f"{kind}/*":
            specificity = 1
        elif media == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best[0]:
            best = (specificity, q)
    return best[1]


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers most (ties go to the earlier offer), the first offer when
    there is no Accept header, or None when the client accepts none of them (406)."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    scored = [(_quality(offer, ranges), -i, offer) for i, offer in enumerate(offers)]
    q, _, offer = max(scored)
    return offer if q > 0 else None
