"""Binding parameter values into a query as a ``VALUES`` block of escaped RDF terms.

User text never becomes query syntax: each value is an rdflib term, serialised with its
escapes, and checked so that it cannot close the block it sits in. This works the same on the
embedded store and on any SPARQL 1.1 endpoint.

>>> from rdflib import Literal
>>> print(bind("SELECT ?s WHERE { ?s ?p $name }", {"name": Literal('x" || true || "')}))
SELECT ?s WHERE { VALUES ?name { "x\\" || true || \\"" } ?s ?p $name }
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError

__all__ = ["Bound", "bind", "literal_text", "term_text"]

#: What a parameter is bound to: one term, or several (a ``VALUES`` row for each).
Bound = Node | Sequence[Node]

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CODEPOINT = re.compile(r"\\[uU]")
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def term_text(term: Node) -> str:
    """The SPARQL text of one IRI or literal, escaped; anything else is refused."""
    if isinstance(term, URIRef):
        if _BAD_IRI.search(str(term)) or ":" not in str(term):
            raise QueryError(f"not a valid IRI: {str(term)[:80]!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        datatype = term.datatype
        return literal_text(
            str(term), term.language, term_text(URIRef(datatype)) if datatype else None
        )
    raise QueryError(f"cannot bind {type(term).__name__} values")


def literal_text(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    r"""The SPARQL (and N-Triples) text of a literal of lexical form ``text``, escaped, with
    its language tag or its ``datatype`` (already as text: ``<...>``; ``xsd:string`` is left
    out).

    >>> print(literal_text('say "hi"\nnow', "en"))
    "say \"hi\"\nnow"@en
    """
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype and datatype != "<http://www.w3.org/2001/XMLSchema#string>":
        return f'"{escaped}"^^{datatype}'
    return f'"{escaped}"'


def bind(query: str, bindings: Mapping[str, Bound] | None) -> str:
    """``query`` with a VALUES block for ``bindings`` at the start of its WHERE clause; a
    list or tuple of terms binds the parameter to each of them.

    >>> from rdflib import URIRef
    >>> bind("SELECT ?t WHERE { $c ?p ?t }", {"c": (URIRef("urn:a"), URIRef("urn:b"))})
    'SELECT ?t WHERE { VALUES ?c { <urn:a> <urn:b> } $c ?p ?t }'
    """
    if not bindings:
        return query
    match = _WHERE.search(query)
    if match is None:
        raise QueryError("parameters need a query with a WHERE { ... } clause")
    blocks = []
    for name, value in bindings.items():
        if not _VAR.match(name):
            raise QueryError(f"not a parameter name: {name!r}")
        values: Sequence[Node] = value if isinstance(value, list | tuple) else (value,)
        for v in values:
            if isinstance(v, Literal) and _CODEPOINT.search(str(v)):
                # SPARQL processes \u and \U escapes before parsing, and engines differ on
                # what an escaped backslash before them means: refuse rather than guess.
                raise QueryError(f"parameter {name!r}: a value may not contain \\u or \\U")
        blocks.append(f"VALUES ?{name} {{ {' '.join(term_text(v) for v in values)} }}")
    return query[: match.end()] + " " + " ".join(blocks) + query[match.end() :]
