"""Known agents carry their Wikidata QIDs in the built graph: people and organisations as
owl:sameAs, governments as cg:governmentOf their country's item (a state is not its government)."""

from __future__ import annotations

import pytest
from rdflib import Dataset

from kg.ids import agent_iri, wikidata_iri
from kg.namespace import CG, OWL
from kg.store import EmbeddedStore

KNOWN = {
    "united-states": "Q30",
    "russia": "Q159",
    "north-korea": "Q423",
    "vladimir-putin": "Q7747",
    "kim-jong-un": "Q56226",
    "sergey-lavrov": "Q193397",
}


GOVERNMENTS = {"united-states", "russia", "north-korea"}


@pytest.mark.parametrize(("slug", "qid"), sorted(KNOWN.items()))
def test_agent_has_wikidata_link(dataset: Dataset, slug: str, qid: str) -> None:
    same = [q[2] for q in dataset.quads((agent_iri(slug), OWL.sameAs, None, None))]
    governs = [q[2] for q in dataset.quads((agent_iri(slug), CG.governmentOf, None, None))]
    if slug in GOVERNMENTS:  # the government of the country, never the country itself
        assert same == [] and governs == [wikidata_iri(qid)]
    else:
        assert same == [wikidata_iri(qid)] and governs == []


def test_links_are_queryable_in_the_store(store: EmbeddedStore) -> None:
    # What users federate with Wikidata (see docs/reference/formats.md): agent -> QID.
    rows = store.select(
        "SELECT ?agent ?wd WHERE { ?agent owl:sameAs|cg:governmentOf ?wd . "
        'FILTER STRSTARTS(STR(?wd), "http://www.wikidata.org/entity/") }'
    )
    found = {str(a).rsplit("/", 1)[-1]: str(w).rsplit("/", 1)[-1] for a, w in rows}
    assert KNOWN.items() <= found.items()
