"""Match candidates and decisions, kept in the named graph ``…/id/graph/matches``.

One :class:`Candidate` per unordered pair of claims (IRI ``…/id/match/<hash of the pair>``), a
reified ``cg:MatchCandidate`` (``rdf:subject``, ``rdf:predicate`` = the SKOS mapping property,
``rdf:object``) with its score, its current status and every ``cg:MatchDecision`` taken on it:
who decided (``prov:wasAttributedTo`` a curator ``…/id/curator/<slug>`` with the name as its
label) and when (``prov:generatedAtTime``). While a candidate is *confirmed* the graph also
holds the plain SKOS triple between the two claims, which queries follow.

``merge`` confirms, ``split`` rejects; both add a decision and never delete one, so the history
stays and a split undoes a merge (and a merge a split). Source graphs are never touched.

A candidate whose only decision was taken as it was made, giving it its status and kind (the
links ``kg ingest`` makes itself, one for every claim of an article that matches a stored one
exactly), carries that decision on its own node: ``prov:wasAttributedTo`` the curator, the
decision's time being the candidate's ``prov:generatedAtTime``, and no ``cg:MatchDecision``
node (:func:`decided_on_creation`). That is 9 triples a link instead of 14; the readers
(:func:`load_candidates`, ``track-candidates.rq``) read it as that one decision.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Dataset, Graph, Literal, URIRef

from kg.namespace import CG, CGID, PROV, RDF, SKOS, XSD
from kg.queries import load_query
from kg.store import Store
from kg.store.base import Triples
from kg.store.binding import term_text
from kg.store.counts import iri_text
from kg.track.match import Kind

__all__ = [
    "MATCHES_GRAPH",
    "STATUSES",
    "Candidate",
    "Decision",
    "candidate_lines",
    "candidate_triples",
    "curator_iri",
    "decided_on_creation",
    "iter_candidate_triples",
    "load_candidates",
    "load_graph",
    "match_iri",
    "new_candidate",
    "now",
    "save_candidates",
]

#: The named graph holding matches between claims.
MATCHES_GRAPH = CGID["graph/matches"]
STATUSES = ("candidate", "confirmed", "rejected")


@lru_cache(maxsize=1 << 14)
def match_iri(a: str, b: str) -> URIRef:
    """The IRI of the candidate for a pair of claims, whatever their order."""
    key = "\n".join(sorted((a, b)))
    return CGID[f"match/{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"]


def curator_iri(name: str) -> URIRef:
    """The IRI of a person (or program) deciding on matches, from their name."""
    slug = "".join(c if c.isalnum() else "-" for c in name.strip().lower()).strip("-")
    return CGID[f"curator/{slug or 'anonymous'}"]


@dataclass
class Decision:
    """One decision on a candidate."""

    status: str
    kind: Kind
    by: str
    at: dt.datetime


@dataclass
class Candidate:
    """A possible match between claims ``a`` and ``b`` (a before b in IRI order)."""

    a: str
    b: str
    kind: Kind
    score: float | None
    status: str
    created: dt.datetime
    decisions: list[Decision] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return match_iri(self.a, self.b)

    def decide(self, status: str, kind: Kind, by: str, at: dt.datetime) -> None:
        """Record a decision; the candidate takes its status and kind."""
        self.decisions.append(Decision(status, kind, by, at))
        self.status = status
        self.kind = kind

    @property
    def decided_by(self) -> str | None:
        """Who took the latest decision."""
        return self.decisions[-1].by if self.decisions else None

    @property
    def decided_at(self) -> dt.datetime | None:
        """When the latest decision was taken."""
        return self.decisions[-1].at if self.decisions else None


def decided_on_creation(c: Candidate) -> bool:
    """Whether ``c``'s only decision was taken when it was made and gave it its status and
    kind: then the decision is written on the candidate itself (no ``cg:MatchDecision``)."""
    if len(c.decisions) != 1:
        return False
    d = c.decisions[0]
    return d.at == c.created and d.status == c.status and d.kind == c.kind


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _time(value: dt.datetime) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.dateTime)


def candidate_triples(candidates: Iterable[Candidate]) -> Graph:
    """The triples of ``candidates``: reified candidates, decisions, curators, SKOS links."""
    g = Graph()
    for triple in iter_candidate_triples(candidates):
        g.add(triple)
    return g


def iter_candidate_triples(
    candidates: Iterable[Candidate],
) -> Iterator[tuple[URIRef, URIRef, URIRef | Literal]]:
    """The triples of :func:`candidate_triples`, streamed (no rdflib graph: faster)."""
    g = _Sink()
    curators: dict[URIRef, str] = {}
    for c in candidates:
        node = c.iri
        g.add((node, RDF.type, CG.MatchCandidate))
        g.add((node, RDF.subject, URIRef(c.a)))
        g.add((node, RDF.object, URIRef(c.b)))
        g.add((node, RDF.predicate, c.kind.skos))  # type: ignore[arg-type]
        g.add((node, CG.matchStatus, Literal(c.status)))
        g.add((node, PROV.generatedAtTime, _time(c.created)))
        if c.score is not None:
            g.add((node, CG.matchScore, Literal(float(c.score), datatype=XSD.double)))
        if decided_on_creation(c):
            who = curator_iri(c.decisions[0].by)
            curators[who] = c.decisions[0].by
            g.add((node, PROV.wasAttributedTo, who))
        for i, d in enumerate([] if decided_on_creation(c) else c.decisions, 1):
            dn = URIRef(f"{node}#decision-{i}")
            who = curator_iri(d.by)
            curators[who] = d.by
            g.add((node, CG.decision, dn))
            g.add((dn, RDF.type, CG.MatchDecision))
            g.add((dn, CG.matchStatus, Literal(d.status)))
            g.add((dn, RDF.predicate, d.kind.skos))  # type: ignore[arg-type]
            g.add((dn, PROV.wasAttributedTo, who))
            g.add((dn, PROV.generatedAtTime, _time(d.at)))
        if c.status == "confirmed":
            g.add((URIRef(c.a), c.kind.skos, URIRef(c.b)))  # type: ignore[arg-type]
    for who, name in curators.items():
        g.add((who, RDF.type, PROV.Agent))
        g.add((who, SKOS.prefLabel, Literal(name, lang="und")))
    return iter(g.triples)


def candidate_lines(candidates: Iterable[Candidate]) -> list[str]:
    """The N-Triples lines of :func:`iter_candidate_triples`, in its order, written as text
    (no rdflib term: the candidates of every article are written at ingest)."""
    out: list[str] = []
    curators: dict[str, str] = {}
    rdf_type, subject, obj, predicate = (
        iri_text(str(t)) for t in (RDF.type, RDF.subject, RDF.object, RDF.predicate)
    )
    status_p, at_p, score_p, decision_p = (
        iri_text(str(t)) for t in (CG.matchStatus, PROV.generatedAtTime, CG.matchScore, CG.decision)
    )
    by_p = iri_text(str(PROV.wasAttributedTo))
    for c in candidates:
        node, a, b = iri_text(str(c.iri)), iri_text(c.a), iri_text(c.b)
        out += [
            f"{node} {rdf_type} {_CANDIDATE} .",
            f"{node} {subject} {a} .",
            f"{node} {obj} {b} .",
            f"{node} {predicate} {_skos(c.kind)} .",
            f"{node} {status_p} {_plain(c.status)} .",
            f"{node} {at_p} {_time_text(c.created)} .",
        ]
        if c.score is not None:
            out.append(f'{node} {score_p} "{float(c.score)!r}"^^<{XSD.double}> .')
        if decided_on_creation(c):
            who = str(curator_iri(c.decisions[0].by))
            curators[who] = c.decisions[0].by
            out.append(f"{node} {by_p} {iri_text(who)} .")
        for i, d in enumerate([] if decided_on_creation(c) else c.decisions, 1):
            dn = iri_text(f"{c.iri}#decision-{i}")
            who = str(curator_iri(d.by))
            curators[who] = d.by
            out += [
                f"{node} {decision_p} {dn} .",
                f"{dn} {rdf_type} {_DECISION} .",
                f"{dn} {status_p} {_plain(d.status)} .",
                f"{dn} {predicate} {_skos(d.kind)} .",
                f"{dn} {by_p} {iri_text(who)} .",
                f"{dn} {at_p} {_time_text(d.at)} .",
            ]
        if c.status == "confirmed":
            out.append(f"{a} {_skos(c.kind)} {b} .")
    for who, name in curators.items():
        out.append(f"{iri_text(who)} {rdf_type} {iri_text(str(PROV.Agent))} .")
        label = term_text(Literal(name, lang="und"))
        out.append(f"{iri_text(who)} {iri_text(str(SKOS.prefLabel))} {label} .")
    return out


_CANDIDATE = iri_text(str(CG.MatchCandidate))
_DECISION = iri_text(str(CG.MatchDecision))


def _skos(kind: Kind) -> str:
    return iri_text(str(kind.skos))


@lru_cache(maxsize=64)
def _plain(text: str) -> str:
    return term_text(Literal(text))


def _time_text(value: dt.datetime) -> str:
    """:func:`_time` as N-Triples (an ISO date and time needs no escape)."""
    return f'"{value.isoformat()}"^^<{XSD.dateTime}>'


class _Sink:
    """Collects triples with the ``add`` of an rdflib graph."""

    def __init__(self) -> None:
        self.triples: list[tuple[URIRef, URIRef, URIRef | Literal]] = []

    def add(self, triple: tuple[URIRef, URIRef, URIRef | Literal]) -> None:
        self.triples.append(triple)


def _datetime(term: object) -> dt.datetime:
    if isinstance(term, Literal) and isinstance(term.toPython(), dt.datetime):
        value: dt.datetime = term.toPython()
        return value
    return dt.datetime.fromisoformat(str(term))


def load_graph(store: Store) -> Graph:
    """The matches graph as it is in the store (empty if there is none)."""
    answer = store.execute(load_query("track-matches-graph").text, {"graph": MATCHES_GRAPH})
    g = Graph()
    if isinstance(answer, Triples):
        for triple in answer:
            g.add(triple)
    return g


def load_candidates(store: Store) -> dict[URIRef, Candidate]:
    """Every candidate in the store, by IRI, with its decisions in order."""
    g = load_graph(store)
    out: dict[URIRef, Candidate] = {}
    for node in g.subjects(RDF.type, CG.MatchCandidate):
        score = g.value(node, CG.matchScore)
        cand = Candidate(
            a=str(g.value(node, RDF.subject)),
            b=str(g.value(node, RDF.object)),
            kind=Kind.from_skos(str(g.value(node, RDF.predicate))),
            score=float(str(score)) if score is not None else None,
            status=str(g.value(node, CG.matchStatus)),
            created=_datetime(g.value(node, PROV.generatedAtTime)),
        )
        decisions = sorted(
            g.objects(node, CG.decision), key=lambda d: int(str(d).rsplit("-", 1)[-1])
        )
        own = g.value(node, PROV.wasAttributedTo)
        if not decisions and own is not None:  # decided as it was made (decided_on_creation)
            by = g.value(own, SKOS.prefLabel)
            cand.decide(cand.status, cand.kind, str(by) if by is not None else "", cand.created)
        for dn in decisions:
            who = g.value(dn, PROV.wasAttributedTo)
            cand.decisions.append(
                Decision(
                    status=str(g.value(dn, CG.matchStatus)),
                    kind=Kind.from_skos(str(g.value(dn, RDF.predicate))),
                    by=str(g.value(who, SKOS.prefLabel)) if who is not None else "",
                    at=_datetime(g.value(dn, PROV.generatedAtTime)),
                )
            )
        out[cand.iri] = cand
    return out


def save_candidates(store: Store, candidates: Iterable[Candidate]) -> None:
    """Rewrite the matches graph with ``candidates``, in one transaction."""
    ds = Dataset()
    graph = ds.graph(MATCHES_GRAPH)
    for triple in candidate_triples(candidates):
        graph.add(triple)
    store.replace_graphs(ds, [MATCHES_GRAPH])


def new_candidate(a: str, b: str, kind: Kind, score: float | None) -> Candidate:
    """A fresh candidate for claims ``a`` and ``b`` (stored in IRI order)."""
    first, second = sorted((a, b))
    return Candidate(first, second, kind, score, "candidate", _now())


def now() -> dt.datetime:
    """The current time in UTC, to the second (the time decisions are recorded with)."""
    return _now()
