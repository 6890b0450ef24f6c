"""Every way of replacing or retracting an article's graph keeps other articles' statements.

``kg ingest`` and ``kg retract`` keep the claims other graphs point at
(``tests/track/test_other_articles.py``). The other write paths replace or drop whole graphs
too: ``kg import jsonld``, ``kg build`` (a curated claim file superseding a machine-extracted
graph) and the served Graph Store ``PUT``/``DELETE``. Each must apply the same rule: the
English briefing's statements still point at the claim with the very texts they had, and
``kg check`` (SHACL included) stays clean. A replacement giving such a claim other texts is
refused, store unchanged.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from kg.build import build
from kg.errors import InputError
from kg.ids import KEPT_CLAIMS_GRAPH, graph_iri
from kg.imports.rdf_dataset import import_jsonld
from kg.ingest import ingest_paths
from kg.integrity import check_store
from kg.namespace import CG, SDO
from kg.store import EmbeddedStore
from kg.web.app import create_app
from kg.web.sparql import Limits
from tests.security.conftest import http
from tests.track.test_other_articles import EN_ARTICLE, dataset, meaning, two

__all__ = ["two"]  # the fixture, used by name

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
TOKEN = "a-write-token-of-enough-length"


def graph_of(source: str) -> URIRef:
    return graph_iri(source.rsplit("/", 1)[-1])


def shared_claims(store: EmbeddedStore, id_source: str, en_source: str) -> set[str]:
    en = {c for claims in meaning(store, en_source).values() for c in claims}
    return en & {c for claims in meaning(store, id_source).values() for c in claims}


def without_shared(store: EmbeddedStore, id_source: str, en_source: str) -> Graph:
    """The Indonesian report's graph with the claim the English statements point at taken out
    (a corrected version that no longer makes it): the claim, its quantities, the statements
    making it, and everything hanging from those."""
    shared = {URIRef(c) for c in shared_claims(store, id_source, en_source)}
    assert shared
    old = dataset(store).graph(graph_of(id_source))
    gone = set(shared) | {q for c in shared for q in old.objects(c, CG.quantity)}
    gone |= {st for st, _p, _o in old.triples((None, CG.claim, None)) if _o in shared}
    grew = True
    while grew:  # what hangs only from what is gone
        hanging = {o for s, _p, o in old if s in gone and isinstance(o, URIRef)}
        kept_refs = {o for s, _p, o in old if s not in gone}
        extra = {n for n in hanging if n not in kept_refs and (n, None, None) in old} - gone
        grew = bool(extra)
        gone |= extra
    out = Graph(identifier=graph_of(id_source))
    for s, p, o in old:
        if s not in gone and o not in gone:
            out.add((s, p, o))
    return out


def assert_kept(store: EmbeddedStore, en_source: str, before: object) -> None:
    assert meaning(store, en_source) == before
    assert check_store(store, shacl=True) == []


def test_a_jsonld_import_replacing_an_article_keeps_the_claims_others_point_at(
    two,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    store, id_source, en_source = two
    before = meaning(store, en_source)
    ds = Dataset()
    target = ds.graph(graph_of(id_source))
    for triple in without_shared(store, id_source, en_source):
        target.add(triple)
    path = tmp_path / "corrected.jsonld"
    path.write_text(ds.serialize(format="json-ld"), encoding="utf-8")
    assert import_jsonld(store, path) == [graph_of(id_source)]
    assert KEPT_CLAIMS_GRAPH in store.graphs()
    assert_kept(store, en_source, before)


def test_a_graph_store_put_and_delete_keep_the_claims_others_point_at(two) -> None:  # type: ignore[no-untyped-def]
    store, id_source, en_source = two
    before = meaning(store, en_source)
    app = create_app(store, Limits(cap=1000, timeout=10), write_token=TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = without_shared(store, id_source, en_source).serialize(format="nt")
    put = http(
        app,
        "PUT",
        "/store",
        params={"graph": str(graph_of(id_source))},
        content=body.encode(),
        headers={**auth, "Content-Type": "application/n-triples"},
    )
    assert put.status_code == 204, put.text
    assert_kept(store, en_source, before)
    gone = http(app, "DELETE", "/store", params={"graph": str(graph_of(id_source))}, headers=auth)
    assert gone.status_code == 204
    assert graph_of(id_source) not in store.graphs()
    assert_kept(store, en_source, before)


def test_a_put_giving_a_pointed_at_claim_other_texts_is_refused(two) -> None:  # type: ignore[no-untyped-def]
    store, id_source, en_source = two
    shared = URIRef(sorted(shared_claims(store, id_source, en_source))[0])
    old = dataset(store).graph(graph_of(id_source))
    body = Graph()
    for s, p, o in old:
        if s == shared and p == SDO.text:
            o = Literal("Korea Utara mengirim 5 kontainer ke Rusia.", lang="id")
        body.add((s, p, o))
    app = create_app(store, Limits(cap=1000, timeout=10), write_token=TOKEN)
    before = {str(q) for q in store.quads()}
    put = http(
        app,
        "PUT",
        "/store",
        params={"graph": str(graph_of(id_source))},
        content=body.serialize(format="nt").encode(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/n-triples"},
    )
    assert put.status_code == 400
    assert str(shared) in put.text and "other texts" in put.text
    assert {str(q) for q in store.quads()} == before


def test_a_build_superseding_a_machine_graph_keeps_the_claims_others_point_at(
    tmp_path: Path,
) -> None:
    """The seed article ingested by machine, then the English briefing, whose statements link
    to the machine graph's containers claim; then ``kg build`` with the seed's curated claim
    file drops the machine graph (the curated one covers the article)."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    store = EmbeddedStore()
    machine = ingest_paths([SEEDS / "000_eae76bf788f95f59.txt"], store).ingested[0][1]
    en_source = ingest_paths([EN_ARTICLE], store).ingested[0][1]
    linked = {c for claims in meaning(store, en_source).values() for c in claims}
    assert any(c.rsplit("/", 1)[-1].startswith(machine.rsplit("/", 1)[-1]) for c in linked)
    before = meaning(store, en_source)
    report = build(seeds, tmp_path / "exports", store)
    assert report.superseded == [machine]
    assert graph_of(machine) not in store.graphs()
    assert_kept(store, en_source, before)
    json.loads((tmp_path / "exports" / "claims.jsonld").read_text(encoding="utf-8"))


def test_refused_replacement_is_an_input_error(two) -> None:  # type: ignore[no-untyped-def]
    """The same refusal through the one write path, as a KgError with one line."""
    from kg.imports.replace import replace_graphs

    store, id_source, en_source = two
    shared = URIRef(sorted(shared_claims(store, id_source, en_source))[0])
    ds = Dataset()
    target = ds.graph(graph_of(id_source))
    for s, p, o in dataset(store).graph(graph_of(id_source)):
        if s == shared and p == SDO.text:
            continue  # the claim described again, without its texts
        target.add((s, p, o))
    with pytest.raises(InputError, match="other texts") as info:
        replace_graphs(store, ds, [graph_of(id_source)])
    assert "\n" not in str(info.value)
