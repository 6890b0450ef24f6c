"""JSON-LD in and out with the context shipped in ontology/, never fetched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import to_isomorphic

from kg.errors import InputError
from kg.export.rdf_files import store_dataset, write_store_jsonld
from kg.imports.jsonld import parse_dataset, resolve_contexts, schema_context
from kg.imports.rdf_dataset import import_jsonld
from kg.namespace import SDO
from kg.paths import SCHEMA_CONTEXT_PATH
from kg.store import EmbeddedStore


def _graphs(dataset: Dataset) -> dict[str, object]:
    return {
        str(g.identifier): to_isomorphic(g)
        for g in dataset.graphs()
        if len(g) and str(g.identifier) != "urn:x-rdflib:default"
    }


@pytest.mark.usefixtures("no_network")
def test_store_out_and_in_is_isomorphic(reviewed: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "graph.jsonld"
    graphs = write_store_jsonld(reviewed, path)
    assert graphs == len(reviewed.graphs())
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(doc["@context"], dict)  # inlined: no reader has to fetch it
    fresh = EmbeddedStore()
    names = import_jsonld(fresh, path)
    assert sorted(str(n) for n in names) == sorted(str(g) for g in reviewed.graphs())
    assert _graphs(store_dataset(fresh)) == _graphs(store_dataset(reviewed))


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    "context",
    [
        "https://schema.org",
        "https://schema.org/",
        "http://schema.org",
        "http://schema.org/",
        ["https://schema.org", {"@language": "en"}],
    ],
)
def test_schema_org_contexts_are_resolved_locally(context: object) -> None:
    doc = {"@context": context, "@type": "ClaimReview", "@id": "https://example.org/r"}
    dataset = parse_dataset(doc, base="https://example.org/", label="doc")
    types = {str(o) for _s, _p, o, _g in dataset.quads((None, None, None, None))}
    assert types <= {str(SDO.ClaimReview), "http://schema.org/ClaimReview"} and types


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    "doc",
    [
        {"@context": "http://127.0.0.1:9/context.jsonld", "name": "x"},
        {"@context": ["https://schema.org", "https://example.org/extra.jsonld"], "name": "x"},
        {"@context": {"@import": "https://example.org/ctx.jsonld"}, "name": "x"},
        {
            "@context": "https://schema.org",
            "author": {"@context": "https://evil.example/", "name": "x"},
        },
        {
            "@context": {
                "@vocab": "https://schema.org/",
                "p": {"@id": "p", "@context": "https://e.example/"},
            }
        },
    ],
)
def test_other_remote_contexts_are_refused_without_fetching(doc: object) -> None:
    with pytest.raises(InputError, match="nothing is fetched"):
        parse_dataset(doc, base="https://example.org/", label="doc")


def test_the_local_schema_context_is_shipped_in_ontology() -> None:
    assert schema_context()["@vocab"] == "https://schema.org/"
    assert SCHEMA_CONTEXT_PATH.is_file()
    resolved = resolve_contexts([{"@context": "https://schema.org"}])
    assert resolved[0]["@context"] == schema_context()


@pytest.mark.usefixtures("no_network")
def test_build_export_imports(dataset: Dataset, tmp_path: Path) -> None:
    # exports/claims.jsonld as `kg build` writes it (the claimgraph context inlined)
    from kg.export.rdf_files import write_jsonld

    path = tmp_path / "claims.jsonld"
    write_jsonld(dataset, path)
    store = EmbeddedStore()
    import_jsonld(store, path)
    assert _graphs(store_dataset(store)) == _graphs(dataset)
