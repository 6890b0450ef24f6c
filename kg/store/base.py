"""The store interface every backend implements (embedded Oxigraph, remote SPARQL 1.1)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Identifier, Node

from kg.store.binding import Bound
from kg.store.search import Hit

__all__ = [
    "Answer",
    "Results",
    "Row",
    "Rows",
    "Store",
    "TripleIn",
    "Triples",
    "graphs_to_write",
]

Row = tuple[Identifier | None, ...]
Triple = tuple[Identifier, Identifier, Identifier]
#: A triple to write: rdflib IRIs and literals.
TripleIn = tuple[Node, Node, Node]


@dataclass
class Rows:
    """A SELECT answer streamed: variable names, then rows as they come (read them once)."""

    variables: tuple[str, ...]
    rows: Iterator[Row]

    def __iter__(self) -> Iterator[Row]:
        return self.rows


@dataclass
class Triples:
    """A CONSTRUCT or DESCRIBE answer streamed."""

    triples: Iterator[Triple]

    def __iter__(self) -> Iterator[Triple]:
        return self.triples


#: What :meth:`Store.execute` returns: streamed rows, streamed triples, or an ASK answer.
Answer = Rows | Triples | bool


@dataclass(frozen=True)
class Results:
    """The answer to a SELECT query: variable names and rows of rdflib terms (None = unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Identifier | None, ...], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Identifier | None, ...]]:
        return iter(self.rows)

    def column(self, name: str) -> list[Identifier | None]:
        """Every value of one variable."""
        i = self.variables.index(name)
        return [row[i] for row in self.rows]

    def dicts(self) -> list[dict[str, Identifier | None]]:
        """Rows as dictionaries."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


@runtime_checkable
class Store(Protocol):
    """A quad store holding one named graph per source article.

    Writes replace whole named graphs atomically: a reader sees a source before or after a
    write, never half of it.
    """

    def replace_graphs(self, dataset: Dataset, graphs: Sequence[URIRef] | None = None) -> int:
        """Replace each named graph of ``dataset`` (or only ``graphs``); return quads written."""
        ...

    def replace_graph_triples(self, graph: URIRef, triples: Iterable[TripleIn]) -> int:
        """Replace one named graph with ``triples`` (no rdflib graph needed), atomically."""
        ...

    def add_triples(self, graph: URIRef, triples: Iterable[TripleIn]) -> int:
        """Add ``triples`` to ``graph`` (with the summaries they change), atomically."""
        ...

    def drop_graph(self, graph: URIRef) -> bool:
        """Remove one named graph; False if it was not there."""
        ...

    def graphs(self) -> list[URIRef]:
        """The named graphs held."""
        ...

    def select(self, query: str, bindings: Mapping[str, Bound] | None = None) -> Results:
        """Run a read-only SELECT with ``bindings`` bound as values (never pasted as text)."""
        ...

    def ask(self, query: str, bindings: Mapping[str, Bound] | None = None) -> bool:
        """Run a read-only ASK."""
        ...

    def execute(
        self,
        query: str,
        bindings: Mapping[str, Bound] | None = None,
        timeout: float | None = None,
        data_only: bool = False,
        isolated: bool = False,
    ) -> Answer:
        """Run any read-only query form; rows and triples are streamed, ``timeout`` in seconds.
        With ``data_only`` the default graph is the union of the named graphs alone, without
        the store's own summaries (users' queries). ``isolated``: an untrusted query, to run
        where it can be stopped at the timeout and its memory capped."""
        ...

    def ntriples(self, query: str, bindings: Mapping[str, Bound] | None = None) -> str:
        """Run a read-only CONSTRUCT and return its triples as N-Triples text, serialised by
        the engine (no rdflib terms: for large answers handed to another engine)."""
        ...

    def search(
        self, text: str, limit: int = 20, kinds: Sequence[str] = (), langs: Sequence[str] = ()
    ) -> list[Hit]:
        """Full-text search over claims, quotes and agent labels, best first; only the
        ``kinds`` (claim, quote, agent) and language tags ``langs`` asked for, if any."""
        ...

    def __len__(self) -> int:
        """Number of data quads (the internal stats graph is not counted)."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...


def graphs_to_write(
    dataset: Dataset, graphs: Sequence[URIRef] | None = None
) -> Iterator[tuple[URIRef, Graph]]:
    """The named graphs of ``dataset`` a ``replace_graphs`` call writes: every one with an
    IRI (or only those in ``graphs``), leaving out rdflib's empty default graph."""
    wanted = set(graphs) if graphs is not None else None
    for graph in dataset.graphs():
        name = graph.identifier
        if not isinstance(name, URIRef) or (wanted is not None and name not in wanted):
            continue
        if name == URIRef("urn:x-rdflib:default") and len(graph) == 0:
            continue
        yield name, graph
