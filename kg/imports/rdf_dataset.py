"""``kg import jsonld`` and ``kg export jsonld``: the store's named graphs as JSON-LD.

The export uses the context in ``kg/ontology/context.jsonld`` (inlined, so no reader needs to
fetch it). The import accepts that context, schema.org contexts and inline contexts (see
:mod:`kg.imports.jsonld`); named graphs in the file replace the store's graphs of the same
name, and triples outside any named graph go to ``…/id/graph/import/<file slug>``. The file
is validated against the SHACL shapes (with the types of resources it refers to that the
store holds) before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg.errors import InputError
from kg.imports.checks import check_new_graph, referenced, type_context
from kg.imports.claimreview import import_graph_iri
from kg.imports.jsonld import load_json, parse_dataset
from kg.imports.replace import replace_graphs
from kg.namespace import CGID
from kg.slugs import slugify
from kg.store import Store
from kg.store.writes import INTERNAL_GRAPHS

__all__ = [
    "import_jsonld",
    "read_jsonld",
    "refuse_graph_name",
]

_DEFAULT = URIRef("urn:x-rdflib:default")


def read_jsonld(path: Path) -> Dataset:
    """Parse a JSON-LD file into named graphs (default-graph triples get the file's graph)."""
    parsed = parse_dataset(load_json(path), base=path.resolve().as_uri(), label=str(path))
    out = Dataset()
    for graph in parsed.graphs():
        if not len(graph):
            continue
        name = graph.identifier
        if name == _DEFAULT:
            name = import_graph_iri(slugify(path.stem, 80))
        if not isinstance(name, URIRef):
            raise InputError(f"{path}: a named graph needs an IRI, not {name!r}")
        refuse_graph_name(name, str(path))
        target = out.graph(name)
        for triple in graph:
            target.add(triple)
    if not any(len(g) for g in out.graphs()):
        raise InputError(f"{path}: no triples (is the @context missing?)")
    return out


def refuse_graph_name(name: URIRef, label: str) -> None:
    """Raise InputError unless ``name`` is a graph an import may replace: one of claimgraph's
    named graphs (``…/id/graph/...``), and not an internal one (the summaries' graph). A
    server's own graphs (Virtuoso's system graphs, say) are never claimgraph's to replace.

    >>> refuse_graph_name(URIRef("https://w3id.org/claimgraph/id/graph/stats"), "f.jsonld")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.InputError: f.jsonld: graph <...graph/stats> is internal to the store; refused
    """
    if name in INTERNAL_GRAPHS:
        raise InputError(f"{label}: graph <{name}> is internal to the store; refused")
    if not str(name).startswith(str(CGID["graph/"])):
        raise InputError(
            f"{label}: graph <{name}> is not one of claimgraph's (…/id/graph/...); refused"
        )


def import_jsonld(store: Store, path: Path) -> list[URIRef]:
    """Validate and write the named graphs of a JSON-LD file; return their IRIs."""
    dataset = read_jsonld(path)
    union = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    check_new_graph(union, type_context(store, referenced(union)), label=str(path))
    names = sorted(g.identifier for g in dataset.graphs() if len(g) and g.identifier != _DEFAULT)
    replace_graphs(store, dataset, names)  # type: ignore[arg-type]
    return names  # type: ignore[return-value]
