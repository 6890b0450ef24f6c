"""A read-only SPARQL 1.1 Protocol endpoint (``/sparql``) over any :class:`kg.store.Store`.

GET ``?query=``, POST ``application/x-www-form-urlencoded`` (``query=``) or POST
``application/sparql-query``; ``GET /sparql`` without a query gives the SPARQL 1.1 Service
Description. SELECT/ASK answers as SPARQL JSON, XML, CSV (CRLF line ends) or TSV;
CONSTRUCT/DESCRIBE (and the description) as Turtle, JSON-LD, N-Triples or RDF/XML: chosen by
``format=``/``output=``, else by the ``Accept`` header with its q-values
(:mod:`kg.web.negotiate`); a client that accepts none of them gets 406. Browser clients
(YASGUI) may read it from other origins: CORS headers on every /sparql response and an OPTIONS
preflight, for the origins in :attr:`Limits.cors_origins` (``*`` by default); the write routes
(:mod:`kg.web.write`) never send them.
Every query is checked like ``kg query --file``: updates, SERVICE and FROM (and the
``default-graph-uri``/``named-graph-uri`` parameters) are refused, a row cap (which also counts
the triples of CONSTRUCT and DESCRIBE) and a timeout apply. Responses carry
``Content-Security-Policy: default-src 'none'``.

On a store that counts its writes (``EmbeddedStore.generation``), SELECT and ASK answers of up
to :data:`ANSWER_BYTES` are kept (:class:`Answers`) by query text, format asked for and
generation: the same query on an unchanged store is answered from memory, and any write makes
every kept answer stale.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from urllib.parse import parse_qs

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from kg.errors import InputError, KgError, QueryError
from kg.fsutil import utf8
from kg.queries.results import MEDIA_TYPES, ask_text, write
from kg.queries.run import DEFAULT_CAP, DEFAULT_TIMEOUT, Capped, run_user
from kg.store import isolated
from kg.store.base import Store, Triples
from kg.store.binding import term_text
from kg.store.embedded import SNAPSHOT_AGE, EmbeddedStore
from kg.store.shared import SharedStore
from kg.web.body import TooLarge, read_capped
from kg.web.negotiate import negotiate
from kg.web.service import GRAPH_FORMATS, GRAPH_OFFERS, GRAPH_SHORT, service_description

__all__ = ["ANSWER_BYTES", "SECURITY_HEADERS", "Answers", "Limits", "running_queries",
           "sparql_routes"]  # fmt: skip

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'",
    "X-Content-Type-Options": "nosniff",
}
_MAX_QUERY = 1_000_000
#: Largest answer kept in memory for the next identical query, in bytes.
ANSWER_BYTES = 256 * 1024


class Answers:
    """The written answers of recent queries (the least recently used go first past
    ``entries``), each with the store generation it was read at and when it was made."""

    def __init__(self, entries: int = 512) -> None:
        self.entries = entries
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, tuple[int, float, str, bytes]] = OrderedDict()
        self._refreshing: set[Hashable] = set()

    def get(
        self, generation: int, key: Hashable, max_age: float = 0.0, stale: float = 0.0
    ) -> tuple[str, bytes, bool] | None:
        """(media type, body, whether to make it again) kept for ``key``: the answer read at
        ``generation``; else one read earlier but made at most ``max_age`` seconds ago; else
        one made at most ``stale`` seconds ago, with True for the first caller (who makes a
        fresh one, :meth:`refreshed`, while the others get this one)."""
        with self._lock:
            hit = self._kept.get(key)
            if hit is None:
                return None
            made_at, made, media, body = hit
            age = time.monotonic() - made
            if made_at != generation and age > max_age:
                if age > stale:
                    return None
                if key not in self._refreshing:
                    self._refreshing.add(key)
                    self._kept.move_to_end(key)
                    return media, body, True
            self._kept.move_to_end(key)
            return media, body, False

    def put(self, generation: int, key: Hashable, media: str, body: bytes) -> None:
        """Keep an answer read at ``generation`` (unless one read later is kept)."""
        with self._lock:
            hit = self._kept.get(key)
            if hit is None or hit[0] <= generation:
                self._kept[key] = (generation, time.monotonic(), media, body)
                self._kept.move_to_end(key)
                while len(self._kept) > self.entries:
                    self._kept.popitem(last=False)

    def refreshed(self, key: Hashable) -> None:
        """The fresh answer for ``key`` is made (or failed): the next stale caller makes one."""
        with self._lock:
            self._refreshing.discard(key)


def _collect(chunks: Iterator[str], limit: int) -> tuple[list[str], bool]:
    """The first chunks, up to ``limit`` characters in all; True if that was all of them."""
    out: list[str] = []
    size = 0
    for chunk in chunks:
        out.append(chunk)
        size += len(chunk)
        if size > limit:
            return out, False
    return out, True


_SHORT = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "text": "table"}


@dataclass(frozen=True)
class Limits:
    """What the endpoint allows."""

    cap: int = DEFAULT_CAP
    timeout: float = DEFAULT_TIMEOUT
    allow_remote: bool = False
    #: Most queries running at once (query processes, and the threads of in-memory stores,
    #: which Oxigraph cannot stop inside a sort or an aggregate): beyond it, 503.
    max_running: int = 16
    #: Origins whose pages may read /sparql (CORS): ``("*",)`` any, ``()`` none.
    cors_origins: tuple[str, ...] = ("*",)
    #: Seconds an answer's checkpoint of an embedded store may trail its last write
    #: (:data:`kg.store.embedded.SNAPSHOT_AGE`): queries during an ingest share one
    #: checkpoint, and its kept answers, for that long. 0: every write shows at once.
    snapshot_age: float = 0.0
    #: Seconds a kept answer may still be given, after a write and past ``snapshot_age``,
    #: while a fresh one is made in the background (0: never; the caller waits for it).
    stale: float = 0.0


def running_queries() -> int:
    """Queries running for this process: query threads alive (:class:`kg.store.worker.Worker`
    names them) and query processes answering (:mod:`kg.store.isolated`)."""
    threads = sum(1 for t in threading.enumerate() if t.name == "kg-query")
    return threads + isolated.running()


_RESULT_OFFERS = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}


class NotAcceptable(Exception):
    """The client accepts none of the formats this answer can be written in."""

    def __init__(self, offers: list[str]) -> None:
        super().__init__(", ".join(dict.fromkeys(offers)))


def _results_format(request: Request, explicit: str | None) -> str:
    if explicit:
        key = explicit.lower().rsplit("/", 1)[-1].replace("sparql-results+", "")
        if key in _SHORT:
            return _SHORT[key]
    offer = negotiate(request.headers.get("accept"), list(_RESULT_OFFERS))
    if offer is None:
        raise NotAcceptable(list(_RESULT_OFFERS))
    return _RESULT_OFFERS[offer]


def _graph_format(request: Request, explicit: str | None = None) -> tuple[str, str]:
    if explicit and explicit.lower() in GRAPH_SHORT:
        return GRAPH_FORMATS[GRAPH_SHORT[explicit.lower()]]
    if explicit and explicit.lower() in GRAPH_FORMATS:
        return GRAPH_FORMATS[explicit.lower()]
    offer = negotiate(request.headers.get("accept"), GRAPH_OFFERS)
    if offer is None:
        raise NotAcceptable(GRAPH_OFFERS)
    return GRAPH_FORMATS[offer]


def _cors(request: Request, origins: tuple[str, ...]) -> dict[str, str]:
    """The CORS headers of a /sparql response to ``request`` (none if its origin may not)."""
    if "*" in origins:
        return {"Access-Control-Allow-Origin": "*"}
    origin = request.headers.get("origin")
    if origin and origin in origins:
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
    return {}


def _nt_lines(triples: Iterator[tuple[Node, Node, Node]]) -> Iterator[str]:
    for s, p, o in triples:
        parts = [term_text(t) if isinstance(t, URIRef | Literal) else f"_:{t}" for t in (s, p, o)]
        yield " ".join(parts) + " .\n"


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(
        message + "\n", status_code=status, headers={**SECURITY_HEADERS, **(headers or {})}
    )


def _form(text: str) -> dict[str, list[str]]:
    """A form (or a URL's query string), its %-escapes read as UTF-8 (else InputError)."""
    try:
        return parse_qs(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise InputError(f"form value is not UTF-8 (byte {exc.start})") from None


def _first(form: dict[str, list[str]], key: str) -> str | None:
    values = form.get(key)
    return values[0] if values else None


async def _read_query(request: Request) -> tuple[str | None, str | None]:
    """The query and the results format asked for; the body is read up to ``_MAX_QUERY``
    bytes (:class:`TooLarge` past it) and must be UTF-8."""
    params = _form(request.scope.get("query_string", b"").decode("latin-1"))
    if params.get("default-graph-uri") or params.get("named-graph-uri"):
        raise QueryError("default-graph-uri and named-graph-uri are refused")
    fmt = _first(params, "format") or _first(params, "output")
    if request.method == "GET":
        return _first(params, "query"), fmt
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    if kind == "application/sparql-query":
        return utf8(await read_capped(request, _MAX_QUERY), "query"), fmt
    if kind == "application/x-www-form-urlencoded":
        form = _form(utf8(await read_capped(request, _MAX_QUERY), "form"))
        if form.get("default-graph-uri") or form.get("named-graph-uri"):
            raise QueryError("default-graph-uri and named-graph-uri are refused")
        if "update" in form:
            raise QueryError("updates are refused: this endpoint is read-only")
        queries = form.get("query") or []
        formats = form.get("format") or form.get("output") or []
        return (queries[0] if queries else None), (formats[0] if formats else fmt)
    raise QueryError(f"unsupported content type {kind!r}")


def _reads_at(store: Store, max_age: float) -> int | None:
    """The store generation the next user query reads (None: not counted, nothing kept)."""
    if isinstance(store, EmbeddedStore):
        return store.reads_at(max_age)
    generation = getattr(store, "generation", None)
    return generation if isinstance(generation, int) else None


def _run_user(store: Store, max_age: float, *args: object) -> object:
    """:func:`run_user` reading a checkpoint at most ``max_age`` seconds behind the last write."""
    token = SNAPSHOT_AGE.set(max_age)
    try:
        return run_user(store, *args)  # type: ignore[arg-type]
    finally:
        SNAPSHOT_AGE.reset(token)


def sparql_routes(store: Store, limits: Limits | None = None) -> list[BaseRoute]:
    """The ``/sparql`` route over ``store``."""
    limits = limits or Limits()
    union = isinstance(store, (EmbeddedStore, SharedStore))
    answers = Answers()

    refreshers = ThreadPoolExecutor(2, thread_name_prefix="kg-refresh")

    def refreshed(key: Hashable, text: str, kind: str) -> None:
        try:
            if running_queries() >= limits.max_running:
                return
            generation = _reads_at(store, limits.snapshot_age)
            answer = _run_user(store, limits.snapshot_age, text, None, limits.cap,
                               limits.timeout, limits.allow_remote)  # fmt: skip
            if isinstance(answer, bool):
                body = ask_text(answer, kind)
                body = body.replace("\n", "\r\n") if kind == "csv" else body
                answers.put(generation or 0, key, MEDIA_TYPES[kind], body.encode("utf-8"))
            elif isinstance(answer, Capped):
                chunks = write(answer.variables, iter(answer), kind, line_end="\r\n")
                first, whole = _collect(chunks, ANSWER_BYTES)
                if whole:
                    encoded = "".join(first).encode("utf-8")
                    answers.put(generation or 0, key, MEDIA_TYPES[kind], encoded)
        except KgError:
            pass  # the kept answer stays until it is too old; then a caller runs it
        finally:
            answers.refreshed(key)

    def refresh(key: Hashable, text: str, kind: str) -> None:
        refreshers.submit(refreshed, key, text, kind)

    async def preflight(request: Request) -> Response:
        headers = {"Allow": "GET, POST, OPTIONS", **_cors(request, limits.cors_origins)}
        if "Access-Control-Allow-Origin" in headers:
            headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            headers["Access-Control-Max-Age"] = "600"
        return Response(status_code=204, headers={**SECURITY_HEADERS, **headers})

    async def endpoint(request: Request) -> Response:
        if request.method == "OPTIONS":
            return await preflight(request)
        cors = _cors(request, limits.cors_origins)
        headers = {**SECURITY_HEADERS, **cors}
        try:
            if request.method == "GET" and not request.query_params:
                sd_fmt, media = _graph_format(request)
                endpoint_iri = str(request.url.replace(query=""))
                described = service_description(endpoint_iri, union).serialize(format=sd_fmt)
                return Response(described, media_type=media, headers=headers)
            text, fmt = await _read_query(request)
            if not text:
                return _error(400, "missing query", cors)
            generation = _reads_at(store, limits.snapshot_age)
            key = (text, fmt, request.headers.get("accept"))
            kept = None
            if isinstance(generation, int):
                kept = answers.get(generation, key, limits.snapshot_age, limits.stale)
            if kept is not None:
                if kept[2]:  # stale: made again in the background, this one given meanwhile
                    refresh(key, text, _results_format(request, fmt))
                return Response(kept[1], media_type=kept[0], headers=headers)
            if running_queries() >= limits.max_running:
                return _error(503, "busy: too many queries still running; try again later", cors)
            answer = await run_in_threadpool(
                _run_user, store, limits.snapshot_age, text, None, limits.cap, limits.timeout,
                limits.allow_remote,
            )  # fmt: skip
            if isinstance(answer, Triples):
                gfmt, media = _graph_format(request, fmt)
            else:
                kind = _results_format(request, fmt)
        except NotAcceptable as exc:
            return _error(406, f"not acceptable: this answer is available as {exc}", cors)
        except TooLarge as exc:
            return _error(413, f"query refused: {exc}", cors)
        except (QueryError, InputError) as exc:
            return _error(400, f"query refused or failed: {exc}", cors)
        except KgError as exc:
            return _error(500, f"store error: {exc}", cors)
        if isinstance(answer, bool):
            body = ask_text(answer, kind)
            if kind == "csv":
                body = body.replace("\n", "\r\n")
            if isinstance(generation, int):
                answers.put(generation, key, MEDIA_TYPES[kind], body.encode("utf-8"))
            return Response(body, media_type=MEDIA_TYPES[kind], headers=headers)
        if isinstance(answer, Triples):
            capped = islice(answer, limits.cap)  # CONSTRUCT/DESCRIBE: the cap counts triples
            if gfmt == "nt":
                return StreamingResponse(_nt_lines(capped), media_type=media, headers=headers)
            graph = Graph()
            for triple in capped:
                graph.add(triple)
            return Response(graph.serialize(format=gfmt), media_type=media, headers=headers)
        assert isinstance(answer, Capped)
        chunks = write(answer.variables, iter(answer), kind, line_end="\r\n")
        if not isinstance(generation, int):
            return StreamingResponse(chunks, media_type=MEDIA_TYPES[kind], headers=headers)
        try:
            first, whole = await run_in_threadpool(_collect, chunks, ANSWER_BYTES)
        except (QueryError, InputError) as exc:  # a timeout, a row too large, midway
            return _error(400, f"query refused or failed: {exc}", cors)
        except KgError as exc:
            return _error(500, f"store error: {exc}", cors)
        if whole:
            encoded = "".join(first).encode("utf-8")
            answers.put(generation, key, MEDIA_TYPES[kind], encoded)
            return Response(encoded, media_type=MEDIA_TYPES[kind], headers=headers)
        return StreamingResponse(chain(first, chunks), media_type=MEDIA_TYPES[kind],
                                 headers=headers)  # fmt: skip

    return [Route("/sparql", endpoint, methods=["GET", "POST", "OPTIONS"])]
