"""The embedded store writes the statements' timeline dates (``cgs:when``) from the data it
writes, by difference (issue 19: ``when.ru`` cost about as much as the article's own triples);
they are what a recomputation from the graphs gives, through rewrites and sources dated in
another graph."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from kg.namespace import CG, PROV, SDO
from kg.store import EmbeddedStore
from kg.store.timeline import WHEN

ID = "urn:x-test:"
WHEN_ROWS = f"SELECT ?st ?when WHERE {{ ?st <{WHEN}> ?when }} ORDER BY ?st ?when"


def statement(n: int, source: str, date: str | None = None) -> list[tuple]:
    st = URIRef(f"{ID}st{n}")
    triples = [
        (st, CG.claim, URIRef(f"{ID}claim{n}")),
        (st, CG.stance, CG.asserts),
        (st, PROV.wasAttributedTo, URIRef(f"{ID}agent")),
        (st, PROV.wasDerivedFrom, URIRef(source)),
    ]
    if date is not None:
        triples.append((st, DCTERMS.date, Literal(date, datatype=XSD.date)))
    return triples


def rows(store: EmbeddedStore) -> list[tuple[str, str]]:
    return [(str(st), str(when)) for st, when in store.select(WHEN_ROWS)]


def test_dates_by_difference_equal_a_recomputation() -> None:
    store = EmbeddedStore()
    source = f"{ID}source"
    published = (URIRef(source), SDO.datePublished, Literal("2024-05-01", datatype=XSD.date))
    # the source is dated in another graph, written first
    store.replace_graph_triples(URIRef(f"{ID}sources"), [published])
    article = URIRef(f"{ID}article")
    store.replace_graph_triples(
        article, statement(1, source) + statement(2, source, "2024-04-02") + statement(3, "urn:x")
    )
    assert rows(store) == [
        (f"{ID}st1", "2024-05-01"),
        (f"{ID}st2", "2024-04-02"),
        (f"{ID}st3", "9999-12-31"),
    ]
    # rewritten: st1 gets a date of its own, st2 loses its own, st3 is gone
    store.replace_graph_triples(
        article, statement(1, source, "2024-03-03") + statement(2, source) + statement(4, source)
    )
    written = rows(store)
    assert written == [
        (f"{ID}st1", "2024-03-03"),
        (f"{ID}st2", "2024-05-01"),
        (f"{ID}st4", "2024-05-01"),
    ]
    store.reindex()
    assert rows(store) == written
    store.drop_graph(article)
    assert rows(store) == []
