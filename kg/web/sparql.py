"""A read-only SPARQL 1.1 Protocol endpoint (``/sparql``) over any :class:`kg.store.Store`.

GET ``?query=``, POST ``application/x-www-form-urlencoded`` (``query=``) or POST
``application/sparql-query``. SELECT/ASK answers as SPARQL JSON, XML, CSV or TSV (by the
``Accept`` header, or ``format=``/``output=``); CONSTRUCT/DESCRIBE as Turtle or N-Triples.
Every query is checked like ``kg query --file``: updates, SERVICE and FROM (and the
``default-graph-uri``/``named-graph-uri`` parameters) are refused, a row cap (which also counts
the triples of CONSTRUCT and DESCRIBE) and a timeout apply. Responses carry
``Content-Security-Policy: default-src 'none'``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from urllib.parse import parse_qs

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from kg.errors import KgError, QueryError
from kg.queries.binding import term_text
from kg.queries.results import MEDIA_TYPES, ask_text, write
from kg.queries.run import DEFAULT_CAP, DEFAULT_TIMEOUT, Capped, run_user
from kg.store.base import Store, Triples

__all__ = ["SECURITY_HEADERS", "Limits", "running_queries", "sparql_routes"]

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'",
    "X-Content-Type-Options": "nosniff",
}
_MAX_QUERY = 1_000_000
_SHORT = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "text": "table"}


@dataclass(frozen=True)
class Limits:
    """What the endpoint allows."""

    cap: int = DEFAULT_CAP
    timeout: float = DEFAULT_TIMEOUT
    allow_remote: bool = False
    #: Most query threads running at once, counting queries that timed out but that Oxigraph
    #: is still evaluating (it cannot stop inside a sort or an aggregate): beyond it, 503.
    max_running: int = 16


def running_queries() -> int:
    """Query threads alive in this process (:class:`kg.store.worker.Worker` names them)."""
    return sum(1 for t in threading.enumerate() if t.name == "kg-query")


def _results_format(request: Request, explicit: str | None) -> str:
    if explicit:
        key = explicit.lower().rsplit("/", 1)[-1].replace("sparql-results+", "")
        if key in _SHORT:
            return _SHORT[key]
    accept = request.headers.get("accept", "")
    for kind in (part.split(";")[0].strip() for part in accept.split(",")):
        if kind in ("application/sparql-results+json", "application/json"):
            return "json"
        if kind in ("application/sparql-results+xml", "application/xml", "text/xml"):
            return "xml"
        if kind == "text/csv":
            return "csv"
        if kind == "text/tab-separated-values":
            return "tsv"
    return "json"


def _graph_format(request: Request) -> tuple[str, str]:
    accept = request.headers.get("accept", "")
    if "application/n-triples" in accept or "text/plain" in accept:
        return "nt", "application/n-triples"
    if "application/rdf+xml" in accept:
        return "xml", "application/rdf+xml"
    return "turtle", "text/turtle; charset=utf-8"


def _nt_lines(triples: Iterator[tuple[Node, Node, Node]]) -> Iterator[str]:
    for s, p, o in triples:
        parts = [term_text(t) if isinstance(t, URIRef | Literal) else f"_:{t}" for t in (s, p, o)]
        yield " ".join(parts) + " .\n"


def _error(status: int, message: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers=SECURITY_HEADERS)


async def _read_query(request: Request) -> tuple[str | None, str | None]:
    params = request.query_params
    if params.getlist("default-graph-uri") or params.getlist("named-graph-uri"):
        raise QueryError("default-graph-uri and named-graph-uri are refused")
    fmt = params.get("format") or params.get("output")
    if request.method == "GET":
        return params.get("query"), fmt
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    if kind == "application/sparql-query":
        body = await request.body()
        if len(body) > _MAX_QUERY:
            raise QueryError("query too long")
        return body.decode("utf-8"), fmt
    if kind == "application/x-www-form-urlencoded":
        body = await request.body()
        if len(body) > _MAX_QUERY:
            raise QueryError("query too long")
        form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        if form.get("default-graph-uri") or form.get("named-graph-uri"):
            raise QueryError("default-graph-uri and named-graph-uri are refused")
        if "update" in form:
            raise QueryError("updates are refused: this endpoint is read-only")
        queries = form.get("query") or []
        formats = form.get("format") or form.get("output") or []
        return (queries[0] if queries else None), (formats[0] if formats else fmt)
    raise QueryError(f"unsupported content type {kind!r}")


def sparql_routes(store: Store, limits: Limits | None = None) -> list[BaseRoute]:
    """The ``/sparql`` route over ``store``."""
    limits = limits or Limits()

    async def endpoint(request: Request) -> Response:
        try:
            text, fmt = await _read_query(request)
            if not text:
                return _error(400, "missing query")
            if running_queries() >= limits.max_running:
                return _error(503, "busy: too many queries still running; try again later")
            answer = await run_in_threadpool(
                run_user, store, text, None, limits.cap, limits.timeout, limits.allow_remote
            )
        except QueryError as exc:
            return _error(400, f"query refused or failed: {exc}")
        except KgError as exc:
            return _error(500, f"store error: {exc}")
        if isinstance(answer, bool):
            kind = _results_format(request, fmt)
            return Response(
                ask_text(answer, kind), media_type=MEDIA_TYPES[kind], headers=SECURITY_HEADERS
            )
        if isinstance(answer, Triples):
            gfmt, media = _graph_format(request)
            capped = islice(answer, limits.cap)  # CONSTRUCT/DESCRIBE: the cap counts triples
            if gfmt == "nt":
                return StreamingResponse(_nt_lines(capped), media_type=media,
                                         headers=SECURITY_HEADERS)  # fmt: skip
            graph = Graph()
            for triple in capped:
                graph.add(triple)
            return Response(graph.serialize(format=gfmt), media_type=media,
                            headers=SECURITY_HEADERS)  # fmt: skip
        assert isinstance(answer, Capped)
        kind = _results_format(request, fmt)
        body = write(answer.variables, iter(answer), kind)
        return StreamingResponse(body, media_type=MEDIA_TYPES[kind], headers=SECURITY_HEADERS)

    return [Route("/sparql", endpoint, methods=["GET", "POST"])]
