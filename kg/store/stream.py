"""Query results read from an HTTP response as they arrive, never whole.

A remote store's answer is parsed by Oxigraph's streaming parsers (SPARQL JSON results, which
Virtuoso's ``typed-literal`` variant also passes; N-Triples or Turtle for CONSTRUCT) straight
from the response body, chunk by chunk: a full export or a capped user query holds one row at
a time, and stopping early (the row cap) closes the connection.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import httpx
import pyoxigraph as ox
from rdflib.term import Identifier

from kg.errors import QueryError, StoreError
from kg.store.base import Answer, Rows, Triples
from kg.store.terms import from_ox

__all__ = ["BodyReader", "read_answer"]

#: Virtuoso answers some ASK queries as one row of this variable.
_ASK_ROW = "__ASK_RETVAL"


class BodyReader(io.RawIOBase):
    """A binary file over an HTTP response body, read chunk by chunk (what the parsers take;
    wrap it in :class:`io.BufferedReader`)."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__()
        self._chunks = response.iter_bytes()
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._rest:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._rest = chunk
        size = min(len(buffer), len(self._rest))
        buffer[:size] = self._rest[:size]
        self._rest = self._rest[size:]
        return size


def _closing(items: Iterator[tuple], response: httpx.Response, url: str) -> Iterator[tuple]:
    """``items``, closing ``response`` when they end or the reader stops early; a parse error
    in the middle becomes a StoreError naming the server."""
    try:
        yield from items
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{url}: bad results: {exc}") from None
    except httpx.HTTPError as exc:
        raise StoreError(f"{url}: {exc}") from None
    finally:
        response.close()


def _row(solution: ox.QuerySolution, names: tuple[str, ...]) -> tuple[Identifier | None, ...]:
    return tuple(from_ox(solution[name]) for name in names)


def read_answer(response: httpx.Response, url: str) -> Answer:
    """The answer in ``response`` (an open streamed response): a bool, rows or triples."""
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    reader = io.BufferedReader(BodyReader(response))
    try:
        if "json" in kind or ("xml" in kind and "sparql-results" in kind):
            results = ox.QueryResultsFormat.JSON if "json" in kind else ox.QueryResultsFormat.XML
            parsed = ox.parse_query_results(reader, results)
            if isinstance(parsed, ox.QueryBoolean):
                response.close()
                return bool(parsed)
            names = tuple(v.value for v in parsed.variables)
            if names == (_ASK_ROW,):
                first = next(iter(parsed), None)
                response.close()
                value = first[_ASK_ROW] if first is not None else None
                return value is not None and value.value not in ("0", "")
            rows = (_row(s, names) for s in parsed)
            return Rows(names, _closing(rows, response, url))
        fmt = ox.RdfFormat.N_TRIPLES if "n-triples" in kind else ox.RdfFormat.TURTLE
        triples = (
            (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
            for t in ox.parse(reader, format=fmt)
        )
        return Triples(_closing(triples, response, url))  # type: ignore[arg-type]
    except (SyntaxError, ValueError) as exc:
        response.close()
        raise StoreError(f"{url}: bad results: {exc}") from None
    except httpx.HTTPError as exc:
        response.close()
        raise QueryError(f"{url}: {exc}") from None
