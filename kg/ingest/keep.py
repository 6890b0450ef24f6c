"""``kg retract``: which sources a name names, and the retraction itself.

Claims are kept while another graph points at them: :func:`retract_graph`, :func:`keep_claims`
and :func:`prune_kept` live in :mod:`kg.imports.replace`, the one write path every command
that replaces or drops an article's graph goes through.
"""

from __future__ import annotations

from rdflib import URIRef

from kg.ids import graph_iri
from kg.imports.replace import keep_claims, prune_kept, retract_graph
from kg.namespace import CGID
from kg.queries import load_query
from kg.store import Store

__all__ = ["find_sources", "keep_claims", "prune_kept", "retract_graph"]


def find_sources(store: Store, name: str) -> list[str]:
    """The source ids ``name`` names (``kg retract NAME``): a source id, a source or graph IRI,
    the path of an ingested article file, the article's URL, or its exact title.

    A path is read and hashed as ``kg ingest`` does, so the file names its source even after
    the store forgot where it came from.
    """
    from pathlib import Path

    from rdflib import Literal

    from kg.extract.reader import read_article
    from kg.ingest.mapping import source_slug

    base = str(CGID)
    for kind in ("source/", "graph/"):
        if name.startswith(base + kind):
            return [name[len(base + kind) :]]
    path = Path(name)
    if path.is_file():
        return [source_slug(read_article(path))]
    found: list[str] = []
    if all(c.isalnum() or c in "-_." for c in name) and graph_iri(name) in store.graphs():
        found.append(name)
    url = URIRef(name) if name.startswith(("http://", "https://")) and " " not in name else None
    rows = store.select(
        load_query("keep-source-named").text,
        {"url": url or URIRef("urn:kg:none"), "title": Literal(name)},
    )
    prefix = base + "source/"
    found += [str(r[0])[len(prefix) :] for r in rows if str(r[0]).startswith(prefix)]
    return sorted(set(found))
