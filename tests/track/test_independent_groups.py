"""Independent source groups: the grouping compares each source with the groups formed so far,
and must give exactly the connected components of "same outlet or near-duplicate text" that
comparing every pair gives (checked against that definition on generated sources)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.track.timeline import (
    NEAR_DUPLICATE,
    SourceGroups,
    _outlet,
    independent_groups,
    shingles,
)

WORDS = [f"w{i}" for i in range(10)]


def every_pair(sources: list[tuple[str, str | None, str | None, str]]) -> list[list[str]]:
    """The definition: union every pair with the same outlet or near-duplicate words."""
    group = {s: {s} for s, *_ in sources}
    sh = {s: shingles(text) for s, _, _, text in sources}

    def join(x: str, y: str) -> None:
        merged = group[x] | group[y]
        for member in merged:
            group[member] = merged

    names = [s for s, *_ in sources]
    for i, (x, px, ux, _) in enumerate(sources):
        for y, py, uy, _ in sources[i + 1 :]:
            outlet = _outlet(px, ux)
            a, b = sh[x], sh[y]
            near = bool(a and b) and len(a & b) / len(a | b) >= NEAR_DUPLICATE
            if near or (outlet is not None and outlet == _outlet(py, uy)):
                join(x, y)
    out: list[list[str]] = []
    seen: set[str] = set()
    for s in names:
        if s not in seen:
            members = [m for m in names if m in group[s]]
            seen.update(members)
            out.append(members)
    return out


texts = st.one_of(
    st.just("w1 w2 w3 w4 w5 w6 w7 w8 w9"),  # a wire story, often copied whole
    st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join),
)
rows = st.lists(
    st.tuples(st.sampled_from([None, None, "Wire", "wire", "Daily"]), texts), max_size=12
).map(lambda items: [(f"s{i:02d}", pub, None, text) for i, (pub, text) in enumerate(items)])


@settings(max_examples=400, deadline=None)
@given(rows)
def test_groups_are_those_of_comparing_every_pair(sources) -> None:
    assert independent_groups(sources) == every_pair(sources)


@settings(max_examples=300, deadline=None)
@given(rows, st.lists(st.integers(min_value=0, max_value=12), max_size=4), st.randoms())
def test_groups_added_to_in_steps_are_those_of_comparing_every_pair(sources, cuts, rnd) -> None:
    """Sources added in several steps, in any order (as a kept timeline adds the sources of
    each new view: kg.track.kept), give the groups of comparing every pair."""
    shuffled = list(sources)
    rnd.shuffle(shuffled)
    groups = SourceGroups()
    edges = [0, *sorted(cuts), len(shuffled)]
    for lo, hi in pairwise(edges):
        groups.add(shuffled[lo:hi])
        groups.groups()  # asked between steps, as a page does
    assert groups.groups() == every_pair(sources)
    assert len(groups) == len(sources)


def test_copies_of_one_story_are_one_group() -> None:
    story = " ".join(f"w{i % 9} x{i}" for i in range(60))
    sources = [(f"s{i:04d}", None, None, f"By reporter {i}. {story}") for i in range(300)]
    assert independent_groups(sources) == [[s for s, *_ in sources]]
