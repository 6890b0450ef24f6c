"""``kg export nquads``: every named graph of the store as N-Quads, streamed graph by graph.

The file is what a server's own bulk loader takes (Virtuoso's ``ld_dir``, see the remote-store
how-to) and what ``kg load`` takes. The store's summaries (its default graph on the embedded
store, the stats graph on a server) are left out: ``kg load`` and ``kg reindex`` recompute them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox

from kg.queries import load_query
from kg.store import Store
from kg.store.terms import to_ox

__all__ = ["write_nquads"]


def write_nquads(store: Store, path: Path) -> tuple[int, int]:
    """Write the store's named graphs to ``path`` (replaced only once complete); return the
    number of graphs and of quads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    graphs = quads = 0
    try:
        with os.fdopen(fd, "wb") as out:
            query = load_query("check-graph").text
            for graph in store.graphs():
                g = ox.NamedNode(str(graph))
                rows = store.select(query, {"graph": graph})
                lines = [
                    f"{ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)} .\n"  # type: ignore[arg-type]
                    for s, p, o in rows
                    if s is not None and p is not None and o is not None
                ]
                out.write("".join(lines).encode("utf-8"))
                graphs += 1
                quads += len(lines)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return graphs, quads
