"""The claim index answers an article's claims together (``ClaimIndex.top_many``, a few queries
for all of them) as its definition says each one alone: checked against a plain reading of the
index's rows, with the caps (hub keys, rows read) small enough to bite."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kg.track.index as index_module
from kg.track.index import ClaimIndex

KEYS = [f"a:{n}" for n in range(4)] + [f"v:{n}" for n in range(3)] + [f"w:{n}" for n in range(8)]
CLAIMS = [f"urn:c{n}" for n in range(12)]

graphs = st.dictionaries(
    st.sampled_from([f"urn:g{n}" for n in range(6)]),
    st.dictionaries(st.sampled_from(CLAIMS), st.sets(st.sampled_from(KEYS), max_size=6)),
    max_size=6,
)
asks = st.lists(
    st.tuples(st.sets(st.sampled_from(KEYS), max_size=8), st.sets(st.sampled_from(KEYS[:7]))),
    max_size=6,
)


def reference(
    rows: list[tuple[str, str]], keys: set[str], strong: set[str], k: int, hub: int, cap: int
) -> list[str]:
    """One ask read off the index's (graph's claim, key) rows as :meth:`ClaimIndex.top_many`
    documents it."""
    if not strong:
        return []
    df = {key: sum(1 for _c, kk in rows if kk == key) for key in sorted(keys)}
    present = {key: n for key, n in df.items() if n > 0}
    finding = (
        sorted(key for key, n in present.items() if n <= hub)
        or sorted(present, key=present.__getitem__)[:1]
    )
    read = sorted((key, c) for c, key in rows if key in finding)[:cap]
    scores: dict[str, float] = {}
    for key, claim in read:
        scores[claim] = scores.get(claim, 0.0) + math.log(1 + 1_000_000 / present[key])
    ranked = sorted(scores, key=lambda c: (-scores[c], c))
    return [c for c in ranked if any((c, key) in rows for key in strong)][:k]


@given(graphs, asks, st.integers(1, 5))
def test_top_many_is_each_ask_by_its_definition(graphs, asks, k) -> None:  # type: ignore[no-untyped-def]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "HUB", 3)
        patch.setattr(index_module, "ROWS", 7)
        index = ClaimIndex(None)
        try:
            for graph, claims in graphs.items():
                index.replace(graph, claims)
            rows = [
                (c, key) for claims in graphs.values() for c, ks in claims.items() for key in ks
            ]
            expected = [reference(rows, keys, strong, k, 3, 7) for keys, strong in asks]
            assert index.top_many(asks, k) == expected
            assert [index.top(keys, strong, k) for keys, strong in asks] == expected
        finally:
            index.close()
