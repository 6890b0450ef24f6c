"""``kg ingest --batch-size N`` on a remote store: N new articles, one SPARQL Update request.

On a server every request costs a round trip and, on Virtuoso, the compilation of each of its
operations; a write with its summaries by difference is about fifteen operations
(docs/explanation/remote-stores.md). :class:`Batch` holds the articles the writer has linked
but not sent, and sends them, with the match candidates recorded meanwhile, in one request
(:meth:`kg.store.remote.RemoteStore.write_batch`): their graphs, the summaries they touch
computed once, their timeline dates. The articles of a batch are reported written only once
the server acknowledged it.

Linking an article reads the store, and must see the articles before it in the same batch as
if they had been written (the store must equal the one batch size 1 gives, quad for quad). So
the writer reads through the batch: the two candidate queries (claims about an agent, claims
stating a value) are answered from the server for every claim the waiting articles do not
describe, and from a small in-memory copy (the waiting graphs plus what the server holds about
their claims, fetched once per article) for those they do. Every other read the writer makes
cannot be changed by a waiting article (new graphs only, machine-made: the curated check is
asked again after the batch is sent when it names one of them). What else would make a read
depend on the batch ends it first:

* an article whose graph is already on the server (a re-ingest) or waits in the batch: its
  replacement keeps the claims other graphs point at (:mod:`kg.imports.replace`), so the batch
  is sent first and the article is written alone, as with batch size 1;
* a flush of the match candidates (every 500, and at the end) goes with the batch and sends it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.errors import InputError
from kg.imports.replace import replace_graph_triples
from kg.namespace import CG, PREFIXES, RDF, SDO
from kg.queries import load_query
from kg.store.base import Results, TripleIn
from kg.store.binding import bind, term_text
from kg.store.remote import RemoteStore
from kg.store.sparql import template
from kg.store.terms import from_ox, to_ox

__all__ = ["CANDIDATE_QUERIES", "Batch", "check_batch_size"]

#: The link queries a waiting article can change the answer of (``kg/queries``).
CANDIDATE_QUERIES = (
    "track-claims-about",
    "track-claims-with-value",
    "track-claims-about-any",
    "track-claims-with-any-value",
)
#: Predicates of a claim's description those queries read.
_DESCRIBING = (SDO.about, SDO.text, CG.quantity)


def check_batch_size(size: int) -> int:
    """``size``, or InputError when it is under 1.

    >>> check_batch_size(0)
    Traceback (most recent call last):
    ...
    kg.errors.InputError: --batch-size: 0 is not a positive number of articles
    """
    if size < 1:
        raise InputError(f"--batch-size: {size} is not a positive number of articles")
    return size


@dataclass
class _Waiting:
    """An article linked and waiting to be sent: what its report line needs."""

    path: Path
    source: str
    statements: int


@dataclass
class Batch:
    """New articles and added triples waiting to go to ``store`` in one request."""

    store: RemoteStore
    size: int
    done: Callable[[Path, str, int], None]
    new: dict[URIRef, Graph] = field(default_factory=dict)
    added: list[tuple[URIRef, Graph]] = field(default_factory=list)
    articles: list[_Waiting] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    #: Claims (and their quantities) the waiting graphs describe.
    claims: set[str] = field(default_factory=set)
    #: The waiting graphs and the server's quads about their claims.
    copy: ox.Store = field(default_factory=ox.Store)
    #: Whether the batch must be sent before the next article (a candidates' flush).
    send_now: bool = False

    def __post_init__(self) -> None:
        self._candidates = {load_query(name).text for name in CANDIDATE_QUERIES}
        self._curated = load_query("sources-with-hash").text

    # ------------------------------------------------------------------ reads

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> Results:
        """A SELECT on the store as it will be once the batch is written (for the queries
        linking and the curated check make)."""
        if self.new and query in self._candidates:
            return self._merged(query, bindings)
        rows = self.store.select(query, bindings)
        if (
            self.new
            and query == self._curated
            and any(str(source) in self.sources for source, _machine in rows)
        ):
            self.send()
            rows = self.store.select(query, bindings)
        return rows

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """An ASK on the server (the writer's ASKs name graphs not in the batch)."""
        return self.store.ask(query, bindings)

    def _merged(self, query: str, bindings: Mapping[str, Node] | None) -> Results:
        """The answer of a candidate query (rows of ?claim ?text ?graph ordered by claim and
        graph): the server's rows of claims the batch does not describe, the copy's of those
        it does."""
        served = self.store.select(query, bindings)
        claim = served.variables.index("claim")
        graph = served.variables.index("graph")
        rows = [row for row in served.rows if str(row[claim]) not in self.claims]
        text = bind(query, bindings)
        answer = self.copy.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        for solution in answer:  # type: ignore[union-attr]
            row = tuple(from_ox(solution[name]) for name in served.variables)
            if str(row[claim]) in self.claims:
                rows.append(row)
        rows.sort(key=lambda row: (str(row[claim]), str(row[graph])))
        return Results(served.variables, tuple(rows))

    # ------------------------------------------------------------------ writes

    def write_article(
        self, path: Path, graph: URIRef, source: str, triples: list[TripleIn], statements: int
    ) -> None:
        """Add a linked article to the batch, or, when its graph is on the
        server already or waits in the batch, send the batch and write it alone."""
        if graph in self.new or self.store.ask(template("has-graph.rq"), {"g": graph}):
            self.send()
            replace_graph_triples(self.store, graph, triples, prune=False)
            self.done(path, source, statements)
            return
        data = Graph()
        for triple in triples:
            data.add(triple)
        self.new[graph] = data
        self.articles.append(_Waiting(path, source, statements))
        self.sources.add(source)
        self._copy(graph, data)

    @property
    def full(self) -> bool:
        """Whether the batch holds its size of articles (the writer sends it before the next
        article, or with the last match candidates at the end)."""
        return len(self.articles) >= self.size

    def add_triples(self, graph: URIRef, triples: object) -> int:
        """Add triples to an existing graph with the batch (the match candidates' flush), and
        send the batch with them."""
        data = Graph()
        for triple in triples:  # type: ignore[attr-defined]
            data.add(triple)
        if len(data):
            self.added.append((graph, data))
        self.send_now = True
        return len(data)

    def _copy(self, graph: URIRef, data: Graph) -> None:
        """Put a waiting graph into the copy, with what the server holds about its claims."""
        described = {s for s, p, _o in data if p in _DESCRIBING}
        described |= set(data.subjects(RDF.type, CG.Claim))
        described |= set(data.objects(None, CG.quantity)) | set(data.subjects(SDO.value, None))
        fresh = sorted(c for c in described if isinstance(c, URIRef) and str(c) not in self.claims)
        self.claims |= {str(c) for c in described}
        name = to_ox(graph)
        self.copy.extend(
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)  # type: ignore[arg-type]
            for s, p, o in data
        )
        if not fresh:
            return
        listed = " ".join(term_text(c) for c in fresh)
        rows = self.store.select(template("described.rq").replace("{CLAIMS}", listed))
        self.copy.extend(
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))  # type: ignore[arg-type]
            for g, s, p, o in rows
            if g is not None and s is not None and p is not None and o is not None
        )

    def send(self) -> None:
        """Send what waits in one request; then report its articles written."""
        self.send_now = False
        if not self.new and not self.added:
            return
        self.store.write_batch(list(self.new.items()), self.added)
        articles = self.articles
        self.new, self.added, self.articles = {}, [], []
        self.sources, self.claims = set(), set()
        self.copy = ox.Store()
        for article in articles:
            self.done(article.path, article.source, article.statements)
