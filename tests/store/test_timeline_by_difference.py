"""The embedded store writes the statements' timeline dates (``cgs:when``) from the data it
writes, by difference (issue 19: ``when.ru`` cost about as much as the article's own triples);
they are what a recomputation from the graphs gives, through rewrites and sources dated in
another graph."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from kg.namespace import CG, CGID, PROV, SDO
from kg.store import EmbeddedStore, RemoteStore
from kg.store.base import Store
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


def test_every_store_dates_a_statement_by_its_own_date_first(store: Store) -> None:
    """On the three backends: a statement's own date, else its source's publication date,
    else 9999-12-31; after a write, a rewrite, a batch (servers) and a reindex. Virtuoso 7.2
    gave wrong dates here while when.ru bound the date with COALESCE(..., a typed constant) and
    compared it in FILTER NOT EXISTS (docs/explanation/remote-stores.md)."""
    source = f"{ID}source"
    published = (URIRef(source), SDO.datePublished, Literal("2024-05-01", datatype=XSD.date))
    store.replace_graph_triples(CGID["graph/x-test-sources"], [published])
    article = CGID["graph/x-test-article"]
    store.replace_graph_triples(
        article,
        statement(1, source, "2024-04-02")
        + statement(2, source)
        + statement(3, source, "2024-03-03")
        + statement(4, "urn:x")
        + statement(5, "urn:x", "2024-02-01")
        + statement(6, source, "2024-05-01"),
    )
    assert timeline(store) == [
        (f"{ID}st1", "2024-04-02"),
        (f"{ID}st2", "2024-05-01"),
        (f"{ID}st3", "2024-03-03"),
        (f"{ID}st4", "9999-12-31"),
        (f"{ID}st5", "2024-02-01"),
        (f"{ID}st6", "2024-05-01"),
    ]
    # rewritten: st1 loses its date, st2 gets one, st4 is gone, the others are unchanged
    store.replace_graph_triples(
        article,
        statement(1, source)
        + statement(2, source, "2024-01-05")
        + statement(3, source, "2024-03-03")
        + statement(5, "urn:x", "2024-02-01")
        + statement(6, source, "2024-05-01"),
    )
    expected = [
        (f"{ID}st1", "2024-05-01"),
        (f"{ID}st2", "2024-01-05"),
        (f"{ID}st3", "2024-03-03"),
        (f"{ID}st5", "2024-02-01"),
        (f"{ID}st6", "2024-05-01"),
    ]
    assert timeline(store) == expected
    if isinstance(store, RemoteStore):  # the batch's own when.ru
        batch = Graph()
        for triple in statement(7, source, "2024-06-07") + statement(8, source):
            batch.add(triple)
        store.write_batch([(CGID["graph/x-test-batch"], batch)])
        expected += [(f"{ID}st7", "2024-06-07"), (f"{ID}st8", "2024-05-01")]
        assert timeline(store) == expected
    store.reindex()
    assert timeline(store) == expected


def timeline(store: Store) -> list[tuple[str, str]]:
    """The timeline dates of this test's statements (st1 to st8; a server is shared by the
    session's tests), through the store's own query interface."""
    mine = {f"{ID}st{n}" for n in range(1, 9)}
    return sorted((str(st), str(when)) for st, when in store.select(WHEN_ROWS) if str(st) in mine)
