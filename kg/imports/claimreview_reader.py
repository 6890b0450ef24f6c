"""Reading the values of one ClaimReview as publishers really write them.

Lenient where Google's fact-check reader is: an empty optional value (``"bestRating": ""``,
``"url": ""``, ``"sameAs": null``) is absent, not an error; a relative URL is resolved against
the base (``--base-url``, else the feed's URL, else the review's own URL); a URL written without
its scheme (``aosfatos.org/noticias/...``) is read as ``https://``; a name given twice keeps
the first and notes the other. Strict where the data would be wrong: a rating value or date
that is present but not a number or a date, two different ratings, a verdict missing.

Everything lenient is said: each accepted irregularity is a *warning* naming the review and
the field; each error a *problem*. A review with problems is not imported.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node as RdfNode

from kg.urls import is_web_url

__all__ = ["RELATIVE_BASE", "Reader", "parse_date"]

#: Relative IRIs are parsed against this base, so the reader can tell them apart afterwards
#: and resolve them against the right base (``.invalid`` is reserved: it never resolves).
RELATIVE_BASE = "http://relative.invalid/~kg~/"
_RELATIVE_ROOT = "http://relative.invalid/"
_HOST_LIKE = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/?#:]|$)", re.I)


def parse_date(text: str) -> dt.date | dt.datetime | None:
    """A date (``2024-06-21``) or date-time (``2020-03-27T10:46:13+0200``,
    ``2022-03-25 10:10``), or None when ``text`` is neither.

    >>> parse_date("2020-03-27T10:46:13+0200").isoformat()
    '2020-03-27T10:46:13+02:00'
    >>> parse_date("2022-03-25 10:10").isoformat()
    '2022-03-25T10:10:00'
    >>> parse_date("2024-06-21"), parse_date("last Tuesday")
    (datetime.date(2024, 6, 21), None)
    """
    text = text.strip()
    if len(text) == 10:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value


def relative_part(iri: str) -> str | None:
    """The relative reference an IRI was parsed from, or None if it was absolute."""
    if iri.startswith(RELATIVE_BASE):
        return iri[len(RELATIVE_BASE) :]
    if iri.startswith(_RELATIVE_ROOT):
        return "/" + iri[len(_RELATIVE_ROOT) :]
    return None


class Reader:
    """Reads one ClaimReview node; collects warnings and problems naming the review."""

    def __init__(self, graph: Graph, node: RdfNode, where: str, base: str | None) -> None:
        self.graph = graph
        self.node = node
        self.where = where
        self.base = base
        self.warnings: list[str] = []
        self.problems: list[str] = []

    def warn(self, what: str) -> None:
        self.warnings.append(f"{self.where}: {what}")

    def problem(self, what: str) -> None:
        self.problems.append(f"{self.where}: {what}")

    def values(self, node: RdfNode, prop: URIRef) -> list[RdfNode]:
        """The values of ``prop``, empty texts left out (an empty optional field is absent)."""
        found = [
            v
            for v in self.graph.objects(node, prop)  # type: ignore[arg-type]
            if str(v).strip() and str(v) != RELATIVE_BASE
        ]
        return sorted(found, key=str)

    def one(self, node: RdfNode, prop: URIRef, name: str, lenient: bool = False) -> RdfNode | None:
        """The one value of ``prop``; several (in one language) are a problem, or with
        ``lenient`` the first is kept and the others noted."""
        found = self.values(node, prop)
        if len(found) > 1 and not all(isinstance(v, Literal) and v.language for v in found):
            if lenient:
                rest = ", ".join(repr(str(v)) for v in found[1:])
                self.warn(f"{name} given {len(found)} times; kept {str(found[0])!r}, not {rest}")
            else:
                self.problem(f"{name} has {len(found)} different values; expected one")
        return found[0] if found else None

    def text(self, node: RdfNode, prop: URIRef, name: str, lenient: bool = True) -> str | None:
        value = self.one(node, prop, name, lenient)
        if value is None:
            return None
        if not isinstance(value, Literal):
            self.problem(f"{name} must be text, not an object")
            return None
        return " ".join(str(value).split()) or None

    def date(
        self, node: RdfNode, name: str, prop: URIRef | None = None
    ) -> dt.date | dt.datetime | None:
        from kg.namespace import SDO

        value = self.one(node, prop or SDO.datePublished, name)
        if value is None:
            return None
        parsed = parse_date(str(value))
        if parsed is None:
            self.problem(f"{name} {str(value)!r} is not a date (YYYY-MM-DD) or date-time")
        return parsed

    def number(self, node: RdfNode, prop: URIRef, name: str) -> float | None:
        value = self.one(node, prop, name)
        if value is None:
            return None
        try:
            number = float(str(value).strip())
        except ValueError:
            self.problem(f"{name} {str(value)!r} is not a number")
            return None
        if number != number or number in (float("inf"), float("-inf")):
            self.problem(f"{name} {str(value)!r} is not a finite number")
            return None
        return number

    def resolve(self, value: RdfNode, name: str) -> str | None:
        """An absolute http(s) URL for ``value``, or None (with a warning) if there is none."""
        text = str(value).strip()
        relative = relative_part(text) if isinstance(value, URIRef) else None
        if relative is None and not isinstance(value, URIRef):
            relative = text if not text.startswith(("http://", "https://")) else None
        if relative is not None:
            if not relative.strip():
                return None
            if relative.startswith("//"):
                text = "https:" + relative
            elif _HOST_LIKE.match(relative):
                text = "https://" + relative
                self.warn(f"{name} {relative!r} has no scheme; read as {text}")
            elif self.base and not relative_part(self.base):
                text = urljoin(self.base, relative)
            else:
                self.warn(f"{name} {relative!r} is relative and no base URL is known; left out")
                return None
        if not is_web_url(text):  # the one URL rule (kg.urls), once resolved
            self.warn(f"{name} {text[:80]!r} is not an http(s) URL; left out")
            return None
        try:
            ox.NamedNode(text)  # the RFC 3987 parser the store writes with
        except ValueError:
            self.warn(f"{name} {text!r} is not a valid URL; left out")
            return None
        return text

    def url(self, node: RdfNode, name: str, lenient: bool = False) -> str | None:
        from kg.namespace import SDO

        value = self.one(node, SDO.url, name, lenient=lenient)
        return None if value is None else self.resolve(value, name)
