"""The writer writes the N-Triples lines the workers made (kg/ingest/ntriples.py): they are the
lines of the linked bundle's own triples, in the same order (same quads, same graph version)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import URIRef

from kg.errors import StoreError
from kg.ingest import ingest_files
from kg.ingest.ntriples import linked_lines, to_lines
from kg.ingest.prepare import prepare_file
from kg.model import Bundle, Claim
from kg.rdf import to_triples
from kg.store import EmbeddedStore
from kg.store.counts import line
from kg.track.link import link_claims
from tests.articles import seed_shaped
from tests.test_rdf import agents, claims, reviews, sources, statements


def own_lines(bundle: Bundle) -> list[str]:
    """What the writer wrote before: the linked bundle's triples, one line each, once."""
    return list(dict.fromkeys(line(s, p, o) for s, p, o in bundle.triples()))


def test_lines_of_a_linked_article_are_those_of_its_triples(tmp_path: Path) -> None:
    first, second = seed_shaped(tmp_path / "a", 2)
    store = EmbeddedStore()
    try:
        ingest_files([first], store)
        item = prepare_file(second)
        assert item.bundle is not None and item.lines is not None and item.signatures
        linked, _candidates = link_claims(item.bundle, store, True, item.signatures)
    finally:
        store.close()
    # linking dropped the article's claims and pointed its statements at the first one's
    assert len(linked.claims) < len(item.bundle.claims)
    relinked = [st for st in linked.statements if st not in item.bundle.statements]
    assert relinked
    assert linked_lines(item.bundle, item.lines, linked) == own_lines(linked)


def test_nodes_changed_otherwise_are_mapped_again(tmp_path: Path) -> None:
    """A node the worker did not see (a stored claim's new text) and a statement changed in
    more than its claims are mapped by the writer."""
    (path,) = seed_shaped(tmp_path / "a", 1)
    item = prepare_file(path)
    assert item.bundle is not None and item.lines is not None
    bundle = item.bundle
    first = bundle.statements[0]
    other = "https://w3id.org/claimgraph/id/claim/elsewhere"
    changed = [
        first.model_copy(update={"claims": [other], "verb": "menegaskan"}),
        bundle.statements[1].model_copy(update={"claims": [other]}),
        *bundle.statements[2:],
    ]
    linked = bundle.model_copy(
        update={
            "claims": [*bundle.claims[1:], Claim(id=other, text={"en": "Elsewhere."})],
            "statements": changed,
        }
    )
    lines = linked_lines(bundle, item.lines, linked)
    assert lines == own_lines(linked)
    assert any('"menegaskan"' in row for row in lines)


def test_lines_that_are_not_ntriples_are_refused_before_anything_is_written() -> None:
    store = EmbeddedStore()
    try:
        graph = URIRef("urn:x-test:g")
        good = "<urn:x-test:s> <urn:x-test:p> <urn:x-test:o> ."
        store.replace_graph_lines(graph, [good])
        before = sorted(map(str, store.quads()))
        sneaky = f"{good} }} }} ; DROP ALL ; INSERT DATA {{ GRAPH {graph.n3()} {{ {good}"
        with pytest.raises(StoreError, match="not N-Triples"):
            store.replace_graph_lines(graph, [sneaky])
        with pytest.raises(StoreError, match="not N-Triples"):
            store.add_lines(graph, [sneaky])
        assert sorted(map(str, store.quads())) == before
    finally:
        store.close()


@given(st.one_of(claims, agents, sources(), statements(), reviews))
def test_to_lines_writes_the_lines_of_to_triples(model) -> None:  # type: ignore[no-untyped-def]
    assert list(to_lines(model)) == [line(s, p, o) for s, p, o in to_triples(model)]


def test_node_lines_of_an_article_are_those_of_its_triples(tmp_path: Path) -> None:
    (path,) = seed_shaped(tmp_path / "a", 1)
    item = prepare_file(path)
    assert item.bundle is not None and item.lines is not None
    written = [row for node in item.bundle.nodes() for row in item.lines[node.id]]
    assert written == [line(s, p, o) for s, p, o in item.bundle.triples()]
