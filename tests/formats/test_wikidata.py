"""Known agents carry their Wikidata QIDs as owl:sameAs links in the built graph."""

from __future__ import annotations

import pytest
from rdflib import Dataset

from kg.ids import agent_iri, wikidata_iri
from kg.namespace import OWL
from kg.store import EmbeddedStore

KNOWN = {
    "united-states": "Q30",
    "russia": "Q159",
    "north-korea": "Q423",
    "vladimir-putin": "Q7747",
    "kim-jong-un": "Q56226",
    "sergey-lavrov": "Q193397",
}


@pytest.mark.parametrize(("slug", "qid"), sorted(KNOWN.items()))
def test_agent_has_wikidata_link(dataset: Dataset, slug: str, qid: str) -> None:
    triples = list(dataset.quads((agent_iri(slug), OWL.sameAs, None, None)))
    assert [t[2] for t in triples] == [wikidata_iri(qid)]


def test_links_are_queryable_in_the_store(store: EmbeddedStore) -> None:
    # What users federate with Wikidata (see README "Formats"): agent -> QID.
    rows = store.select(
        "SELECT ?agent ?wd WHERE { ?agent owl:sameAs ?wd . "
        'FILTER STRSTARTS(STR(?wd), "http://www.wikidata.org/entity/") }'
    )
    found = {str(a).rsplit("/", 1)[-1]: str(w).rsplit("/", 1)[-1] for a, w in rows}
    assert KNOWN.items() <= found.items()
