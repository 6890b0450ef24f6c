"""Match candidates written at ingest as N-Triples text (``candidate_lines``, no rdflib term)
are the lines of their triples (``iter_candidate_triples``), in the same order; candidates read
back from the store are the ones written."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.store import EmbeddedStore
from kg.store.counts import line
from kg.track.match import Kind
from kg.track.records import (
    STATUSES,
    Candidate,
    candidate_lines,
    iter_candidate_triples,
    load_candidates,
    save_candidates,
)

claims = st.sampled_from([f"https://w3id.org/claimgraph/id/claim/c{n}" for n in range(5)])
kinds = st.sampled_from([Kind.exact, Kind.close, Kind.related])
times = st.datetimes(
    min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)
candidate = st.builds(
    Candidate,
    a=claims,
    b=claims,
    kind=kinds,
    score=st.none() | st.floats(0, 1) | st.floats(allow_nan=False, allow_infinity=False),
    status=st.sampled_from(STATUSES),
    created=times,
)
decisions = st.lists(
    st.tuples(st.sampled_from(STATUSES), kinds, st.text(min_size=1, max_size=12), times),
    max_size=3,
)


@given(st.lists(st.tuples(candidate, decisions), max_size=4))
def test_candidate_lines_are_the_lines_of_the_candidate_triples(made) -> None:  # type: ignore[no-untyped-def]
    candidates = []
    for c, taken in made:
        for status, kind, by, at in taken:
            c.decide(status, kind, by, at)
        candidates.append(c)
    expected = [line(s, p, o) for s, p, o in iter_candidate_triples(candidates)]
    assert candidate_lines(candidates) == expected


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(candidate, decisions, st.booleans()), max_size=4))
def test_candidates_read_back_as_written(made) -> None:  # type: ignore[no-untyped-def]
    """Whether a candidate's decisions are nodes or, for one taken as it was made, on the
    candidate itself (decided_on_creation), the store gives them back as they were."""
    written: dict[str, Candidate] = {}
    for c, taken, on_creation in made:
        if c.a == c.b:
            continue
        if on_creation:  # as kg ingest decides a link
            c.decide("confirmed", c.kind, "kg ingest", c.created)
        for status, kind, by, at in taken:
            c.decide(status, kind, f"Curator {len(by)}", at)  # one name per curator IRI
        written.setdefault(str(c.iri), c)
    store = EmbeddedStore()
    save_candidates(store, written.values())
    back = {str(iri): c for iri, c in load_candidates(store).items()}
    assert back.keys() == written.keys()
    for iri, c in written.items():
        got = back[iri]
        assert (got.status, got.kind, got.created) == (c.status, c.kind, c.created)
        assert [(d.status, d.kind, d.by, d.at) for d in got.decisions] == [
            (d.status, d.kind, d.by, d.at) for d in c.decisions
        ]
