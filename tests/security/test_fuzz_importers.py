"""Property-based tests: the ClaimReview and JSON-LD importers never crash on any JSON, and
bound values never change a query's structure.

The extractor is fuzzed in tests/extract and the claim-file loaders in
tests/reliability/test_fuzz_loaders.py.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyparsing import ParseResults
from rdflib import Literal, URIRef, Variable
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.curation.seeds import load_corpus
from kg.errors import InputError, KgError, QueryError, ValidationError
from kg.imports.claimreview import import_paths
from kg.imports.rdf_dataset import import_jsonld
from kg.queries import list_queries
from kg.store import EmbeddedStore
from kg.store.binding import bind
from tests.conftest import SEEDS
from tests.security.conftest import quads

VALID = Path(__file__).resolve().parent.parent / "data" / "claimreview" / "valid"
FIXTURES = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(VALID.glob("*.json"))]
FUZZ = settings(
    max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

KEYS = st.sampled_from(
    ["@context", "@type", "@id", "@graph", "@value", "@language", "claimReviewed",
     "reviewRating", "itemReviewed", "author", "name", "url", "datePublished", "ratingValue",
     "bestRating", "worstRating", "alternateName", "appearance", "sameAs", "text",
     "dataFeedElement", "inLanguage", "x"]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
    st.sampled_from(["https://schema.org", "ClaimReview", "Rating", "Claim", "2024-13-45",
                     "http://127.0.0.1:9/ctx", "file:///etc/passwd", "_:b0", "@id", ""]),
)  # fmt: skip
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(KEYS, st.text(max_size=8)),
                                                     inner, max_size=5)),
    max_leaves=25,
)  # fmt: skip


@pytest.fixture(scope="module")
def store() -> Iterator[EmbeddedStore]:
    s = EmbeddedStore()
    s.replace_graphs(load_corpus(SEEDS).dataset())
    yield s
    s.close()


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


@st.composite
def mutated_fixture(draw: st.DrawFn) -> Any:
    """A valid ClaimReview file with a few values replaced, deleted or retyped."""
    doc = copy.deepcopy(draw(st.sampled_from(FIXTURES)))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "stringify"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "stringify":
            parent[path[-1]] = json.dumps(parent[path[-1]])
        else:
            parent[path[-1]] = draw(JSON)
    return doc


def _import_one(store: EmbeddedStore, doc: Any, importer: str) -> None:
    """Import ``doc``: it works (and is removed again) or is refused in one line, store kept."""
    before = quads(store)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        try:
            if importer == "claimreview":
                names = [item.graph_iri for item in import_paths(store, [path])]
            else:
                names = import_jsonld(store, path)
        except (InputError, ValidationError) as exc:
            assert "\n" not in str(exc).strip(), str(exc)
            assert quads(store) == before
            return
        except KgError as exc:  # pragma: no cover - reported as a failure
            pytest.fail(f"unexpected {type(exc).__name__}: {exc}")
    assert not set(names) & SEED_GRAPHS, names  # a seed graph was replaced: report it
    for name in names:
        store.drop_graph(name)


@FUZZ
@given(doc=JSON)
def test_claimreview_importer_survives_any_json(store: EmbeddedStore, doc: Any) -> None:
    _import_one(store, doc, "claimreview")


@FUZZ
@given(doc=mutated_fixture())
def test_claimreview_importer_survives_mutated_fixtures(store: EmbeddedStore, doc: Any) -> None:
    _import_one(store, doc, "claimreview")


@FUZZ
@given(doc=st.one_of(JSON, mutated_fixture()))
def test_jsonld_importer_survives_any_json(store: EmbeddedStore, doc: Any) -> None:
    _import_one(store, doc, "jsonld")


# ------------------------------------------------------------------ binding


def _shape(node: Any, out: list[str]) -> list[str]:
    """The parse tree as a flat list of node names and terms, in order."""
    if isinstance(node, CompValue):
        out.append(node.name)
        for key in sorted(node.keys()):
            out.append(f".{key}")
            _shape(node[key], out)
    elif isinstance(node, list | tuple | ParseResults):
        out.append("[")
        for item in node:
            _shape(item, out)
        out.append("]")
    else:
        out.append(f"{type(node).__name__}:{node}")
    return out


def _values_blocks(node: Any, var: str) -> list[CompValue]:
    """The VALUES blocks (InlineData) that bind ``?var``."""
    found = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            names = list(item["var"]) if "var" in item else []
            if item.name == "InlineData" and names == [Variable(var)]:
                found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list | tuple | ParseResults):
            stack.extend(item)
    return found


PARAM_QUERIES = [q for q in list_queries() if q.params]
PLACEHOLDER = "placeholder-value"
SEED_GRAPHS = {g.identifier for g in load_corpus(SEEDS).dataset().graphs()}


@settings(max_examples=150)
@given(
    text=st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    query=st.sampled_from(PARAM_QUERIES),
)
def test_bound_values_never_change_the_query_structure(text: str, query: Any) -> None:
    name = next(iter(query.params))
    others = {p: Literal("other") for p in query.params if p != name}
    try:
        bound = bind(query.text, {name: Literal(text), **others})
    except QueryError:
        return  # refused values are fine: they never reach a query
    tree = parseQuery(bound)
    reference = parseQuery(bind(query.text, {name: Literal(PLACEHOLDER), **others}))
    (block,) = _values_blocks(tree, name)
    (value,) = block["value"]
    # the value is one plain string literal, exactly the text given
    assert value.name == "literal" and str(value["string"]) == text
    assert "lang" not in value and "datatype" not in value
    # and with the placeholder put back, the query is the one the placeholder gives
    value["string"] = Literal(PLACEHOLDER)
    assert _shape(tree, []) == _shape(reference, [])


@settings(max_examples=100)
@given(text=st.builds(lambda a, b: f"{a}:{b}", st.text(max_size=10), st.text(max_size=30)))
def test_iris_are_bound_or_refused(text: str) -> None:
    try:
        bound = bind("SELECT ?s WHERE { ?s ?p $o }", {"o": URIRef(text)})
    except QueryError:
        return
    (block,) = _values_blocks(parseQuery(bound), "o")
    assert list(block["value"]) == [URIRef(text)]
