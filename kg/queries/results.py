"""Query results written out, one row at a time: table, CSV, TSV, SPARQL JSON and XML.

Every writer is a generator of text chunks, so results stream to a terminal, a file or an HTTP
response without being held in memory (``table`` is the exception: it reads the rows it is
given to size its columns, and is meant for a page of results).

>>> from rdflib import Literal, URIRef
>>> rows = [(URIRef("urn:a"), Literal("x, y", lang="en")), (None, Literal(2))]
>>> print("".join(write(("s", "o"), iter(rows), "csv")), end="")
s,o
urn:a,"x, y"
,2
>>> "".join(write(("s", "o"), iter(rows), "tsv")).splitlines()[1].split(chr(9))
['<urn:a>', '"x, y"@en']
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.store.binding import term_text

__all__ = ["FORMATS", "MEDIA_TYPES", "ask_text", "term_json", "write"]

Row = tuple[Identifier | None, ...]

#: Formats ``kg query`` writes.
FORMATS = ("table", "csv", "tsv", "json")
#: Media types of the result formats the SPARQL endpoint serves.
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "table": "text/plain; charset=utf-8",
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term_json(term: Identifier) -> dict[str, str]:
    """One term in the SPARQL 1.1 JSON results shape."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and str(term.datatype) != _XSD_STRING:
            out["datatype"] = str(term.datatype)
        return out
    raise QueryError(f"cannot write {term!r}")


def _tsv_term(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return term_text(term)


def _json(variables: tuple[str, ...], rows: Iterable[Row]) -> Iterator[str]:
    yield '{"head": {"vars": ' + json.dumps(list(variables)) + '}, "results": {"bindings": ['
    first = True
    for row in rows:
        binding = {v: term_json(t) for v, t in zip(variables, row, strict=True) if t is not None}
        yield ("\n" if first else ",\n") + json.dumps(binding, ensure_ascii=False)
        first = False
    yield "\n]}}\n"


def _xml(variables: tuple[str, ...], rows: Iterable[Row]) -> Iterator[str]:
    yield '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
    yield "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables) + "</head>\n"
    yield "<results>\n"
    for row in rows:
        parts = []
        for v, t in zip(variables, row, strict=True):
            if t is None:
                continue
            if isinstance(t, URIRef):
                value = f"<uri>{escape(str(t))}</uri>"
            elif isinstance(t, BNode):
                value = f"<bnode>{escape(str(t))}</bnode>"
            else:
                assert isinstance(t, Literal)
                attr = ""
                if t.language:
                    attr = f" xml:lang={quoteattr(t.language)}"
                elif t.datatype and str(t.datatype) != _XSD_STRING:
                    attr = f" datatype={quoteattr(str(t.datatype))}"
                value = f"<literal{attr}>{escape(str(t))}</literal>"
            parts.append(f"<binding name={quoteattr(v)}>{value}</binding>")
        yield "<result>" + "".join(parts) + "</result>\n"
    yield "</results>\n</sparql>\n"


def _delimited(
    variables: tuple[str, ...], rows: Iterable[Row], tsv: bool, line_end: str = "\n"
) -> Iterator[str]:
    if tsv:
        yield "\t".join(f"?{v}" for v in variables) + "\n"
        for row in rows:
            yield "\t".join(_tsv_term(t) for t in row) + "\n"
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if t is None else str(t) for t in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _table(variables: tuple[str, ...], rows: Iterable[Row], width: int = 60) -> Iterator[str]:
    cells = [[_short(t, width) for t in row] for row in rows]
    sizes = [len(v) for v in variables]
    for row in cells:
        sizes = [max(a, len(b)) for a, b in zip(sizes, row, strict=True)]
    yield "  ".join(v.ljust(n) for v, n in zip(variables, sizes, strict=True)).rstrip() + "\n"
    yield "  ".join("-" * n for n in sizes) + "\n"
    for row in cells:
        yield "  ".join(c.ljust(n) for c, n in zip(row, sizes, strict=True)).rstrip() + "\n"
    yield f"({len(cells)} row{'s' if len(cells) != 1 else ''})\n"


def _short(term: Identifier | None, width: int) -> str:
    if term is None:
        return ""
    text = " ".join(str(term).split())
    for prefix in ("https://w3id.org/claimgraph/id/", "https://w3id.org/claimgraph/ns#"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text if len(text) <= width else text[: width - 1] + "…"


def write(
    variables: tuple[str, ...], rows: Iterable[Row], fmt: str, line_end: str = "\n"
) -> Iterator[str]:
    """The rows in format ``fmt`` (table, csv, tsv, json, xml), as text chunks; CSV lines end
    in ``line_end`` (the SPARQL 1.1 CSV results format says CRLF, as the endpoint writes)."""
    if fmt == "json":
        return _json(variables, rows)
    if fmt == "xml":
        return _xml(variables, rows)
    if fmt in ("csv", "tsv"):
        return _delimited(variables, rows, fmt == "tsv", line_end)
    if fmt == "table":
        return _table(variables, rows)
    raise QueryError(f"unknown result format {fmt!r}")


def ask_text(answer: bool, fmt: str) -> str:
    """An ASK answer in format ``fmt``.

    >>> ask_text(True, "json")
    '{"head": {}, "boolean": true}\\n'
    """
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}) + "\n"
    if fmt == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if answer else 'false'}</boolean></sparql>\n"
        )
    if fmt in ("csv", "tsv"):
        return f"{'?' if fmt == 'tsv' else ''}_askResult\n{'true' if answer else 'false'}\n"
    return "yes\n" if answer else "no\n"
