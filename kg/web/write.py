"""Write routes of ``kg serve``, mounted only when it is started with a write token.

SPARQL 1.1 Graph Store HTTP Protocol, for named graphs only:

- ``PUT /store?graph=IRI`` with a Turtle, N-Triples or TriG body (``Content-Type``) replaces
  that named graph in one transaction, after the triples were checked against the SHACL shapes
  (with the types of the resources they refer to that the store holds); every triple of a TriG
  body goes to the one graph named. ``201`` when the graph is new, ``204`` when replaced.
- ``DELETE /store?graph=IRI`` retracts the graph: ``204``, or ``404`` if there was none.

Every request needs ``Authorization: Bearer <token>`` (compared in constant time); anything
else is ``401``. Bodies are parsed from a string with the graph IRI as base, so nothing is
fetched. Writes are serialised (one at a time); readers see a graph before or after a write.
SPARQL updates stay refused: there is no update endpoint.

>>> check_token("short")
Traceback (most recent call last):
...
kg.errors.InputError: the write token must be at least 16 characters
"""

from __future__ import annotations

import hmac
import threading

from rdflib import Dataset, Graph, URIRef
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from kg.errors import InputError, KgError, QueryError, ValidationError
from kg.imports.checks import check_new_graph, referenced, type_context
from kg.imports.iris import check_iris
from kg.imports.replace import replace_graphs, retract_graph
from kg.store.base import Store
from kg.store.binding import term_text
from kg.web.body import TooLarge, read_capped
from kg.web.sparql import SECURITY_HEADERS

__all__ = ["MAX_BODY", "MIN_TOKEN", "check_token", "write_routes"]

#: Shortest write token accepted.
MIN_TOKEN = 16
#: Largest request body accepted, in bytes.
MAX_BODY = 50 * 1024 * 1024
_FORMATS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/trig": "trig",
}


def check_token(token: str) -> str:
    """The token, if it is long enough to guard writes."""
    if len(token) < MIN_TOKEN:
        raise InputError(f"the write token must be at least {MIN_TOKEN} characters")
    return token


def _error(status: int, message: str, **headers: str) -> Response:
    return PlainTextResponse(
        message + "\n", status_code=status, headers={**SECURITY_HEADERS, **headers}
    )


def _authorised(request: Request, token: bytes) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token)


def _graph_param(request: Request) -> URIRef:
    values = request.query_params.getlist("graph")
    if len(values) != 1 or not values[0].startswith(("http://", "https://", "urn:")):
        raise InputError("give one ?graph=IRI (http, https or urn); the default graph is refused")
    iri = URIRef(values[0])
    try:
        term_text(iri)
    except QueryError:
        raise InputError(f"not a valid graph IRI: {values[0][:80]!r}") from None
    return iri


def _parse(body: bytes, kind: str, name: URIRef) -> Graph:
    fmt = _FORMATS.get(kind)
    if fmt is None:
        raise InputError(f"unsupported content type {kind!r} (Turtle, N-Triples or TriG)")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("the body is not UTF-8 text") from None
    parsed = Dataset()
    try:
        parsed.parse(data=text, format=fmt, publicID=str(name))
    except (SyntaxError, ValueError, TypeError, KeyError, AttributeError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise InputError(f"not valid {fmt}: {first}") from None
    graph = Graph(identifier=name)
    for s, p, o, _g in parsed.quads((None, None, None, None)):
        graph.add((s, p, o))
    if not len(graph):
        raise InputError("no triples (use DELETE to retract a graph)")
    check_iris(graph, "body")
    return graph


def write_routes(store: Store, token: str) -> list[BaseRoute]:
    """``/store`` (PUT, DELETE) over ``store``, guarded by ``token``."""
    secret = check_token(token).encode()
    lock = threading.Lock()

    def replace(graph: Graph) -> bool:
        name = URIRef(str(graph.identifier))
        check_new_graph(graph, type_context(store, referenced(graph)), label=str(name))
        dataset = Dataset()
        target = dataset.graph(name)
        for triple in graph:
            target.add(triple)
        with lock:
            existed = name in store.graphs()
            replace_graphs(store, dataset, [name])
        return existed

    def drop(name: URIRef) -> bool:
        with lock:
            return retract_graph(store, name)

    async def endpoint(request: Request) -> Response:
        if not _authorised(request, secret):
            return _error(401, "a valid bearer token is needed", **{"WWW-Authenticate": "Bearer"})
        try:
            name = _graph_param(request)
            if request.method == "DELETE":
                found = await run_in_threadpool(drop, name)
                return (Response(status_code=204, headers=SECURITY_HEADERS) if found
                        else _error(404, f"no graph {name}"))  # fmt: skip
            body = await read_capped(request, MAX_BODY)
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            graph = _parse(body, kind, name)
            existed = await run_in_threadpool(replace, graph)
        except TooLarge as exc:
            return _error(413, str(exc))
        except (InputError, ValidationError) as exc:
            return _error(400, f"refused: {exc}")
        except KgError as exc:
            return _error(500, f"store error: {exc}")
        return Response(status_code=204 if existed else 201, headers=SECURITY_HEADERS)

    return [Route("/store", endpoint, methods=["PUT", "DELETE"])]
