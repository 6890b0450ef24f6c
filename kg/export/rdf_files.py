"""TriG (one named graph per source) and JSON-LD (with the local context) exports."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Dataset, URIRef

from kg.fsutil import atomic_write
from kg.namespace import PREFIXES
from kg.paths import ontology_text
from kg.queries import load_query
from kg.store import Store

__all__ = [
    "jsonld_context",
    "serialize_jsonld",
    "serialize_trig",
    "store_dataset",
    "write_jsonld",
    "write_store_jsonld",
    "write_trig",
]

_DEFAULT = URIRef("urn:x-rdflib:default")


@cache
def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context shipped in ``kg/ontology/context.jsonld`` (never fetched)."""
    context: dict[str, Any] = json.loads(ontology_text("context.jsonld"))["@context"]
    return context


def _bind(dataset: Dataset) -> Dataset:
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns, override=True)
    return dataset


def serialize_trig(dataset: Dataset) -> bytes:
    """TriG text of the dataset."""
    return _bind(dataset).serialize(format="trig", encoding="utf-8")


def serialize_jsonld(dataset: Dataset) -> bytes:
    """JSON-LD of the dataset, compacted with the local context (one @graph per source)."""
    data = _bind(dataset).serialize(
        format="json-ld", context=jsonld_context(), encoding="utf-8", indent=1
    )
    # Point readers at the shipped context file instead of inlining it.
    doc = json.loads(data)
    doc["@context"] = jsonld_context()
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def write_trig(dataset: Dataset, path: Path) -> None:
    """Write TriG atomically."""
    atomic_write(path, serialize_trig(dataset))


def write_jsonld(dataset: Dataset, path: Path) -> None:
    """Write JSON-LD atomically."""
    atomic_write(path, serialize_jsonld(dataset))


def store_dataset(store: Store) -> Dataset:
    """Every named graph of the store as an rdflib Dataset."""
    dataset = Dataset()
    for g, s, p, o in store.select(load_query("fmt-quads").text):
        dataset.graph(URIRef(str(g))).add((s, p, o))  # type: ignore[arg-type]
    return dataset


def write_store_jsonld(store: Store, path: Path) -> int:
    """Write the store as JSON-LD with the local context; return the number of graphs."""
    dataset = store_dataset(store)
    atomic_write(path, serialize_jsonld(dataset))
    return sum(1 for g in dataset.graphs() if g.identifier != _DEFAULT and len(g))
