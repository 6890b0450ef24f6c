"""Regressions for value binding: SPARQL's \\u/\\U pre-processing (found by fuzzing)."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery

from kg.errors import QueryError
from kg.store import EmbeddedStore
from kg.store.binding import bind


@pytest.mark.parametrize("value", ["\\U0000", "\\u0022 } ; DROP ALL ; {", "C:\\users"])
def test_bound_values_with_codepoint_escapes_are_refused(value: str) -> None:
    with pytest.raises(QueryError, match="may not contain"):
        bind("SELECT ?s WHERE { ?s ?p $o }", {"o": Literal(value)})


def test_other_backslashes_bind_and_parse() -> None:
    query = bind("SELECT ?s WHERE { ?s ?p $o }", {"o": Literal('a\\b "c" \\n')})
    parseQuery(query)


def test_data_with_codepoint_escapes_is_stored_verbatim() -> None:
    """Writing is not binding: article text may contain \\u and comes back unchanged."""
    store = EmbeddedStore()
    text = "Path C:\\users\\u0022 and \\U0001F600"
    ds = Dataset()
    ds.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), Literal(text)))
    store.replace_graphs(ds)
    (value,) = store.select("SELECT ?o WHERE { <urn:s> <urn:p> ?o }").column("o")
    assert str(value) == text
