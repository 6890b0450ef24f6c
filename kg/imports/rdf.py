"""``kg import rdf``: a Turtle, TriG, N-Quads or RDF/XML file into one named graph, safely.

The file is untrusted. Before anything is parsed it must be at most :data:`MAX_BYTES` (checked
on the file's size, before reading) and UTF-8 text. RDF/XML may not carry a ``DOCTYPE`` or an
``ENTITY`` declaration: that refuses "billion laughs" (nested entities) and external entities
(``file:///etc/passwd``, ``http://...``) before an XML parser sees the file. Every format is
parsed by rdflib from a string with a fixed base IRI, so nothing is fetched and relative IRIs
never become local file paths. All triples of the file (of every graph in TriG or N-Quads) go
to one named graph, ``…/id/graph/import/<slug of the file name>``; they are checked against
the SHACL shapes (with the types of resources they refer to that the store holds) and written
in one transaction only if they conform.

>>> refuse_xml_declarations('<!DOCTYPE r [<!ENTITY a "x">]><r/>', "f.rdf") # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.InputError: f.rdf: DOCTYPE and ENTITY declarations are refused in RDF/XML (...)
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax import SAXException

from rdflib import Dataset, Graph, URIRef

from kg.errors import InputError
from kg.imports.checks import check_new_graph, referenced, type_context
from kg.imports.claimreview import import_graph_iri
from kg.imports.iris import check_iris
from kg.imports.replace import replace_graphs
from kg.slugs import slugify
from kg.store import Store

__all__ = ["FORMATS", "MAX_BYTES", "import_rdf", "read_rdf", "refuse_xml_declarations"]

#: Largest file accepted, in bytes (checked before reading).
MAX_BYTES = 50 * 1024 * 1024
#: ``--format`` names and the rdflib parser of each.
FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "rdfxml": "xml"}
_SUFFIXES = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nquads",
    ".rdf": "rdfxml",
    ".xml": "rdfxml",
    ".owl": "rdfxml",
}
_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def refuse_xml_declarations(text: str, label: str) -> None:
    """Raise InputError if an XML text declares a DOCTYPE or an ENTITY."""
    if _DECLARATION.search(text):
        raise InputError(
            f"{label}: DOCTYPE and ENTITY declarations are refused in RDF/XML "
            "(entities could expand or read files)"
        )


def _format_of(path: Path, fmt: str | None) -> str:
    if fmt is None:
        fmt = _SUFFIXES.get(path.suffix.lower())
        if fmt is None:
            raise InputError(f"{path}: unknown RDF file type; give --format {'|'.join(FORMATS)}")
    if fmt not in FORMATS:
        raise InputError(f"{path}: unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    return fmt


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(f"{path}: not a file")
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size} bytes, over the {MAX_BYTES} byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if b"\x00" in data:
        raise InputError(f"{path}: binary file (NUL bytes), not RDF text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def read_rdf(path: Path, fmt: str | None = None) -> Graph:
    """Parse one RDF file safely into one graph named after the file."""
    fmt = _format_of(path, fmt)
    text = _read_text(path)
    if fmt == "rdfxml":
        refuse_xml_declarations(text, str(path))
    name = graph_of(path)
    parsed = Dataset()
    try:
        parsed.parse(data=text, format=FORMATS[fmt], publicID=str(name) + "/")
    except RecursionError:
        raise InputError(f"{path}: not valid {fmt}: nested too deeply") from None
    except (SyntaxError, SAXException, ValueError, TypeError, KeyError, AttributeError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise InputError(f"{path}: not valid {fmt}: {first}") from None
    graph = Graph(identifier=name)
    for s, p, o, _g in parsed.quads((None, None, None, None)):
        graph.add((s, p, o))
    if not len(graph):
        raise InputError(f"{path}: no triples")
    check_iris(graph, str(path))
    return graph


def graph_of(path: Path) -> URIRef:
    """The named graph a file is imported into."""
    return import_graph_iri(slugify(path.stem, 80))


def import_rdf(store: Store, path: Path, fmt: str | None = None) -> tuple[URIRef, int]:
    """Check and write one RDF file; return its named graph and the quads written."""
    graph = read_rdf(path, fmt)
    check_new_graph(graph, type_context(store, referenced(graph)), label=str(path))
    dataset = Dataset()
    target = dataset.graph(graph.identifier)
    for triple in graph:
        target.add(triple)
    name = URIRef(str(graph.identifier))
    return name, replace_graphs(store, dataset, [name])
