"""Read a checkpoint of the embedded store from another process (``kg serve``'s view reader).

:meth:`kg.store.EmbeddedStore.checkpoint` makes (or reuses) a checkpoint of the store and keeps
it while a block runs; :class:`CheckpointReader` opens such a folder read-only and answers
``select`` like the store does (union default graph, the project's prefixes), which is all
:func:`kg.view.read_view` needs. Opened read-only in its own process, it reads without the
server's interpreter lock.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.namespace import PREFIXES
from kg.store.base import Results
from kg.store.binding import Bound, bind
from kg.store.terms import from_ox

__all__ = ["CheckpointReader"]


class CheckpointReader:
    """SELECT queries on a checkpoint folder, opened read-only."""

    def __init__(self, folder: str) -> None:
        try:
            self._store = ox.Store.read_only(folder)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot open the checkpoint {folder}: {exc}") from None

    def select(self, query: str, bindings: Mapping[str, Bound] | None = None) -> Results:
        """Run a SELECT query on the union of the graphs and read every row."""
        solutions = self._store.query(
            bind(query, bindings), prefixes=PREFIXES, use_default_graph_as_union=True
        )
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        variables = tuple(v.value for v in solutions.variables)
        return Results(variables, tuple(tuple(from_ox(s[v]) for v in variables) for s in solutions))
