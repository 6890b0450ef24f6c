"""One generic mapper between the pydantic models and RDF, driven by field metadata.

A model declares its RDF classes in ``rdf_types`` and, for every field, the predicate in an
``Annotated[..., Pred(...)]`` marker. :func:`to_triples` writes a model as triples and
:func:`from_graph` reads it back; ``tests/test_rdf.py`` proves with hypothesis that the round
trip is lossless.

Field shapes the mapper understands (``None`` and empty collections write nothing):

=============================  ===============================================
annotation                     RDF
=============================  ===============================================
``str``                        plain literal (``Pred(..., iri=True)``: an IRI)
``bool int float date``        typed literal (xsd:boolean, integer, double, date;
                               a datetime is an xsd:dateTime)
``Enum`` (:class:`RdfEnum`)    the IRI of the member (``enum_iri``)
``dict[str, str]``             one language-tagged literal per language
``dict[str, list[str]]``       several language-tagged literals per language
``list[...]`` / ``set``        one triple per item; read back sorted (a set)
nested :class:`Node`           a child resource ``<parent>#field`` (``-N`` in lists)
=============================  ===============================================

>>> from kg.model import Quantity, Comparator
>>> from rdflib import Graph, URIRef
>>> q = Quantity(value=1000, comparator=Comparator.more_than, unit="container",
...              text="lebih dari 1.000 kontainer")
>>> g = Graph()
>>> for t in to_triples(q, URIRef("https://example.org/q")):
...     _ = g.add(t)
>>> from_graph(Quantity, g, URIRef("https://example.org/q")) == q
True
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar, get_args, get_origin

from pydantic import BaseModel
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node as RdfNode

from kg.namespace import RDF, XSD

__all__ = [
    "Node",
    "Pred",
    "RdfEnum",
    "child_iri",
    "fields_of",
    "from_graph",
    "to_graph",
    "to_triples",
]

Triple = tuple[RdfNode, RdfNode, RdfNode]
M = TypeVar("M", bound="Node")


@dataclass(frozen=True)
class Pred:
    """Field metadata: the predicate a field is written with.

    ``iri``: the (string) value is an IRI, not a literal.
    ``type_map``: the field selects one of several ``rdf:type`` classes (enum member -> class).
    """

    predicate: URIRef
    iri: bool = False
    type_map: dict[Any, URIRef] = field(default_factory=dict)


class RdfEnum(enum.Enum):
    """An enum whose members are SKOS concepts; ``_iris`` maps member value to concept IRI."""

    @classmethod
    def _iri_table(cls) -> dict[str, URIRef]:
        raise NotImplementedError

    @property
    def iri(self) -> URIRef:
        """The concept IRI of this member."""
        return self._iri_table()[self.value]

    @classmethod
    def from_iri(cls, iri: URIRef) -> RdfEnum:
        for value, candidate in cls._iri_table().items():
            if candidate == iri:
                return cls(value)
        raise KeyError(iri)


class Node(BaseModel):
    """A model that is an RDF resource; ``id`` is its IRI."""

    rdf_types: ClassVar[tuple[URIRef, ...]] = ()


# ------------------------------------------------------------------ type analysis


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """Strip Optional; return (type, optional)."""
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    if origin is typing.Annotated:
        return _unwrap(get_args(annotation)[0])
    return annotation, False


def _pred_of(field_info: Any) -> Pred | None:
    for meta in field_info.metadata:
        if isinstance(meta, Pred):
            return meta
    return None


_LITERAL_TYPES: dict[type, URIRef] = {
    bool: XSD.boolean,
    int: XSD.integer,
    float: XSD.double,
    dt.date: XSD.date,
}


def child_iri(parent: URIRef, name: str, index: int | None = None) -> URIRef:
    """The IRI of the nested resource of field ``name`` (its ``index``-th item) of ``parent``."""
    sep = "-" if "#" in parent else "#"
    suffix = name if index is None else f"{name}-{index}"
    return URIRef(f"{parent}{sep}{suffix}")


# ------------------------------------------------------------------ writing


def _scalar_to_term(value: Any, pred: Pred, tp: Any) -> RdfNode:
    if isinstance(value, RdfEnum):
        return value.iri
    if pred.iri:
        return URIRef(value)
    if isinstance(value, bool):
        return Literal(value, datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float):
        return Literal(value, datatype=XSD.double)
    if isinstance(value, dt.datetime):
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    return Literal(str(value))


_PLANS: dict[type, list[tuple[str, Pred, Any, Any]]] = {}


def fields_of(cls: type[BaseModel]) -> list[tuple[str, Pred, Any, Any]]:
    """The fields of ``cls`` that are written, as (name, predicate, type, origin); analysed
    once per class."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = []
        for name, info in cls.model_fields.items():
            pred = _pred_of(info)
            if pred is not None:
                tp, _ = _unwrap(info.annotation)
                plan.append((name, pred, tp, get_origin(tp)))
        _PLANS[cls] = plan
    return plan


def to_triples(model: Node | BaseModel, subject: URIRef | None = None) -> Iterator[Triple]:
    """Yield the triples for ``model`` (and its nested models) with ``subject`` as IRI."""
    if subject is None:
        subject = URIRef(model.id)  # type: ignore[union-attr]
    for rdf_type in getattr(model, "rdf_types", ()):
        yield subject, RDF.type, rdf_type
    for name, pred, tp, origin in fields_of(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        if pred.type_map:
            yield subject, RDF.type, pred.type_map[value]
        elif isinstance(value, BaseModel):
            child = child_iri(subject, name)
            yield subject, pred.predicate, child
            yield from to_triples(value, child)
        elif origin is dict:
            for lang, text in value.items():
                texts = text if isinstance(text, list | tuple) else [text]
                for t in texts:
                    yield subject, pred.predicate, Literal(t, lang=lang)
        elif origin in (list, set, frozenset, tuple):
            for i, item in enumerate(value, start=1):
                if isinstance(item, BaseModel):
                    child = child_iri(subject, name, i)
                    yield subject, pred.predicate, child
                    yield from to_triples(item, child)
                else:
                    yield subject, pred.predicate, _scalar_to_term(item, pred, get_args(tp)[0])
        else:
            yield subject, pred.predicate, _scalar_to_term(value, pred, tp)


def to_graph(models: typing.Iterable[Node], graph: Graph | None = None) -> Graph:
    """Add every model's triples to ``graph`` (a new one by default) and return it."""
    graph = graph if graph is not None else Graph()
    for model in models:
        for triple in to_triples(model):
            graph.add(triple)
    return graph


# ------------------------------------------------------------------ reading


def _term_to_scalar(term: RdfNode, pred: Pred, tp: Any) -> Any:
    if isinstance(tp, type) and issubclass(tp, RdfEnum):
        return tp.from_iri(URIRef(str(term)))
    if pred.iri:
        return str(term)
    if not isinstance(term, Literal):
        return str(term)
    if term.datatype == XSD.dateTime:
        return dt.datetime.fromisoformat(str(term))
    if tp is dt.date or term.datatype == XSD.date:
        return dt.date.fromisoformat(str(term))
    if tp in (bool, int, float):
        return term.toPython()
    return str(term)


def _child_sort_key(iri: RdfNode) -> tuple[int, str]:
    text = str(iri)
    tail = text.rsplit("-", 1)[-1]
    return (int(tail), text) if tail.isdigit() else (0, text)


def _typed(graph: Graph, objects: list[RdfNode], tp: type[BaseModel]) -> list[RdfNode]:
    """Keep the objects typed with ``tp``'s first class, when several nested fields share a
    predicate (the two selectors of a span)."""
    rdf_types = getattr(tp, "rdf_types", ())
    if not rdf_types:
        return objects
    typed = [o for o in objects if (o, RDF.type, rdf_types[0]) in graph]
    return typed or objects


def from_graph(cls: type[M] | type[BaseModel], graph: Graph, subject: URIRef) -> Any:
    """Read one model of class ``cls`` about ``subject`` from ``graph``."""
    data: dict[str, Any] = {}
    if "id" in cls.model_fields:
        data["id"] = str(subject)
    for name, info in cls.model_fields.items():
        pred = _pred_of(info)
        if pred is None:
            continue
        tp, _ = _unwrap(info.annotation)
        origin = get_origin(tp)
        objects = list(graph.objects(subject, pred.predicate))
        if pred.type_map:
            for member, rdf_type in pred.type_map.items():
                if rdf_type in objects:
                    data[name] = member
            continue
        if not objects:
            continue
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            data[name] = from_graph(tp, graph, URIRef(str(_typed(graph, objects, tp)[0])))
        elif origin is dict:
            multi = get_origin(get_args(tp)[1]) is list
            out: dict[str, Any] = {}
            for obj in objects:
                if not isinstance(obj, Literal) or obj.language is None:
                    continue
                if multi:
                    out.setdefault(obj.language, []).append(str(obj))
                else:
                    out[obj.language] = str(obj)
            if multi:
                out = {k: sorted(v) for k, v in out.items()}
            data[name] = out
        elif origin in (list, set, frozenset, tuple):
            item_tp = get_args(tp)[0]
            if isinstance(item_tp, type) and issubclass(item_tp, BaseModel):
                children = sorted(objects, key=_child_sort_key)
                data[name] = [from_graph(item_tp, graph, URIRef(str(c))) for c in children]
            else:
                data[name] = sorted(_term_to_scalar(o, pred, item_tp) for o in objects)
        else:
            data[name] = _term_to_scalar(objects[0], pred, tp)
    return cls.model_validate(data)
