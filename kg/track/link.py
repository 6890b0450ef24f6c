"""At ingest: link new claims to claims already in the store, and date the statements.

:func:`link_claims` runs after :func:`kg.ingest.mapping.extraction_to_bundle`:

1. **Dates.** Each statement without a date gets the date expression in or nearest to its
   span (same sentence, :func:`kg.track.dates.nearest_date`) as ``date_text``; when the source
   has a publication date and the expression names one day, ``date`` is set too. Ranges ("in
   recent weeks") and vague counts keep the words only.
2. **Agents.** Each new claim gets ``schema:about`` for the registry agents its text names.
3. **Retrieval.** For each claim some statement asserts or accuses, the store is asked only for
   claims about the same agents (``track-claims-about``) or stating the same numbers
   (``track-claims-with-value``); claims seen only in this article's own graph (a re-ingest)
   are left out. A claim with neither agents nor numbers is not matched.
4. **Decision.** The best-scoring stored claim (best over its texts in every language) is
   classified (:mod:`kg.track.match`). An ``exact`` match links: the new statements point to
   the stored claim IRI, the new claim is dropped, and its text is kept on the stored claim if
   that claim has no text in the new language yet. The link is recorded as a confirmed
   candidate (by ``kg ingest``) between the stored claim and the IRI the new claim would have
   had, so ``kg split`` can reject it; a rejected pair is never linked again. ``close`` and
   ``related`` matches become candidates for a person to confirm or reject.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Identifier

from kg.curation.agents import AgentIndex, load_agents
from kg.ids import agent_iri
from kg.model import Bundle, Claim, Stance, Statement
from kg.queries import load_query
from kg.store import Store
from kg.track.dates import nearest_date, resolve
from kg.track.features import Signature, signature
from kg.track.match import Kind, classify
from kg.track.records import (
    MATCHES_GRAPH,
    Candidate,
    candidate_triples,
    load_graph,
    new_candidate,
    now,
)
from kg.track.score import Score, score

__all__ = [
    "INGEST_CURATOR",
    "CandidateBuffer",
    "date_statements",
    "link_claims",
    "record_candidates",
]

#: The name decisions taken automatically at ingest are recorded under.
INGEST_CURATOR = "kg ingest"
_ASSERTING = {Stance.asserts, Stance.accuses}


def date_statements(bundle: Bundle) -> Bundle:
    """The bundle with ``date_text`` (and ``date`` when resolvable) set on its statements."""
    source = bundle.source
    statements = []
    for st in bundle.statements:
        if st.date is None and st.date_text is None:
            pos = st.span.position
            expr = nearest_date(source.text, pos.start, pos.end, source.language)
            if expr is not None:
                resolved = resolve(expr.text, source.language, source.date)
                st = st.model_copy(update={"date_text": expr.text, "date": resolved.date})
        statements.append(st)
    return bundle.model_copy(update={"statements": statements})


@cache
def _registry() -> AgentIndex:
    """The shared agent registry, loaded once per process."""
    return AgentIndex(load_agents())


def _stored(
    store: Store, sig: Signature, own_graph: str, cache: dict[tuple[str, str], list[tuple]]
) -> dict[str, list[Literal]]:
    """Stored claims sharing an agent or a number with ``sig``: claim IRI -> its texts."""
    rows: list[tuple] = []
    asks: list[tuple[str, str, Identifier]] = [
        ("track-claims-about", "agent", agent_iri(a)) for a in sorted(sig.agents)
    ]
    asks += [
        ("track-claims-with-value", "value", Literal(v))
        for v in sorted({q[0] for q in sig.quantities})
    ]
    for name, param, value in asks:
        key = (name, str(value))
        if key not in cache:
            cache[key] = list(store.select(load_query(name).text, {param: value}))
        rows.extend(cache[key])
    texts: dict[str, list[Literal]] = {}
    foreign: set[str] = set()
    for claim, text, graph in rows:
        texts.setdefault(str(claim), [])
        if isinstance(text, Literal) and text not in texts[str(claim)]:
            texts[str(claim)].append(text)
        if str(graph) != own_graph:
            foreign.add(str(claim))
    return {c: t for c, t in texts.items() if c in foreign}


def _status(store: Store, match: URIRef) -> str | None:
    """The status of a match candidate already in the store, or None."""
    rows = store.select(load_query("track-match-status").text, {"match": match})
    return str(rows.rows[0][0]) if rows.rows else None


@lru_cache(maxsize=4096)
def _signature(text: str, lang: str) -> Signature:
    return signature(text, lang)


def _best(sig: Signature, stored: dict[str, list[Literal]], own: str) -> tuple[str, Score] | None:
    best: tuple[str, Score] | None = None
    for claim, texts in stored.items():
        if claim == own:
            continue
        for text in texts:
            s = score(sig, _signature(str(text), text.language or "en"))
            if best is None or s.value > best[1].value:
                best = (claim, s)
    return best


def link_claims(bundle: Bundle, store: Store) -> tuple[Bundle, list[Candidate]]:
    """Link the bundle's claims to matching stored claims; return it and the candidates."""
    bundle = date_statements(bundle)
    index = _registry()
    lang = bundle.source.language
    own_graph = str(bundle.graph)
    asserted = {c for st in bundle.statements if st.stance in _ASSERTING for c in st.claims}
    cache: dict[tuple[str, str], list[tuple]] = {}
    relink: dict[str, str] = {}
    claims: list[Claim] = []
    candidates: list[Candidate] = []
    translated: set[str] = set()
    for claim in bundle.claims:
        text = claim.text.get(lang) or claim.label()
        sig = signature(text, lang, bundle.source.date)
        about = sorted(
            {*claim.about, *(str(agent_iri(a)) for a in sig.agents if str(agent_iri(a)) in index)}
        )
        claim = claim.model_copy(update={"about": about})
        best = (
            _best(sig, _stored(store, sig, own_graph, cache), claim.id)
            if claim.id in asserted
            else None
        )
        kind = classify(best[1]) if best else Kind.none
        if best is None or kind is Kind.none:
            claims.append(claim)
            continue
        target, s = best
        cand = new_candidate(target, claim.id, kind, s.value)
        previous = _status(store, cand.iri)
        if kind is Kind.exact and previous != "rejected":
            relink[claim.id] = target
            if previous is None:
                cand.decide("confirmed", Kind.exact, INGEST_CURATOR, now())
                candidates.append(cand)
            if target not in translated and not _has_lang(target, lang, own_graph, cache):
                translated.add(target)
                claims.append(Claim(id=target, text={lang: text}))
            continue
        claims.append(claim)
        if previous is None:
            candidates.append(cand)
    statements = [_relinked(st, relink) for st in bundle.statements]
    return bundle.model_copy(update={"claims": claims, "statements": statements}), candidates


def _has_lang(
    claim: str, lang: str, own_graph: str, cache: dict[tuple[str, str], list[tuple]]
) -> bool:
    """Whether a stored claim has a text in ``lang`` outside this article's own graph."""
    for rows in cache.values():
        for row in rows:
            text, graph = row[1], row[2]
            if (
                str(row[0]) == claim
                and isinstance(text, Literal)
                and text.language == lang
                and str(graph) != own_graph
            ):
                return True
    return False


def _relinked(st: Statement, relink: dict[str, str]) -> Statement:
    if not any(c in relink for c in st.claims):
        return st
    return st.model_copy(update={"claims": sorted({relink.get(c, c) for c in st.claims})})


def record_candidates(store: Store, candidates: Iterable[Candidate]) -> int:
    """Add new candidates to the matches graph (ones already there are never overwritten).

    The graph is rewritten whole (one transaction), so callers batch: see
    :class:`CandidateBuffer`.
    """
    unique = {c.iri: c for c in reversed(list(candidates))}
    new = [c for c in unique.values() if _status(store, c.iri) is None]
    if not new:
        return 0
    graph = load_graph(store)
    ds = Dataset()
    target = ds.graph(MATCHES_GRAPH)
    for triple in graph:
        target.add(triple)
    for triple in candidate_triples(new):
        target.add(triple)
    store.replace_graphs(ds, [MATCHES_GRAPH])
    return len(new)


class CandidateBuffer:
    """Candidates found while ingesting many articles, written in batches.

    Rewriting the matches graph after every article would cost time in proportion to its size
    each time; the buffer writes it every ``size`` candidates and at :meth:`flush`. A run killed
    before a flush loses only records that ingesting the same articles again recreates (the
    links themselves are in the articles' graphs).
    """

    def __init__(self, store: Store, size: int = 500) -> None:
        self.store = store
        self.size = size
        self.pending: list[Candidate] = []

    def add(self, candidates: Iterable[Candidate]) -> None:
        """Keep ``candidates``; write the batch when it is full."""
        self.pending.extend(candidates)
        if len(self.pending) >= self.size:
            self.flush()

    def flush(self) -> int:
        """Write what is pending; return how many new candidates were recorded."""
        pending, self.pending = self.pending, []
        return record_candidates(self.store, pending)
