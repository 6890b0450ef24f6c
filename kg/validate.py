"""SHACL validation of graphs against the shapes in ``kg/ontology/shapes.ttl``.

The engine is pyshacl-turbo (Rust, pySHACL's API and report graph): on this project's data
pySHACL took 3.4 s for one article's graph and grew faster than the data (109 s for ten
articles at once); pyshacl-turbo gives the same results (``bench/check_bench.py``; tests in
``tests/reliability/test_check.py``) in a small fraction of that. The shapes are compiled once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import pyshacl_turbo
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import ValidationError
from kg.paths import ontology_text

__all__ = [
    "Violation",
    "check_conforms",
    "compiled_shapes",
    "report_message",
    "shapes_graph",
    "summary",
    "union_graph",
    "validate",
    "violations",
]


@dataclass(frozen=True)
class Violation:
    """One SHACL violation: the node, the property path (if any) and the shape's message."""

    focus: Node
    path: Node | None
    message: str

    def __str__(self) -> str:
        return f"{self.focus} {self.path or ''}: {self.message}"


@cache
def shapes_graph() -> Graph:
    """The project's SHACL shapes (parsed once)."""
    return Graph().parse(data=ontology_text("shapes.ttl"), format="turtle")


@cache
def compiled_shapes() -> pyshacl_turbo.CompiledShapes:
    """The shapes compiled once by the engine (SHACL-SPARQL constraints included)."""
    return pyshacl_turbo.compile_shapes(shapes_graph(), advanced=True)


def union_graph(dataset: Dataset) -> Graph:
    """Every triple of every named graph in one graph (shapes span graphs)."""
    union = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def validate(data: Graph | str, focus: Sequence[URIRef] | None = None) -> tuple[bool, Graph]:
    """Validate ``data`` (a graph, or N-Triples text); only the ``focus`` nodes if given.
    Return whether it conforms (warnings allowed) and the report graph."""
    # N-Triples go to the engine's own parser as they are (its string input would parse
    # them with rdflib first, three times slower)
    source = pyshacl_turbo.Input(data, "nt", None, {}) if isinstance(data, str) else data
    conforms, report, _text = compiled_shapes().validate(
        source, allow_warnings=True, focus_nodes=list(focus) if focus is not None else None
    )
    return bool(conforms), report


def violations(report: Graph) -> Iterator[Violation]:
    """The violations of a SHACL validation report (warnings and infos left out)."""
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        if focus is None:
            continue
        message = report.value(result, SH.resultMessage)
        yield Violation(focus, report.value(result, SH.resultPath), str(message or ""))


def check_conforms(data: Dataset | Graph, label: str = "graph") -> None:
    """Raise ValidationError naming the first violation unless ``data`` conforms."""
    graph = union_graph(data) if isinstance(data, Dataset) else data
    conforms, report = validate(graph)
    if conforms:
        return
    raise ValidationError(report_message(report, label))


def report_message(report: Graph, label: str) -> str:
    """One line out of a SHACL validation report: how many violations, and the first one."""
    return summary(label, sorted(violations(report), key=lambda v: (str(v.focus), str(v.path))))


def summary(label: str, found: Sequence[Violation]) -> str:
    """``label: does not conform ... (n violation(s)); first: ...`` for ``found`` (sorted)."""
    first = f"; first: {found[0]}" if found else ""
    return f"{label}: does not conform to the SHACL shapes ({len(found)} violation(s)){first}"
