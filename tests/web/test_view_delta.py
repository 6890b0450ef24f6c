"""The browsing view updated for what each write changed (:func:`kg.view.delta.update_view`,
from the store's log of changed subjects) is the view a whole read gives of the same store:
every table in the same order, every item field by field, after ingests, a re-ingest of a
changed article, a retraction whose claims other articles cite, a review, and writes that
change only a node of an item (an agent's role, a statement's quote selector)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef

from kg.curation.reviews import record_review
from kg.curation.seeds import Corpus
from kg.ids import graph_iri, slug_of
from kg.imports.replace import retract_graph
from kg.ingest import ingest_paths
from kg.namespace import OA, PROV, SDO
from kg.store import EmbeddedStore
from kg.view.delta import update_view
from kg.view.model import View
from kg.view.read import read_view
from kg.web.pages import Views
from tests.web.conftest import CLAIM

DATA = Path(__file__).resolve().parents[1] / "data"
TABLES = ("sources", "claims", "agents", "statements", "reviews")


def assert_same(updated: View, whole: View, step: str) -> None:
    """``updated`` equals ``whole``: the same items in the same order, field by field."""
    for name in TABLES:
        mine, theirs = getattr(updated, name), getattr(whole, name)
        missing, extra = sorted(set(theirs) - set(mine)), sorted(set(mine) - set(theirs))
        assert not missing and not extra, f"{step}: {name}: missing {missing[:3]} extra {extra[:3]}"
        assert list(mine) == list(theirs), f"{step}: {name} in another order"
        for iri, item in theirs.items():
            got: dict[str, Any] = dataclasses.asdict(mine[iri])
            for field, value in dataclasses.asdict(item).items():
                assert got[field] == value, f"{step}: {name} {iri} {field}: {got[field]!r}"
    assert updated.claimants_only == whole.claimants_only, step
    assert updated == whole, step


class Follower:
    """A view kept up to date write by write, as ``kg serve`` keeps it."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.view = read_view(store)
        self.generation = store.generation
        self.updates = 0

    def follow(self, step: str) -> View:
        subjects = self.store.changes_since(self.generation)
        assert subjects is not None, f"{step}: the store does not know what it changed"
        generation = self.store.generation
        updated = update_view(self.store, self.view, subjects)
        assert updated is not None, f"{step}: too many items for a delta"
        whole = read_view(self.store)
        assert_same(updated, whole, step)
        self.updates += updated is not self.view
        self.view, self.generation = updated, generation
        return updated


def test_the_view_updated_write_by_write_is_the_view_read_whole(
    corpus: Corpus, tmp_path: Path
) -> None:
    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    follower = Follower(store)
    seed_sources = set(follower.view.sources)

    # two articles citing the seed's claims (linked across articles), then a batch
    assert len(ingest_paths([DATA / "track"], store).ingested) == 2
    view = follower.follow("ingest of articles citing the seed")
    cited = [s for s in view.on_claim(CLAIM) if s.source not in seed_sources]
    assert cited, "the new articles' statements point at the seed's claim"
    browse = sorted((DATA / "browse").glob("*.txt"))
    assert len(ingest_paths(browse[:6], store).ingested) == 6
    follower.follow("ingest of six articles")

    # one article ingested, then changed and ingested again (its graph replaced)
    article = tmp_path / "wildfire.txt"
    shutil.copy(DATA / "browse" / "en_wildfire.txt", article)
    assert len(ingest_paths([article], store).ingested) == 1
    before = follower.follow("ingest of the article")
    text = article.read_text(encoding="utf-8")
    changed = text.replace("said", "told reporters", 1)
    assert changed != text
    article.write_text(changed + "\nThe mayor denied that the bridge cost more.\n", "utf-8")
    assert len(ingest_paths([article], store).ingested) == 1
    after = follower.follow("re-ingest of the changed article")
    assert {s.exact for s in after.statements.values()} != {
        s.exact for s in before.statements.values()
    }

    # the seed's graphs retracted: their claims, cited by the new articles, stay (kept-claims
    # graph); their statements, sources and the agents only they described go
    for source in sorted(seed_sources):
        assert retract_graph(store, graph_iri(slug_of(source))), source
    after = follower.follow("retraction of the seed's articles")
    assert CLAIM in after.claims and not seed_sources & set(after.sources)
    assert all(s.source not in seed_sources for s in after.statements.values())

    # a review of a claim (the reviews graph), and a retraction of an ingested article
    record_review(store, CLAIM, "False", "Example Checkers", url="https://check.example/1")
    assert follower.follow("a review").reviews_of(CLAIM)
    [(_path, source, _n)] = ingest_paths([browse[0]], store).ingested
    view = follower.view
    assert follower.follow("a re-ingest of an unchanged article") is view  # nothing changed
    assert retract_graph(store, graph_iri(slug_of(source)))
    follower.follow("retraction of an ingested article")
    assert follower.updates == 7


def test_a_write_to_a_node_of_an_item_updates_the_item(corpus: Corpus) -> None:
    """A role's title or a quote's prefix written in another graph changes its agent or
    statement, though the write names neither (found through ``view-holders.rq``)."""
    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    follower = Follower(store)
    agent = next(a for a in follower.view.agents.values() if a.roles)
    statement = next(iter(follower.view.statements.values()))
    extra = URIRef("urn:x-test:graph")
    store.add_triples(extra, [(URIRef(agent.iri + "#roles-1"), SDO.roleName, Literal("Mayor"))])
    assert "Mayor" in follower.follow("a role's title").agents[agent.iri].roles
    quote = URIRef(statement.iri + "#span-quote")
    store.add_triples(extra, [(quote, OA.exact, Literal("another exact text"))])
    follower.follow("a quote selector's second text")
    # a copy of the statement, by a claimant nobody describes (an agent of its own, made for
    # the view), goes with its graph
    copy, nobody = "urn:x-test:statement", URIRef("urn:x-test:nobody")
    triples = []
    for node in ("", "#span", "#span-quote", "#span-position"):
        rows = store.select("SELECT ?p ?o WHERE { $s ?p ?o }", {"s": URIRef(statement.iri + node)})
        for p, o in rows:
            if p == PROV.wasAttributedTo:
                o = nobody
            elif isinstance(o, URIRef) and str(o).startswith(statement.iri + "#"):
                o = URIRef(copy + str(o)[len(statement.iri) :])
            triples.append((URIRef(copy + node), p, o))
    store.add_triples(extra, triples)
    assert str(nobody) in follower.follow("a statement by nobody").claimants_only
    assert store.drop_graph(extra)
    view = follower.follow("the graph dropped")
    assert view.agents[agent.iri] == agent and view.statements[statement.iri] == statement
    assert str(nobody) not in view.agents


def test_served_views_are_updated_not_read_whole(corpus: Corpus) -> None:
    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    views = Views(store)
    first, _generation = views.shown()
    assert len(ingest_paths([DATA / "browse" / "en_bridge_cost.txt"], store).ingested) == 1
    views.shown()  # starts the next view in the background
    assert views.wait(60)
    view, generation = views.shown()
    assert generation == store.generation and view is not first
    assert_same(view, read_view(store), "served")
    assert views.made == {"whole": 1, "delta": 1, "same": 0}


def test_an_unknown_write_reads_the_view_whole(tmp_path: Path, corpus: Corpus) -> None:
    store = EmbeddedStore()
    store.replace_graphs(corpus.dataset())
    views = Views(store)
    views.shown()
    data = tmp_path / "more.nq"
    data.write_text('<urn:x-test:s> <urn:x-test:p> "o" <urn:x-test:g> .\n', encoding="utf-8")
    generation = store.generation
    store.bulk_load(data)
    assert store.changes_since(generation) is None
    views.shown()
    assert views.wait(60)
    assert views.made == {"whole": 2, "delta": 0, "same": 0}
