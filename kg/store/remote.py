"""A store on any SPARQL 1.1 server, over the SPARQL 1.1 Protocol (query and update).

Writes are single update requests (drop + insert + summaries), so a server that runs one
request in one transaction (Oxigraph, Fuseki, GraphDB, Neptune) never shows half an article.
Queries rely on the server treating the default graph as the union of the named graphs
(docs/explanation/remote-stores.md); on first use, as soon as the server holds data, this is
checked (a triple of a named graph must be seen in the default graph), and a server that does
not is refused with one line naming the option to set, instead of answering every query with
nothing. Results are parsed as they arrive (:mod:`kg.store.stream`),
never read whole; CONTAINS stands in for the text index.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NoReturn

import httpx
import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.namespace import PREFIXES, PROV
from kg.store.base import Answer, Results, Rows, TripleIn, graphs_to_write
from kg.store.binding import Bound, bind
from kg.store.search import Hit, search_words
from kg.store.sparql import template
from kg.store.stream import read_answer
from kg.store.touched import touched_in, touched_rows, touched_statements
from kg.store.writes import (
    STATS_GRAPH,
    append_update,
    batch_update,
    drop_update,
    refuse_internal,
    replace_update,
    stats_all_update,
    unwrite_batch_update,
)

__all__ = ["RemoteStore", "accept_for", "update_url_for", "with_prefixes"]

_WORDS = re.compile(r"\w+")
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_PROBE = (
    "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER (isIRI(?s) && !isBlank(?o)) } } LIMIT 1"
)
_NOT_UNION = (
    "{url}: the server's default graph is not the union of its named graphs, so every query "
    "would find nothing; start Oxigraph with `oxigraph serve --union-default-graph` (Fuseki: "
    "`tdb2:unionDefaultGraph true`; docs/explanation/remote-stores.md)"
)
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.8"
_FORM = re.compile(r"\s*(?:(?:#[^\n]*|(?:PREFIX|BASE)\b[^\n]*)\s*)*(\w+)", re.IGNORECASE)


def accept_for(query: str) -> str:
    r"""The Accept header for ``query``: RDF for CONSTRUCT and DESCRIBE (offered SPARQL
    results first, Virtuoso answers a CONSTRUCT with rows of ?s ?p ?o, which a caller
    expecting triples read as an empty graph and then wrote back: a remote ``add_triples``
    wiped the graph it added to), SPARQL results for the others.

    >>> accept_for("PREFIX a: <urn:a>\n# all\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'application/n-triples, text/turtle;q=0.8'
    """
    form = _FORM.match(query)
    if form and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE"):
        return _GRAPH_ACCEPT
    return _ACCEPT


def update_url_for(query_url: str) -> str:
    """The update endpoint that goes with a query endpoint, by each server's convention.

    >>> update_url_for("http://localhost:7878/query")
    'http://localhost:7878/update'
    >>> update_url_for("http://localhost:7200/repositories/claims")
    'http://localhost:7200/repositories/claims/statements'
    >>> update_url_for("http://localhost:8890/sparql")
    'http://localhost:8890/sparql'
    """
    if query_url.endswith("/query"):
        return query_url[: -len("query")] + "update"
    if re.search(r"/repositories/[^/]+/?$", query_url):
        return query_url.rstrip("/") + "/statements"
    return query_url


def _ntriples(graph: Graph) -> str:
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


def with_prefixes(query: str) -> str:
    """The query with PREFIX lines for the project's prefixes it does not declare itself."""
    missing = [
        f"PREFIX {name}: <{iri}>"
        for name, iri in PREFIXES.items()
        if not re.search(rf"PREFIX\s+{name}\s*:", query, re.IGNORECASE)
    ]
    return "\n".join([*missing, query])


class RemoteStore:
    """A SPARQL 1.1 endpoint: ``query_url`` for queries, ``update_url`` for updates."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        auth: httpx.Auth | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url or update_url_for(query_url)
        self.timeout = timeout
        self._http = httpx.Client(auth=auth, timeout=timeout)
        #: Whether the default graph is the union of the named graphs (None: not known yet).
        self.union_default_graph: bool | None = None

    @classmethod
    def from_env(cls, url: str) -> RemoteStore:
        """A store for ``url``, with KG_STORE_UPDATE, KG_STORE_USER, KG_STORE_PASSWORD and
        KG_STORE_AUTH (basic or digest) from the environment."""
        user, password = os.environ.get("KG_STORE_USER"), os.environ.get("KG_STORE_PASSWORD")
        auth: httpx.Auth | None = None
        if user is not None:
            if os.environ.get("KG_STORE_AUTH", "basic").lower() == "digest":
                auth = httpx.DigestAuth(user, password or "")
            else:
                auth = httpx.BasicAuth(user, password or "")
        return cls(url, os.environ.get("KG_STORE_UPDATE"), auth)

    # -------------------------------------------------------------- protocol

    def _send(
        self, url: str, data: dict[str, str], accept: str, timeout: float | None, stream: bool
    ) -> httpx.Response:
        response = self._post(url, data, accept, timeout, stream)
        if response.status_code >= 400:
            self._refused(url, response, stream)
        return response

    def _post(
        self, url: str, data: dict[str, str], accept: str, timeout: float | None, stream: bool
    ) -> httpx.Response:
        """The server's answer, whatever its status (an error when there is none)."""
        request = self._http.build_request(
            "POST", url, data=data, headers={"Accept": accept}, timeout=timeout or self.timeout
        )
        try:
            response = self._http.send(request, stream=stream)
        except httpx.TimeoutException:
            raise QueryError(f"{url}: timed out after {timeout or self.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"{url}: {exc}") from None
        return response

    @staticmethod
    def _refused(url: str, response: httpx.Response, stream: bool) -> NoReturn:
        """Raise the one-line error of an answer with an error status."""
        if stream:
            response.read()
            response.close()
        detail = " ".join(response.text.split())[:300]
        error = QueryError if response.status_code == 400 else StoreError
        raise error(f"{url}: HTTP {response.status_code}: {detail}")

    def _update(self, text: str) -> None:
        self._send(self.update_url, {"update": text}, "*/*", None, stream=False)

    def check_union_default_graph(self) -> bool | None:
        """Whether the server reads the union of its named graphs as the default graph: a
        triple of a named graph is looked for without ``GRAPH``. None while the server holds no
        named data (asked again on the next query); StoreError when it is not the union."""
        if self.union_default_graph is None:
            rows = [row for row in self._run(_PROBE, None, None) if None not in row]  # type: ignore[union-attr]
            if rows:
                s, p, o = rows[0]
                terms: dict[str, Node] = {"s": s, "p": p, "o": o}  # type: ignore[dict-item]
                found = self._run("ASK WHERE { $s $p $o }", terms, None)
                self.union_default_graph = bool(found)
        if self.union_default_graph is False:
            raise StoreError(_NOT_UNION.format(url=self.query_url))
        return self.union_default_graph

    def _run(
        self, query: str, bindings: Mapping[str, Bound] | None, timeout: float | None
    ) -> Answer:
        response = self._send(
            self.query_url,
            {"query": with_prefixes(bind(query, bindings))},
            _ACCEPT,
            timeout,
            stream=True,
        )
        return read_answer(response, self.query_url)

    def execute(
        self,
        query: str,
        bindings: Mapping[str, Bound] | None = None,
        timeout: float | None = None,
        data_only: bool = False,
        isolated: bool = False,
    ) -> Answer:
        """Run any query form; rows and triples are parsed as the response arrives
        (:mod:`kg.store.stream`). The first queries check the union default graph.
        ``data_only`` changes nothing here: the server's union default graph includes the
        summaries' named graph (docs/explanation/remote-stores.md). ``isolated`` changes nothing
        either: the server runs the query, under its own limits, and the connection is closed
        at the timeout."""
        if self.union_default_graph is not True:
            self.check_union_default_graph()
        text = with_prefixes(bind(query, bindings))
        response = self._send(self.query_url, {"query": text}, accept_for(text), timeout, True)
        return read_answer(response, self.query_url)

    def select(self, query: str, bindings: Mapping[str, Bound] | None = None) -> Results:
        """Run a SELECT query."""
        answer = self.execute(query, bindings)
        if not isinstance(answer, Rows):
            raise QueryError("not a SELECT query")
        return Results(answer.variables, tuple(answer.rows))

    def ask(self, query: str, bindings: Mapping[str, Bound] | None = None) -> bool:
        """Run an ASK query."""
        answer = self.execute(query, bindings)
        if not isinstance(answer, bool):
            raise QueryError("not an ASK query")
        return answer

    def ntriples(self, query: str, bindings: Mapping[str, Bound] | None = None) -> str:
        """Run a CONSTRUCT; its triples as N-Triples text (a Turtle answer is re-serialised
        by Oxigraph's parser, never through rdflib)."""
        response = self._send(
            self.query_url,
            {"query": with_prefixes(bind(query, bindings))},
            _GRAPH_ACCEPT,
            None,
            stream=False,
        )
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind in ("application/n-triples", "text/plain"):
            return response.text
        if kind not in ("text/turtle", "application/x-turtle"):
            raise StoreError(f"{self.query_url}: not RDF triples ({kind or 'no content type'})")
        try:
            triples = ox.parse(response.content, format=ox.RdfFormat.TURTLE)
            return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.query_url}: bad results: {exc}") from None

    # -------------------------------------------------------------- writing

    def replace_graphs(self, dataset: Dataset, graphs: Sequence[URIRef] | None = None) -> int:
        """Replace each named graph in one update request (drop, insert, summaries)."""
        written = 0
        targets = list(graphs_to_write(dataset, graphs))
        for name, _graph in targets:
            refuse_internal(name)  # before anything is written
        for name, graph in targets:
            touched = self.select(template("touched.rq"), {"g": name})
            old_claims, old_agents = touched_rows(touched)
            claims, agents = touched_in(graph)
            data = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
            self._update(
                replace_update(
                    name,
                    data,
                    claims | old_claims,
                    agents | old_agents,
                    STATS_GRAPH,
                    touched_statements(touched),
                )
            )
            written += len(graph)
        return written

    def replace_graph_triples(self, graph: URIRef, triples: Iterable[TripleIn]) -> int:
        """Replace one named graph with ``triples``: the same update as :meth:`replace_graphs`."""
        ds = Dataset()
        target = ds.graph(graph)
        for triple in triples:
            target.add(triple)
        return self.replace_graphs(ds, [graph])

    def add_triples(self, graph: URIRef, triples: Iterable[TripleIn]) -> int:
        """Add ``triples`` to ``graph`` with the summaries they change, in one update request
        (``INSERT DATA``, then the counts of the claims and agents of the graph and of the new
        triples): the graph is not read back nor rewritten."""
        refuse_internal(graph)
        added = list(triples)
        if not added:
            return 0
        ds = Dataset()
        target = ds.graph(graph)
        for triple in added:
            target.add(triple)
        old_claims, old_agents = touched_rows(self.select(template("touched.rq"), {"g": graph}))
        claims, agents = touched_in(target)
        agents |= {o for o in target.objects(None, PROV.wasAttributedTo) if isinstance(o, URIRef)}
        data = target.serialize(format="nt", encoding="utf-8").decode("utf-8")
        self._update(
            append_update(graph, data, claims | old_claims, agents | old_agents, STATS_GRAPH)
        )
        return len(added)

    def write_batch(
        self,
        new: Sequence[tuple[URIRef, Graph]],
        added: Sequence[tuple[URIRef, Graph]] = (),
    ) -> int:
        """Write ``new`` graphs (each absent from the server) and add the ``added`` triples to
        other graphs, with the summaries they touch, in ONE update request
        (:func:`kg.store.writes.batch_update`); return the triples written.

        The Oxigraph server runs the request in one transaction: a failing operation leaves
        nothing of it. Virtuoso commits the operations that ran before a failing one; so when the
        server answers the request with an error, the batch is undone in a second request
        (:func:`kg.store.writes.unwrite_batch_update`, which also changes nothing where nothing
        was written) before the error is raised. When the server cannot be reached, or the
        answer never comes, nothing can be undone: the graphs' "being written" marks are what is
        left of a part-run batch (``kg check`` reports them; ``kg ingest`` writes them again)."""
        for name, _graph in (*new, *added):
            refuse_internal(name)
        claims: set[URIRef] = set()
        agents: set[URIRef] = set()
        for _name, graph in new:
            touched = touched_in(graph)
            claims |= touched[0]
            agents |= touched[1]
        for _name, graph in added:  # as add_triples: the claimants the new triples name
            touched = touched_in(graph)
            claims |= touched[0]
            agents |= touched[1]
            agents |= {
                o for o in graph.objects(None, PROV.wasAttributedTo) if isinstance(o, URIRef)
            }
        new_data = [(name, _ntriples(graph)) for name, graph in new]
        added_data = [(name, _ntriples(graph)) for name, graph in added]
        text = batch_update(new_data, added_data, claims, agents, STATS_GRAPH)
        response = self._post(self.update_url, {"update": text}, "*/*", None, stream=False)
        if response.status_code >= 400:  # the server ran the request, or part of it, and refused
            self._undo_batch([name for name, _graph in new], added_data, claims, agents)
            self._refused(self.update_url, response, stream=False)
        return sum(len(graph) for _name, graph in (*new, *added))

    def _undo_batch(
        self,
        new: list[URIRef],
        added: list[tuple[URIRef, str]],
        claims: set[URIRef],
        agents: set[URIRef],
    ) -> None:
        """Undo what a refused batch left (Virtuoso: the operations before the failing one;
        on a server that ran it in one transaction the undo finds nothing to change)."""
        try:
            self._update(unwrite_batch_update(new, added, claims, agents, STATS_GRAPH))
        except (QueryError, StoreError):
            pass  # the marks stay: kg check reports the graphs, kg ingest writes them again

    def reindex(self) -> None:
        """Recompute every summary in the stats graph in one update request (after the
        server's own bulk loader filled it: ``kg reindex``)."""
        self._update(stats_all_update(STATS_GRAPH))

    def drop_graph(self, graph: URIRef) -> bool:
        """Drop one named graph and recompute the summaries it touched, in one request."""
        refuse_internal(graph)
        if not self.ask(template("has-graph.rq"), {"g": graph}):
            return False
        claims, agents = touched_rows(self.select(template("touched.rq"), {"g": graph}))
        self._update(drop_update(graph, claims, agents, STATS_GRAPH))
        return True

    # -------------------------------------------------------------- reading

    def graphs(self) -> list[URIRef]:
        """claimgraph's named graphs on the server."""
        rows = self.select(template("graphs.rq"), {"stats": STATS_GRAPH})
        return sorted(g for g in rows.column("g") if isinstance(g, URIRef))

    def search(
        self, text: str, limit: int = 20, kinds: Sequence[str] = (), langs: Sequence[str] = ()
    ) -> list[Hit]:
        """Text search with CONTAINS (no index beside a remote server): the texts holding
        every word of ``text`` (case-insensitive, no accent folding), unranked, first found
        first."""
        search_words(text, limit)  # the same bounds as the embedded store's
        terms = sorted(set(_WORDS.findall(text.lower())))
        if not terms:
            return []
        found: dict[Hit, set[str]] = {}  # each text, with the words found in it
        words = tuple(Literal(w) for w in terms)  # bound to each (VALUES ?q { ... })
        rows = self.select(template("search-contains.rq"), {"q": words})  # type: ignore[dict-item]
        for q, kind, iri, about, value in rows:
            lang = getattr(value, "language", None) or ""
            hit = Hit(str(kind), str(iri), str(about or ""), str(value), lang, 0.0)
            found.setdefault(hit, set()).add(str(q))
        hits: dict[tuple[str, str], Hit] = {}
        for hit, matched in found.items():
            if (kinds and hit.kind not in kinds) or (langs and hit.lang.lower() not in langs):
                continue
            if len(matched) == len(terms):
                hits.setdefault((hit.kind, hit.iri), hit)
        return list(hits.values())[:limit]

    def __len__(self) -> int:
        rows = self.select(template("count.rq"), {"stats": STATS_GRAPH})
        return int(rows.rows[0][0] or 0) if rows.rows else 0

    def close(self) -> None:
        """Close the HTTP client."""
        self._http.close()
