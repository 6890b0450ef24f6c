"""The default store: Oxigraph on disk (pyoxigraph), in a project folder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.namespace import PREFIXES
from kg.queries.binding import bind
from kg.store.base import Results
from kg.store.terms import from_ox

__all__ = ["EmbeddedStore"]


class EmbeddedStore:
    """An on-disk Oxigraph store (``path``), or an in-memory one when ``path`` is None.

    Queries see the union of all named graphs as their default graph.

    >>> store = EmbeddedStore()
    >>> ds = Dataset()
    >>> _ = ds.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:o")))
    >>> store.replace_graphs(ds)
    1
    >>> store.select("SELECT ?o WHERE { ?s ?p ?o }").column("o")
    [rdflib.term.URIRef('urn:o')]
    """

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        self.path = path
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store: {exc}") from None

    # -------------------------------------------------------------- writing

    def replace_graphs(self, dataset: Dataset, graphs: Sequence[URIRef] | None = None) -> int:
        """Replace named graphs; each is dropped and rewritten in one transaction."""
        wanted = set(graphs) if graphs is not None else None
        written = 0
        for graph in dataset.graphs():
            name = graph.identifier
            if not isinstance(name, URIRef) or (wanted is not None and name not in wanted):
                continue
            if name == URIRef("urn:x-rdflib:default") and len(graph) == 0:
                continue
            data = graph.serialize(format="nt", encoding="utf-8")
            g = ox.NamedNode(str(name))
            try:
                # One SPARQL update is one transaction in Oxigraph: readers never see a half graph.
                self._store.update(
                    f"DROP SILENT GRAPH <{name}> ; INSERT DATA {{ GRAPH <{name}> {{\n"
                    + data.decode("utf-8")
                    + "\n} }"
                )
            except (OSError, SyntaxError) as exc:
                raise StoreError(f"cannot write graph {name}: {exc}") from None
            written += sum(1 for _ in self._store.quads_for_pattern(None, None, None, g))
        return written

    def drop_graph(self, graph: URIRef) -> bool:
        """Remove one named graph."""
        g = ox.NamedNode(str(graph))
        if not self._store.contains_named_graph(g):
            return False
        self._store.remove_graph(g)
        return True

    # -------------------------------------------------------------- reading

    def graphs(self) -> list[URIRef]:
        """Named graphs, sorted."""
        return sorted(
            URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)
        )

    def _run(self, query: str, bindings: Mapping[str, Node] | None) -> object:
        try:
            return self._store.query(
                bind(query, bindings), prefixes=PREFIXES, use_default_graph_as_union=True
            )
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from None

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> Results:
        """Run a SELECT query."""
        solutions = self._run(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        variables = tuple(v.value for v in solutions.variables)
        rows = tuple(tuple(from_ox(s[v]) for v in variables) for s in solutions)
        return Results(variables, rows)

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK query."""
        answer = self._run(query, bindings)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(answer)

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        """Flush and release the store."""
        if self.path is not None:
            try:
                self._store.flush()
            except OSError:
                pass
        del self._store
