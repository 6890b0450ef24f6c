"""A write moves only the summary values it changes (issue 19): a claim every article repeats
kept having all eight of its values deleted and inserted again by each article."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import URIRef

from kg.store import EmbeddedStore
from kg.store.counts import CG, PROV, CountCache, Facts, Part, counts_update
from kg.store.writes import STATS

CLAIM = "urn:x-test:claim"


def article(n: int) -> Facts:
    """One statement asserting the claim, by its own agent, from its own source."""
    facts = Facts()
    st = f"urn:x-test:st{n}"
    facts.add(st, CG + "claim", CLAIM)
    facts.add(st, CG + "stance", CG + "asserts")
    facts.add(st, PROV + "wasAttributedTo", f"urn:x-test:agent{n}")
    facts.add(st, PROV + "wasDerivedFrom", f"urn:x-test:source{n}")
    return facts


def moved(update: str, node: str) -> set[str]:
    """The summary properties of ``node`` an update deletes or inserts."""
    return {
        line.split()[1].strip("<>")[len(STATS) :]
        for line in update.splitlines()
        if line.startswith(f"<{node}> <{STATS}")
    }


def test_second_assertion_moves_only_the_changed_values() -> None:
    store = ox.Store()
    cache = CountCache()
    first = counts_update(store, Part(), Part.of(article(1)), cache)
    store.update(first)
    cache.commit()
    assert moved(first, CLAIM) >= {"statements", "denials", "contestScore"}  # all new
    second = counts_update(store, Part(), Part.of(article(2)), cache)
    assert moved(second, CLAIM) == {
        "statements",
        "assertions",
        "attributed",
        "sources",
        "claimants",
    }  # denials, disputes, contestScore stay 0: not rewritten


def test_values_after_many_writes_equal_a_recomputation() -> None:
    store = EmbeddedStore()
    for n in range(5):
        triples = [
            (URIRef(s), URIRef(p), URIRef(o))
            for s, sets in article(n).statements.items()
            for p, values in zip(
                (CG + "claim", CG + "stance", PROV + "wasAttributedTo", PROV + "wasDerivedFrom"),
                sets,
                strict=True,
            )
            for o in values
        ]
        store.replace_graph_triples(URIRef(f"urn:x-test:g{n}"), triples)
    query = f"SELECT ?p ?o WHERE {{ <{CLAIM}> ?p ?o FILTER STRSTARTS(STR(?p), '{STATS}') }}"
    kept = sorted((str(p), str(o)) for p, o in store.select(query))
    store.reindex()
    assert sorted((str(p), str(o)) for p, o in store.select(query)) == kept
    assert (STATS + "statements", "5") in kept and (STATS + "denials", "0") in kept
