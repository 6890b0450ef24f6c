"""At ingest: link new claims to claims already in the store, and date the statements.

:func:`link_claims` runs after :func:`kg.ingest.mapping.extraction_to_bundle`:

1. **Dates.** Each statement without a date gets the date expression in or nearest to its
   span (same sentence, :func:`kg.track.dates.nearest_date`) as ``date_text``; when the source
   has a publication date and the expression names one day, ``date`` is set too. Ranges ("in
   recent weeks") and vague counts keep the words only.
2. **Agents.** Each new claim gets ``schema:about`` for the registry agents its text names.
3. **Retrieval.** For each claim some statement asserts or accuses, only claims about the same
   agents or stating the same numbers are candidates; claims seen only in this article's own
   graph (a re-ingest) are left out. A claim with neither agents nor numbers is not matched.
   On the embedded store the claim index (:mod:`kg.track.index`) names the best
   :data:`TOP_K` by shared IDF-weighted keys (for all of an article's claims at once) and the
   store gives their texts (what ``track-claim-texts`` selects, by key lookups): the cost does
   not grow with the store. A remote store is asked for
   every claim about the agents (``track-claims-about``) or with the numbers
   (``track-claims-with-value``). :func:`index_claims` keeps the index up to date after each
   article is written.
4. **Decision.** The best-scoring stored claim (best over its texts in every language) is
   classified (:mod:`kg.track.match`). An ``exact`` match links: the new statements point to
   the stored claim IRI, the new claim is dropped, and its text is kept on the stored claim if
   that claim has no text in the new language yet. The link is recorded as a confirmed
   candidate (by ``kg ingest``) between the stored claim and the IRI the new claim would have
   had, so ``kg split`` can reject it; a rejected pair is never linked again. ``close`` and
   ``related`` matches become candidates for a person to confirm or reject.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Collection, Iterable
from functools import cache, lru_cache
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.curation.agents import AgentIndex, load_agents
from kg.ids import agent_iri
from kg.model import Bundle, Claim, Stance, Statement
from kg.namespace import CG, RDF, SDO
from kg.queries import load_query
from kg.store import EmbeddedStore, Store
from kg.store.terms import from_ox
from kg.track.dates import nearest_date, resolve
from kg.track.features import Signature, signature
from kg.track.index import ClaimIndex, claim_index
from kg.track.match import Kind, classify
from kg.track.records import (
    MATCHES_GRAPH,
    Candidate,
    candidate_lines,
    iter_candidate_triples,
    new_candidate,
)
from kg.track.score import Score, score

__all__ = [
    "INGEST_CURATOR",
    "RECORD_EVERY",
    "CandidateBuffer",
    "Writing",
    "claim_signatures",
    "date_statements",
    "index_claims",
    "link_claims",
    "prepare_bundle",
    "record_candidates",
    "sync_index",
]

_T = TypeVar("_T")

#: The name decisions taken automatically at ingest are recorded under.
INGEST_CURATOR = "kg ingest"
#: How many stored claims the claim index proposes for each new claim.
TOP_K = 50
#: Match candidates found at ingest are recorded this many at a time (:class:`CandidateBuffer`).
RECORD_EVERY = 500
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


def _strong_keys(sig: Signature) -> set[str]:
    """The index keys a candidate must share one of: agents and numbers."""
    return {f"a:{agent_iri(a)}" for a in sig.agents} | {
        f"v:{float(q[0])!r}" for q in sig.quantities
    }


def _tokens(text: str, lang: str) -> frozenset[str]:
    """The normalised words of a claim text (the same with any publication date)."""
    tokens = _TOKENS.get((text, lang))
    return tokens if tokens is not None else _signature(text, lang).tokens


_TOKENS: dict[tuple[str, str], frozenset[str]] = {}


def claim_keys(claim: Claim) -> set[str]:
    """The index keys of a claim: its agents, its numbers, the words of its texts."""
    keys = {f"a:{iri}" for iri in claim.about}
    keys |= {f"v:{float(q.value)!r}" for q in claim.quantities}
    for lang, text in claim.text.items():
        keys |= {f"w:{t}" for t in _tokens(text, lang)}
    return keys


def index_claims(store: Store, bundle: Bundle, version: str | None = None) -> None:
    """Put the claims of a written bundle in the store's claim index (embedded stores).
    ``version``: the version its graph will have once written (:class:`Writing`: indexed
    while the write is under way), else the graph's version in the store."""
    index = claim_index(store)
    if index is not None:
        held = store in _WRITING
        if version is None:
            version = store.graph_version(bundle.graph)  # type: ignore[attr-defined]
        index.replace(str(bundle.graph), {c.id: claim_keys(c) for c in bundle.claims}, version)
        generation: int = store.generation  # type: ignore[attr-defined]
        if not held and _SYNCED.get(store) == generation - 1:  # the only write since the sync
            _SYNCED[store] = generation  # type: ignore[index]
    _TOKENS.clear()


#: The write count (``EmbeddedStore.generation``) of each store when its index was last synced.
_SYNCED: weakref.WeakKeyDictionary[Store, int] = weakref.WeakKeyDictionary()
#: Stores an ingest writes in another thread while it links the next article (:class:`Writing`).
_WRITING: weakref.WeakKeyDictionary[Store, Writing] = weakref.WeakKeyDictionary()


def _index(store: Store) -> ClaimIndex | None:
    """The store's claim index, first brought up to date with graphs written since it was last
    synced in this process (:func:`sync_index`; not while an ingest keeps it in step itself,
    :class:`Writing`)."""
    index = claim_index(store)
    if (
        index is not None and store not in _WRITING and _SYNCED.get(store) != store.generation  # type: ignore[attr-defined]
    ):
        sync_index(store, index)
    return index


class Writing:
    """Linking the next article while the current one is written in another thread, with the
    answers linking would get if it were written already (``kg ingest --jobs N``,
    :mod:`kg.ingest.overlap`).

    While the block runs, the store's claim index is kept in step by the ingest itself: each
    article's claims go in before its write starts (:func:`index_claims` with the version the
    write will give), and its own writes (:meth:`write`) do not make linking re-read the index
    (:func:`sync_index`, which would drop a graph not written yet); another writer's do, once
    the writes under way have landed (:meth:`landed`). What linking reads of the
    store that the write under way changes is the texts of the candidates; :meth:`start` gives
    them from the lines being written, added to what the store answers (the same set whether
    the write has landed or not). The match records being written are answered the same way:
    :meth:`recording` gives the statuses of the candidates a flush is writing (those the store
    does not hold yet: :func:`record_candidates` writes only those). Every other read of
    linking cannot be changed by a new machine-made graph (:class:`kg.ingest.batch.Batch`
    makes the same argument).
    """

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        #: The texts in the graph being written: claim IRI -> (text, graph) pairs.
        self.texts: dict[str, set[tuple[Identifier, URIRef]]] = {}
        #: The statuses of the match candidates being recorded, by candidate IRI.
        self.statuses: dict[str, str] = {}
        #: The store's write count when the index was last known in step, and how many of the
        #: writes since were the ingest's own (:meth:`write`).
        self._start = 0
        self._own = 0

    def __enter__(self) -> Writing:
        _index(self.store)  # brought up to date once; the block keeps it so
        self._start, self._own = self.store.generation, 0
        _WRITING[self.store] = self
        return self

    def write(self, job: Callable[[], _T]) -> _T:
        """Run one of the ingest's own writes, counted as its own: :meth:`landed` tells another
        writer's (another thread's, or another process's through this one) by the count."""
        with self.store.alone():
            before = self.store.generation
            try:
                return job()
            finally:
                self._own += self.store.generation - before

    def __exit__(self, *_exc: object) -> None:
        _WRITING.pop(self.store, None)  # the next linking re-syncs what the block wrote

    def start(self, graph: URIRef, lines: Iterable[str]) -> None:
        """A write of ``graph`` (N-Triples ``lines``) is starting, or waits for the next group
        (:mod:`kg.ingest.overlap`): its texts are answered, with those of the other graphs
        not landed yet."""
        mark = f" <{SDO.text}> "
        data = "\n".join(text for text in lines if mark in text)
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
            if t.predicate.value == str(SDO.text):
                text = from_ox(t.object)
                assert text is not None
                self.texts.setdefault(str(from_ox(t.subject)), set()).add((text, graph))

    def recording(self, candidates: Iterable[Candidate]) -> None:
        """A flush of ``candidates`` is starting: their statuses are answered (the first of
        each pair's, as :func:`record_candidates` writes it)."""
        for c in candidates:
            self.statuses.setdefault(str(c.iri), c.status)

    def landed(self, keep: Collection[str] = ()) -> None:
        """The writes under way are in the store (none is under way now); ``keep``: the graphs
        linked but not written yet, whose texts are still answered. When another writer wrote
        meanwhile, the claim index re-reads what it changed (:func:`sync_index`), as the
        next linking would without an ingest keeping the index in step."""
        if keep:
            for claim in list(self.texts):
                left = {(text, g) for text, g in self.texts[claim] if str(g) in keep}
                if left:
                    self.texts[claim] = left
                else:
                    del self.texts[claim]
        else:
            self.texts.clear()
        self.statuses.clear()
        generation = self.store.generation
        if generation != self._start + self._own:
            sync_index(self.store, unwritten=keep)
        self._start, self._own = generation, 0


def sync_index(
    store: Store, index: ClaimIndex | None = None, unwritten: Collection[str] = ()
) -> int:
    """Bring the claim index of an embedded store up to date: re-read the keys of every graph
    whose version differs from the one it was indexed from (but for the graphs waiting for the
    link pass, :mod:`kg.ingest.linkpass`), forget graphs that are gone (but for ``unwritten``,
    indexed by an ingest before their write: :class:`Writing`).
    Return how many graphs were re-read."""
    index = index or claim_index(store)
    if index is None:
        return 0
    stored: dict[str, str] = store.graph_versions()  # type: ignore[attr-defined]
    known = index.versions()
    for graph in set(known) - set(stored) - set(unwritten):
        index.drop(graph)
    waiting = {g for g, _v in index.pending()}  # loaded, not linked yet: not candidates
    changed = sorted(g for g, v in stored.items() if known.get(g) != v and g not in waiting)
    if changed:
        bound = {"graph": tuple(URIRef(g) for g in changed)} if len(changed) <= 200 else {}
        keys = _stored_keys(store, bound)  # type: ignore[arg-type]
        for graph in changed:
            index.replace(graph, keys.get(graph, {}), stored[graph])
    _SYNCED[store] = store.generation  # type: ignore[index, attr-defined]
    return len(changed)


def _stored_keys(
    store: Store, bound: dict[str, tuple[URIRef, ...]]
) -> dict[str, dict[str, set[str]]]:
    """The index keys of the claims in the store, per graph (``bound``: only these graphs)."""
    graphs: dict[str, dict[str, set[str]]] = {}
    for claim, graph, kind, value in store.select(load_query("track-claim-keys").text, bound):  # type: ignore[arg-type]
        keys = graphs.setdefault(str(graph), {}).setdefault(str(claim), set())
        if str(kind) == "about":
            keys.add(f"a:{value}")
        elif str(kind) == "value" and isinstance(value, Literal):
            keys.add(f"v:{float(value.toPython())!r}")
        elif isinstance(value, Literal):
            keys |= {f"w:{t}" for t in _signature(str(value), value.language or "en").tokens}
    return graphs


def _fetch_texts(
    store: Store, claims: Iterable[str], cache: dict[tuple[str, str], list[tuple]]
) -> None:
    """Read the texts of the ``claims`` not in ``cache`` yet (key lookups on the embedded store,
    else one query)."""
    missing = tuple(
        dict.fromkeys(URIRef(c) for c in claims if ("track-claim-texts", c) not in cache)
    )
    if not missing:
        return
    for c in missing:
        cache[("track-claim-texts", str(c))] = []
    if isinstance(store, EmbeddedStore):  # what track-claim-texts selects, by key lookups
        writing = _WRITING.get(store)
        extra = writing.texts if writing is not None else {}
        for c in missing:
            found = {(text, g) for text, g in store.objects(c, SDO.text) if g is not None}
            found |= extra.get(str(c), set())
            rows = sorted(found, key=lambda row: (str(row[1]), row[0].n3()))
            cache[("track-claim-texts", str(c))] = [(c, text, g) for text, g in rows]
        return
    query = load_query("track-claim-texts").text
    for row in store.select(query, {"claim": missing}):  # type: ignore[dict-item]
        cache[("track-claim-texts", str(row[0]))].append(row)


def _prefetch(
    store: Store, sigs: Iterable[Signature], cache: dict[tuple[str, str], list[tuple]]
) -> None:
    """Ask the claim index for the candidates of every claim of an article at once, then read
    their texts (embedded stores)."""
    index = _index(store)
    if index is None:
        return
    sigs = list(sigs)
    asks: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for sig in sigs:
        memo, keys, strong = _top_key(sig)
        if memo not in cache:
            asks[memo] = (keys, strong)
    for memo, best in zip(asks, index.top_many(list(asks.values()), TOP_K), strict=True):
        cache[memo] = [(c,) for c in best]
    found: list[str] = []
    for sig in sigs:
        found += _top(index, sig, cache)
    _fetch_texts(store, found, cache)


_TOP = "claim-index-top"


#: One query for every agent (value) of an article, and the one-agent (one-value) query whose
#: rows it gives each: ``(combined, column, single, parameter)``.
_COMBINED = (
    ("track-claims-about-any", "agent", "track-claims-about", "agent"),
    ("track-claims-with-any-value", "value", "track-claims-with-value", "value"),
)


def _prefetch_each(
    store: Store, sigs: Iterable[Signature], cache: dict[tuple[str, str], list[tuple]]
) -> None:
    """Ask the store for the candidates of every agent and every number of an article's
    claims in one query each, filling ``cache`` as :func:`_stored`'s one query per agent and
    per number would (stores without a claim index: each query is a request to a server)."""
    wanted: dict[str, list[Identifier]] = {"agent": [], "value": []}
    for sig in sigs:
        wanted["agent"] += [agent_iri(a) for a in sorted(sig.agents)]
        wanted["value"] += [Literal(v) for v in sorted({q[0] for q in sig.quantities})]
    for combined, column, single, param in _COMBINED:
        terms = [t for t in dict.fromkeys(wanted[column]) if (single, str(t)) not in cache]
        if not terms:
            continue
        rows: dict[str, list[tuple]] = {str(t): [] for t in terms}
        numbers = {float(t.toPython()): str(t) for t in terms if isinstance(t, Literal)}
        answer = store.select(load_query(combined).text, {param: tuple(terms)})  # type: ignore[dict-item]
        for found, *row in answer:
            key = str(found)
            if isinstance(found, Literal):  # a number as the server writes it
                key = numbers.get(float(found.toPython()), key)
            rows.setdefault(key, []).append(tuple(row))
        for term in terms:
            cache[(single, str(term))] = rows[str(term)]


def _top_key(sig: Signature) -> tuple[tuple[str, str], set[str], set[str]]:
    """What the claim index is asked for ``sig``: (its memo in the cache, keys, strong keys)."""
    strong = _strong_keys(sig)
    keys = strong | {f"w:{t}" for t in sig.tokens}
    return (_TOP, " ".join(sorted(keys))), keys, strong


def _top(index: ClaimIndex, sig: Signature, cache: dict[tuple[str, str], list[tuple]]) -> list[str]:
    """The claim index's best candidates for ``sig`` (asked once per article and signature)."""
    memo, keys, strong = _top_key(sig)
    if memo not in cache:
        cache[memo] = [(c,) for c in index.top(keys, strong, TOP_K)]
    return [row[0] for row in cache[memo]]


def _stored(
    store: Store, sig: Signature, own_graph: str, cache: dict[tuple[str, str], list[tuple]]
) -> dict[str, list[Literal]]:
    """Stored claims sharing an agent or a number with ``sig``: claim IRI -> its texts."""
    index = _index(store)
    if index is not None:
        found = _top(index, sig, cache)
        _fetch_texts(store, found, cache)
        rows: list[tuple] = []
        for c in found:
            rows.extend(cache[("track-claim-texts", c)])
        return _texts(rows, own_graph)
    rows = []
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
    return _texts(rows, own_graph)


def _texts(rows: list[tuple], own_graph: str) -> dict[str, list[Literal]]:
    """Claim IRI -> texts, for claims with a text outside ``own_graph``."""
    texts: dict[str, list[Literal]] = {}
    foreign: set[str] = set()
    for claim, text, graph in rows:
        texts.setdefault(str(claim), [])
        if isinstance(text, Literal) and text not in texts[str(claim)]:
            texts[str(claim)].append(text)
        if str(graph) != own_graph:
            foreign.add(str(claim))
    return {c: t for c, t in texts.items() if c in foreign}


def _statuses(store: Store, matches: Iterable[URIRef]) -> dict[str, str]:
    """The status of each of ``matches`` in the store, or being recorded in it
    (:meth:`Writing.recording`)."""
    wanted = tuple(dict.fromkeys(matches))
    found = _stored_statuses(store, wanted)
    writing = _WRITING.get(store) if isinstance(store, EmbeddedStore) else None
    if writing is not None and writing.statuses:
        for match in wanted:
            if str(match) not in found and str(match) in writing.statuses:
                found[str(match)] = writing.statuses[str(match)]
    return found


def _stored_statuses(store: Store, matches: Iterable[URIRef]) -> dict[str, str]:
    """The status of each of ``matches`` already in the store, in one query."""
    wanted = tuple(dict.fromkeys(matches))
    if not wanted:
        return {}
    if isinstance(store, EmbeddedStore):  # what track-match-status selects, by key lookups
        found: dict[str, str] = {}
        for match in wanted:
            if any(o == CG.MatchCandidate for o, _g in store.objects(match, RDF.type)):
                for status, _g in store.objects(match, CG.matchStatus):
                    found[str(match)] = str(status)
        return found
    rows = store.select(load_query("track-match-status").text, {"match": wanted})  # type: ignore[dict-item]
    return {str(m): str(status) for m, status in rows}


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


def prepare_bundle(bundle: Bundle) -> Bundle:
    """What linking does that needs no store: the statements dated (:func:`date_statements`)
    and each claim about the registry agents its text names. A pure function of the article
    (``kg extract --format nquads`` writes its result); applying it twice changes nothing."""
    bundle = date_statements(bundle)
    index = _registry()
    lang = bundle.source.language
    claims = []
    for claim in bundle.claims:
        text = claim.text.get(lang) or claim.label()
        sig = _signature(text, lang)
        about = sorted(
            {*claim.about, *(str(agent_iri(a)) for a in sig.agents if str(agent_iri(a)) in index)}
        )
        claims.append(claim.model_copy(update={"about": about}))
    return bundle.model_copy(update={"claims": claims})


def claim_signatures(bundle: Bundle) -> dict[str, Signature]:
    """The signature of each claim of the bundle (a pure function: workers compute it)."""
    lang = bundle.source.language
    return {
        claim.id: signature(claim.text.get(lang) or claim.label(), lang, bundle.source.date)
        for claim in bundle.claims
    }


def link_claims(
    bundle: Bundle,
    store: Store,
    prepared: bool = False,
    signatures: dict[str, Signature] | None = None,
) -> tuple[Bundle, list[Candidate]]:
    """Link the bundle's claims to matching stored claims; return it and the candidates.
    ``prepared``: :func:`prepare_bundle` was applied already, and ``signatures`` are
    :func:`claim_signatures` of the prepared bundle (both computed in a worker process).

    The claims are decided in the order of their IRIs, so a bundle read back from the store
    (:mod:`kg.ingest.linkpass`) links as the one the extractor made."""
    if not prepared:
        bundle = prepare_bundle(bundle)
    lang = bundle.source.language
    own_graph = str(bundle.graph)
    asserted = {c for st in bundle.statements if st.stance in _ASSERTING for c in st.claims}
    cache: dict[tuple[str, str], list[tuple]] = {}
    relink: dict[str, str] = {}
    claims: list[Claim] = []
    candidates: list[Candidate] = []
    translated: set[str] = set()
    sigs = signatures if signatures is not None else claim_signatures(bundle)
    for claim in bundle.claims:
        _TOKENS[(claim.text.get(lang) or claim.label(), lang)] = sigs[claim.id].tokens
    wanted = [sigs[c.id] for c in bundle.claims if c.id in asserted]
    if _index(store) is None:
        _prefetch_each(store, wanted, cache)
    else:
        _prefetch(store, wanted, cache)
    found: list[tuple[Claim, str, Candidate | None, Kind]] = []
    for claim in sorted(bundle.claims, key=lambda c: c.id):
        sig = sigs[claim.id]
        best = (
            _best(sig, _stored(store, sig, own_graph, cache), claim.id)
            if claim.id in asserted
            else None
        )
        kind = classify(best[1]) if best else Kind.none
        if best is None or kind is Kind.none:
            found.append((claim, "", None, kind))
        else:
            made = new_candidate(best[0], claim.id, kind, best[1].value)
            found.append((claim, best[0], made, kind))
    statuses = _statuses(store, [c.iri for _, _, c, _ in found if c is not None])
    for claim, target, cand, kind in found:
        if cand is None:
            claims.append(claim)
            continue
        previous = statuses.get(str(cand.iri))
        if kind is Kind.exact and previous != "rejected":
            relink[claim.id] = target
            if previous is None:  # decided as it is made (records.decided_on_creation)
                cand.decide("confirmed", Kind.exact, INGEST_CURATOR, cand.created)
                candidates.append(cand)
            if target not in translated and not _has_lang(target, lang, own_graph, cache):
                translated.add(target)
                text = claim.text.get(lang) or claim.label()
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
    for key, rows in cache.items():
        if key[0] == _TOP:  # the claim index's answers, not text rows
            continue
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

    The new triples are added to the graph in one transaction (the embedded store's cost is
    that of the batch, whatever the graph's size); callers batch: see :class:`CandidateBuffer`.
    """
    unique = {c.iri: c for c in reversed(list(candidates))}
    known = _stored_statuses(store, unique)
    new = [c for c in unique.values() if str(c.iri) not in known]
    if not new:
        return 0
    add_lines = getattr(store, "add_lines", None)  # the embedded store: no rdflib term
    if add_lines is not None:
        add_lines(MATCHES_GRAPH, candidate_lines(new))
    else:
        store.add_triples(MATCHES_GRAPH, iter_candidate_triples(new))
    return len(new)


class CandidateBuffer:
    """Candidates found while ingesting many articles, written in batches.

    Rewriting the matches graph after every article would cost time in proportion to its size
    each time; the buffer writes it every ``size`` candidates and at :meth:`flush`. A run killed
    before a flush loses only records that ingesting the same articles again recreates (the
    links themselves are in the articles' graphs).
    """

    def __init__(self, store: Store, size: int | None = None) -> None:
        self.store = store
        self.size = size or RECORD_EVERY
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
