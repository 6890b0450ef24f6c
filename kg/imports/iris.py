"""Every IRI in parsed input must be one the stores can write
(RFC 3987, as Oxigraph parses it).

rdflib's parsers (JSON-LD above all) accept IRIs with spaces, quotes or braces in them
(``"@type": "\\"ClaimReview\\""`` becomes ``https://schema.org/"ClaimReview"``). Such a
term would pass the SHACL shapes and only fail when the store writes it; it is refused here,
as an input error, before anything is written.

>>> from rdflib import URIRef
>>> check_iris([(URIRef("urn:a"), URIRef("urn:b"), URIRef('https://schema.org/"x"'))], "f.json")
Traceback (most recent call last):
...
kg.errors.InputError: f.json: not a valid IRI: 'https://schema.org/"x"'
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.errors import InputError, QueryError
from kg.store.binding import term_text

__all__ = ["check_iris"]


def check_iris(triples: Iterable[tuple[object, ...]], label: str) -> None:
    """Raise InputError at the first IRI (or literal datatype) that is not a valid IRI."""
    for triple in triples:
        for term in triple:
            if isinstance(term, URIRef | Literal):
                try:
                    term_text(term)
                except QueryError as exc:
                    raise InputError(f"{label}: {exc}") from None
                iri = term if isinstance(term, URIRef) else term.datatype
                try:
                    if iri is not None:
                        ox.NamedNode(str(iri))  # the RFC 3987 parser the store writes with
                except ValueError as exc:
                    text = str(iri)[:80]
                    raise InputError(f"{label}: not a valid IRI: {text!r} ({exc})") from None
