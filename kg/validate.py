"""SHACL validation of graphs against the shapes in ``kg/ontology/shapes.ttl``."""

from __future__ import annotations

from functools import cache

import pyshacl
from rdflib import Dataset, Graph
from rdflib.namespace import SH

from kg.errors import ValidationError
from kg.paths import ontology_text

__all__ = ["check_conforms", "report_message", "shapes_graph", "union_graph"]


@cache
def shapes_graph() -> Graph:
    """The project's SHACL shapes (parsed once)."""
    return Graph().parse(data=ontology_text("shapes.ttl"), format="turtle")


def union_graph(dataset: Dataset) -> Graph:
    """Every triple of every named graph in one graph (shapes span graphs)."""
    union = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def check_conforms(data: Dataset | Graph, label: str = "graph") -> None:
    """Raise ValidationError naming the first violation unless ``data`` conforms."""
    graph = union_graph(data) if isinstance(data, Dataset) else data
    conforms, report, _text = pyshacl.validate(
        graph, shacl_graph=shapes_graph(), advanced=True, allow_warnings=True
    )
    if conforms:
        return
    raise ValidationError(report_message(report, label))


def report_message(report: Graph, label: str) -> str:
    """One line out of a SHACL validation report: how many violations, and the first one."""
    results = sorted(report.subjects(SH.resultSeverity, SH.Violation), key=str)
    first = results[0] if results else None
    focus = report.value(first, SH.focusNode) if first is not None else None
    path = report.value(first, SH.resultPath) if first is not None else None
    message = report.value(first, SH.resultMessage) if first is not None else None
    return (
        f"{label}: does not conform to the SHACL shapes ({len(results)} violation(s)); "
        f"first: {focus} {path or ''}: {message}"
    )
