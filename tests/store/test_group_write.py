"""Several new graphs in one transaction (``EmbeddedStore.write_new_graphs``, the group commit
of ``kg ingest --jobs N``, issue 19): the store they leave is the one writing them one after
the other gives, quad for quad, with the summaries rewritten once for the group."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from kg.errors import StoreError
from kg.namespace import CG, PROV, SDO
from kg.store import EmbeddedStore
from kg.store.counts import line

ID = "urn:x-test:"


def article(n: int, claim: int, source: str, published: str | None = None) -> list[str]:
    """The N-Triples lines of one article's graph: its own source (dated or not), two
    statements (one citing ``source``, maybe another article's), a claim shared with other
    articles, an agent every article names."""
    own = URIRef(f"{ID}source{n}")
    agent = URIRef(f"{ID}agent")
    triples: list[tuple] = [
        (own, RDF.type, SDO.NewsArticle),
        (URIRef(f"{ID}claim{claim}"), RDF.type, CG.Claim),
        (URIRef(f"{ID}claim{claim}"), SDO.text, Literal(f"Kapal ke-{claim} tiba", lang="id")),
        (agent, SKOS.prefLabel, Literal("Amerika Serikat", lang="id")),
        (URIRef(f"{ID}agent{n}"), SKOS.prefLabel, Literal(f"Juru bicara {n}", lang="id")),
    ]
    if published is not None:
        triples.append((own, SDO.datePublished, Literal(published, datatype=XSD.date)))
    for k, (src, stance) in enumerate(((own, CG.asserts), (URIRef(source), CG.denies))):
        st = URIRef(f"{ID}st{n}-{k}")
        triples += [
            (st, CG.claim, URIRef(f"{ID}claim{claim}")),
            (st, CG.stance, stance),
            (st, PROV.wasAttributedTo, agent if k == 0 else URIRef(f"{ID}agent{n}")),
            (st, PROV.wasDerivedFrom, src),
        ]
    if n % 2:
        st = URIRef(f"{ID}st{n}-0")
        triples.append((st, DCTERMS.date, Literal(f"2024-0{n}-01", datatype=XSD.date)))
    return [line(s, p, o) for s, p, o in triples]


def corpus() -> list[tuple[URIRef, list[str]]]:
    """Five articles: claims shared by two or three of them, the second and the fourth citing
    the first's source, which only the first dates (a date a later graph of the group reads)."""
    first = f"{ID}source1"
    graphs = []
    for n in range(1, 6):
        source = first if n % 2 == 0 else f"{ID}x"
        lines = article(n, claim=n % 2, source=source, published="2024-05-01" if n == 1 else None)
        graphs.append((URIRef(f"{ID}graph{n}"), lines))
    return graphs


def dump(store: EmbeddedStore) -> list[str]:
    return sorted(map(str, store._store))  # every quad, the summaries' and dates' included


def test_a_group_leaves_the_quads_of_the_writes_one_by_one() -> None:
    one_by_one, grouped = EmbeddedStore(), EmbeddedStore()
    for graph, lines in corpus():
        one_by_one.replace_graph_lines(graph, lines)
    counts = grouped.write_new_graphs(corpus())
    assert counts == [len(lines) for _g, lines in corpus()]
    assert dump(grouped) == dump(one_by_one)
    # the second article's denial is dated by the first article's publication, given by a
    # graph of the same group, not in the store when the group's dates were worked out
    when = grouped.select(
        "SELECT ?when WHERE { $st <https://w3id.org/claimgraph/ns/stats#when> ?when }",
        {"st": URIRef(f"{ID}st2-1")},
    )
    assert [str(row[0]) for row in when] == ["2024-05-01"]
    # the summaries are those a recomputation from the graphs gives
    written = dump(grouped)
    grouped.reindex()
    assert [q for q in dump(grouped) if "#version" not in q] == [
        q for q in written if "#version" not in q
    ]
    # and the text index has every graph's rows: the claim the odd articles give goes when
    # the last of them goes
    found = {(h.iri, h.text) for h in grouped.search("kapal", limit=20)}
    assert found == {(h.iri, h.text) for h in one_by_one.search("kapal", limit=20)}
    assert {iri for iri, _text in found} == {f"{ID}claim0", f"{ID}claim1"}
    for n in (1, 3):
        grouped.drop_graph(URIRef(f"{ID}graph{n}"))
    assert {h.iri for h in grouped.search("kapal", limit=20)} == {f"{ID}claim0", f"{ID}claim1"}
    grouped.drop_graph(URIRef(f"{ID}graph5"))
    assert {h.iri for h in grouped.search("kapal", limit=20)} == {f"{ID}claim0"}


def test_a_group_after_other_writes_moves_the_stored_counts() -> None:
    """The group's counts are added to what the store holds (by difference), not written
    afresh: the same as one by one after a first article."""
    one_by_one, grouped = EmbeddedStore(), EmbeddedStore()
    first, *rest = corpus()
    for store in (one_by_one, grouped):
        store.replace_graph_lines(*first)
    for graph, lines in rest:
        one_by_one.replace_graph_lines(graph, lines)
    grouped.write_new_graphs(rest)
    assert dump(grouped) == dump(one_by_one)


def test_a_group_with_a_stored_graph_is_refused_and_writes_nothing() -> None:
    store = EmbeddedStore()
    first, *rest = corpus()
    store.replace_graph_lines(*first)
    before = dump(store)
    with pytest.raises(ValueError, match="new graphs only"):
        store.write_new_graphs([*rest, first])
    with pytest.raises(ValueError, match="once each"):
        store.write_new_graphs([rest[0], rest[0]])
    assert dump(store) == before


def test_a_group_with_a_bad_line_is_refused_before_anything_is_written() -> None:
    store = EmbeddedStore()
    first, second, *_ = corpus()
    store.replace_graph_lines(*first)
    before = dump(store)
    bad = (second[0], [*second[1], "<urn:x-test:s> <urn:x-test:p> not a term ."])
    with pytest.raises(StoreError, match="not N-Triples"):
        store.write_new_graphs([(URIRef(f"{ID}graph9"), first[1][:3]), bad])
    assert dump(store) == before
    assert not store.has_graph(URIRef(f"{ID}graph9"))
