"""A person's decisions on matches: merge (confirm) and split (reject), recorded and reversible.

Both add a :class:`kg.track.records.Decision` (who, when, status, kind) to the pair's candidate
(creating it if no candidate existed) and rewrite the matches graph in one transaction. Nothing
in any source graph changes: a merge makes queries follow the pair's SKOS triple, a split
removes that triple (and stops ``kg ingest`` from linking the pair again). A split after a merge
undoes it; a merge after a split undoes that; the history keeps both.
"""

from __future__ import annotations

from rdflib import URIRef

from kg.errors import InputError
from kg.queries import load_query
from kg.store import Store
from kg.track.match import Kind
from kg.track.records import Candidate, load_candidates, match_iri, new_candidate, now
from kg.track.records import save_candidates as _save

__all__ = ["merge", "split"]


def _check(store: Store, a: URIRef, b: URIRef, by: str) -> dict[URIRef, Candidate]:
    if not by.strip():
        raise InputError("--by needs the name of the person deciding")
    if a == b:
        raise InputError("a claim cannot be merged with or split from itself")
    known = load_candidates(store)
    if match_iri(a, b) not in known:
        exists = load_query("track-claim-exists").text
        for claim in (a, b):
            if not store.ask(exists, {"claim": claim}):
                raise InputError(f"no claim {claim} in the store")
    return known


def merge(store: Store, a: URIRef, b: URIRef, by: str, kind: Kind = Kind.exact) -> Candidate:
    """Confirm that ``a`` and ``b`` match (exact: the same claim; close: the same claim worded
    differently or by another claimant; related: a related claim)."""
    if kind is Kind.none:
        raise InputError("a merge needs a kind: exact, close or related")
    known = _check(store, a, b, by)
    cand = known.get(match_iri(a, b)) or new_candidate(str(a), str(b), kind, None)
    cand.decide("confirmed", kind, by.strip(), now())
    known[cand.iri] = cand
    _save(store, known.values())
    return cand


def split(store: Store, a: URIRef, b: URIRef, by: str) -> Candidate:
    """Reject a match between ``a`` and ``b``: they are not the same claim."""
    known = _check(store, a, b, by)
    cand = known.get(match_iri(a, b)) or new_candidate(str(a), str(b), Kind.exact, None)
    cand.decide("rejected", cand.kind, by.strip(), now())
    known[cand.iri] = cand
    _save(store, known.values())
    return cand
