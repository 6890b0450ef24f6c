"""The embedded store's summary counts, kept up to date by difference: flat cost per write.

Recomputing the counts of every claim and agent a graph touches (``stats-*.ru``) reads every
statement of each: a hub agent (the United States) or a claim repeated by every article makes
each write cost more as the store grows. The embedded store instead subtracts the old graph's
contribution and adds the new one's, in the same update (one transaction) as the graph. The
figures are the same as ``stats-*.ru``/``stats-all.ru`` give:

* a claim's ``statements`` (distinct statements), ``assertions``, ``denials``, ``disputes`` and
  ``attributed`` are sums over the rows of the four-pattern join, which add up graph by graph
  (a statement lives in one graph);
* its ``sources`` and ``claimants`` are distinct counts: the store keeps, per (claim, source)
  and (claim, claimant) pair, how many rows name it (``cgs:pairCount`` on a pair node in the
  default graph), and a count moves when a pair appears or disappears;
* an agent's ``statements`` and ``denials`` are sums, rewritten (zero included) for the agents
  a write touches (claimants or labelled, in the old or the new graph), as ``stats-*.ru`` does;
* a node's lower-cased labels and aliases (``cgs:key``, what the one-agent queries look up) are
  added when a graph gives them and removed when the last graph giving them goes.

:func:`summary_lines` gives the same triples for a whole store from the graphs' parts at once
(the bulk load's single pass, :mod:`kg.store.bulk`).

Every summary is recomputed from the graphs at once by ``EmbeddedStore.reindex`` (and on opening
a store written before pair nodes or label keys existed: :func:`needs_rebuild`) through
:func:`summary_lines`. The writer holds the store's lock, so what is read before the update is
what the update changes.

>>> facts = Facts()
>>> facts.add("urn:st", CG + "claim", "urn:c")
>>> facts.add("urn:st", CG + "stance", CG + "denies")
>>> facts.add("urn:st", PROV + "wasAttributedTo", "urn:a")
>>> facts.add("urn:st", PROV + "wasDerivedFrom", "urn:src")
>>> part = Part.of(facts)
>>> part.claims["urn:c"], part.agents["urn:a"]
([1, 0, 1, 0, 1], [1, 1])
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.store.binding import term_text
from kg.store.sparql import template
from kg.store.writes import STATS

__all__ = [
    "VERSION",
    "CountCache",
    "Facts",
    "Part",
    "counts_update",
    "digest",
    "emit_summaries",
    "graph_facts",
    "iri_text",
    "key_line",
    "line",
    "needs_rebuild",
    "summary_lines",
    "version_line",
]

CG = "https://w3id.org/claimgraph/ns#"
PROV = "http://www.w3.org/ns/prov#"
LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
_CLAIM, _STANCE, _WHO, _SRC = (
    CG + "claim",
    CG + "stance",
    PROV + "wasAttributedTo",
    PROV + ("wasDerivedFrom"),
)
_WATCHED = (_CLAIM, _STANCE, _WHO, _SRC, LABEL, ALT_LABEL)
_ASSERTING = {CG + "asserts", CG + "supports", CG + "accuses"}
_DENIES, _DISPUTES = CG + "denies", CG + "disputes"
#: Claim row: statements, assertions, denials, disputes, attributed (then sources, claimants).
_CLAIM_KEYS = ("statements", "assertions", "denials", "disputes", "attributed")
_PAIR_COUNT = STATS + "pairCount"
#: A node's label or alias, lower-cased (``LCASE``): how the one-agent queries find an agent
#: through an index instead of a case-folded scan of every label.
KEY = STATS + "key"
#: A named graph's version (a digest of what was written), changed by every write: how indexes
#: kept outside the store (the claim index) see which graphs changed since they last looked.
VERSION = STATS + "version"


def pair_iri(claim: str, kind: str, node: str) -> str:
    """The pair node counting rows of ``claim`` with one source or claimant ``node``."""
    digest = hashlib.sha1(f"{claim}\n{kind}\n{node}".encode(), usedforsecurity=False).hexdigest()
    return f"urn:x-claimgraph:pair:{digest}"


@dataclass
class Facts:
    """What the counts need from one graph: per statement its claims, stances, claimants and
    sources (IRIs), the nodes with a label, and each node's lower-cased labels and aliases."""

    statements: dict[str, tuple[set[str], set[str], set[str], set[str]]] = field(
        default_factory=dict
    )
    labelled: set[str] = field(default_factory=set)
    keys: set[tuple[str, str]] = field(default_factory=set)

    def add(self, s: str, p: str, o: str | None, text: str | None = None) -> None:
        """Take one triple (``o`` None when it is not an IRI; ``text`` a literal's lexical
        form, read for labels only)."""
        if p == LABEL or p == ALT_LABEL:
            if p == LABEL:
                self.labelled.add(s)
            if text is not None:
                self.keys.add((s, text.lower()))
            return
        if o is None or p not in _WATCHED:
            return
        sets = self.statements.get(s)
        if sets is None:
            sets = self.statements[s] = (set(), set(), set(), set())
        sets[(_CLAIM, _STANCE, _WHO, _SRC).index(p)].add(o)


@dataclass
class Part:
    """One graph's contribution to the counts."""

    claims: dict[str, list[int]] = field(default_factory=dict)
    agents: dict[str, list[int]] = field(default_factory=dict)
    pairs: Counter[str] = field(default_factory=Counter)
    pair_of: dict[str, tuple[str, int]] = field(default_factory=dict)
    labelled: set[str] = field(default_factory=set)
    keys: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def of(cls, facts: Facts) -> Part:
        """The contribution of the graph ``facts`` describe (the rows ``stats-*.ru`` joins)."""
        part = cls(labelled=set(facts.labelled), keys=set(facts.keys))
        for claims, stances, whos, srcs in facts.statements.values():
            for who in whos:
                for stance in stances:
                    row = part.agents.setdefault(who, [0, 0])
                    row[0] += 1
                    row[1] += stance == _DENIES
            rows = [(st, w, s) for st in stances for w in whos for s in srcs]
            if not rows:
                continue
            for claim in claims:
                c = part.claims.setdefault(claim, [0, 0, 0, 0, 0])
                c[0] += 1
                for stance, who, src in rows:
                    c[1] += stance in _ASSERTING
                    c[2] += stance == _DENIES
                    c[3] += stance == _DISPUTES
                    c[4] += who != src
                    for slot, node in ((5, src), (6, who)):
                        iri = pair_iri(claim, "src" if slot == 5 else "who", node)
                        part.pairs[iri] += 1
                        part.pair_of[iri] = (claim, slot)
        return part

    @classmethod
    def total(cls, parts: Iterable[Part]) -> Part:
        """The contribution of several graphs at once: the rows add up graph by graph (a
        statement lives in one graph), the labels and keys are united."""
        total = cls()
        for part in parts:
            for claim, sums in part.claims.items():
                row = total.claims.setdefault(claim, [0] * 5)
                for i, v in enumerate(sums):
                    row[i] += v
            for agent, sums in part.agents.items():
                row = total.agents.setdefault(agent, [0, 0])
                row[0] += sums[0]
                row[1] += sums[1]
            total.pairs.update(part.pairs)
            total.pair_of.update(part.pair_of)
            total.labelled |= part.labelled
            total.keys |= part.keys
        return total


def graph_facts(store: ox.Store, graph: str) -> Facts:
    """The facts of one named graph as stored (empty when it is not there)."""
    facts = Facts()
    g = ox.NamedNode(graph)
    for p in _WATCHED:
        for q in store.quads_for_pattern(None, ox.NamedNode(p), None, g):
            o = q.object
            facts.add(
                str(q.subject.value),  # type: ignore[union-attr]
                p,
                o.value if isinstance(o, ox.NamedNode) else None,
                o.value if isinstance(o, ox.Literal) else None,
            )
    return facts


def _default(store: ox.Store, subject: str) -> Iterator[ox.Quad]:
    return store.quads_for_pattern(ox.NamedNode(subject), None, None, ox.DefaultGraph())


def _int(term: object) -> int:
    try:
        return int(getattr(term, "value", "0"))
    except ValueError:
        return 0


_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


@lru_cache(maxsize=1 << 18)
def iri_text(value: str) -> str:
    """An IRI as SPARQL/N-Triples text, checked (:func:`term_text`); cached."""
    return term_text(URIRef(value))


def line(s: Node, p: Node, o: Node) -> str:
    """One triple as an N-Triples line (IRIs and literals only, escaped)."""
    return (
        f"{iri_text(s) if type(s) is URIRef else term_text(s)} {iri_text(p)} "
        f"{iri_text(o) if type(o) is URIRef else term_text(o)} ."
    )


def _triple(s: str, p: str, o: int) -> str:
    return f'{iri_text(s)} {iri_text(p)} "{int(o)}"^^<{_INTEGER}> .'


def version_line(graph: str, version: str) -> str:
    """The N-Triples line giving named graph ``graph`` its version."""
    return f"{iri_text(graph)} {iri_text(VERSION)} {term_text(Literal(version))} ."


def digest(data: str) -> str:
    """A version for what was written: 20 hex digits of its SHA-1."""
    return hashlib.sha1(data.encode("utf-8"), usedforsecurity=False).hexdigest()[:20]


def key_line(node: str, key: str) -> str:
    """The N-Triples line giving ``node`` the lower-cased label ``key``."""
    return f"{iri_text(node)} {iri_text(KEY)} {term_text(Literal(key))} ."


def _key_elsewhere(store: ox.Store, node: str, key: str, graph: str | None) -> bool:
    """True when a named graph other than ``graph`` still gives ``node`` the label ``key``."""
    subject = ox.NamedNode(node)
    for p in (LABEL, ALT_LABEL):
        for q in store.quads_for_pattern(subject, ox.NamedNode(p), None, None):
            g = q.graph_name
            if (
                isinstance(g, ox.NamedNode)
                and g.value != graph
                and isinstance(q.object, ox.Literal)
                and q.object.value.lower() == key
            ):
                return True
    return False


class CountCache:
    """The counts as the store holds them, remembered between writes by the one writer.

    Reading a count that every article changes (a hub claim or agent) scans past the deleted
    versions RocksDB still keeps until it compacts: a cost that grows with the number of
    writes. The writer holds the store's lock, so what it wrote is what the store holds:
    :meth:`commit` after a successful write, :meth:`reset` after a failed one or a rebuild.
    """

    LIMIT = 200_000

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, int]] = {}
        self.pairs: dict[str, int] = {}
        self._rows: dict[str, dict[str, int]] = {}
        self._pairs: dict[str, int] = {}

    def row(self, store: ox.Store, node: str) -> dict[str, int]:
        """The summary values of ``node`` (claim or agent) by local name."""
        values = self.rows.get(node)
        if values is None:
            values = {}
            for q in _default(store, node):
                if q.predicate.value.startswith(STATS) and q.predicate.value != KEY:
                    values[q.predicate.value[len(STATS) :]] = _int(q.object)
        return values

    def pair(self, store: ox.Store, iri: str) -> int:
        """The row count of one pair node (0 when it is not there)."""
        count = self.pairs.get(iri)
        if count is None:
            count = 0
            pattern = (ox.NamedNode(iri), ox.NamedNode(_PAIR_COUNT), None, ox.DefaultGraph())
            for q in store.quads_for_pattern(*pattern):
                count = _int(q.object)
        return count

    def stage(self, rows: dict[str, dict[str, int]], pairs: dict[str, int]) -> None:
        """Remember what the next write will leave in the store."""
        self._rows, self._pairs = rows, pairs

    def commit(self) -> None:
        """The staged write succeeded."""
        if len(self.rows) + len(self.pairs) > self.LIMIT:
            self.rows.clear()
            self.pairs.clear()
        self.rows.update(self._rows)
        self.pairs.update(self._pairs)
        self._rows, self._pairs = {}, {}

    def reset(self) -> None:
        """Forget everything (after a failed write, a rebuild or a bulk load)."""
        self.__init__()  # type: ignore[misc]


def _changed(
    node: str, was: dict[str, int], row: dict[str, int], deleted: list[str], inserted: list[str]
) -> None:
    """The lines moving ``node``'s summary values from ``was`` to ``row``: only the values
    that change (a hub claim's denials, disputes and contest score mostly stay: rewriting
    them cost as much as the article's own triples, and left RocksDB a tombstone each)."""
    for k, v in was.items():
        if row.get(k) != v:
            deleted.append(_triple(node, STATS + k, v))
    for k, v in row.items():
        if was.get(k) != v:
            inserted.append(_triple(node, STATS + k, v))


def counts_update(
    store: ox.Store,
    old: Part,
    new: Part,
    cache: CountCache | None = None,
    graph: str | None = None,
) -> str:
    """The update replacing ``old``'s contribution (graph ``graph`` as stored) with ``new``'s
    (``counts.ru``); what it leaves is staged in ``cache``."""
    cache = cache or CountCache()
    deleted: list[str] = []
    inserted: list[str] = []
    inserted.extend(key_line(n, k) for n, k in sorted(new.keys - old.keys))
    deleted.extend(
        key_line(n, k)
        for n, k in sorted(old.keys - new.keys)
        if not _key_elsewhere(store, n, k, graph)
    )
    staged_rows: dict[str, dict[str, int]] = {}
    staged_pairs: dict[str, int] = {}
    claims = set(old.claims) | set(new.claims)
    agents = (set(old.agents) | set(new.agents) | old.labelled | new.labelled) - claims
    current: dict[str, dict[str, int]] = {}
    for node in claims | agents:
        current[node] = cache.row(store, node)
    distinct: Counter[tuple[str, int]] = Counter()
    for iri in set(old.pairs) | set(new.pairs):
        before = cache.pair(store, iri)
        if before:
            deleted.append(_triple(iri, _PAIR_COUNT, before))
        after = before - old.pairs[iri] + new.pairs[iri]
        staged_pairs[iri] = max(after, 0)
        if after > 0:
            inserted.append(_triple(iri, _PAIR_COUNT, after))
        if (before > 0) != (after > 0):
            distinct[(old.pair_of.get(iri) or new.pair_of[iri])] += 1 if after > 0 else -1
    for claim in claims:
        was = current[claim]
        o, n = old.claims.get(claim, [0] * 5), new.claims.get(claim, [0] * 5)
        row = {k: was.get(k, 0) - o[i] + n[i] for i, k in enumerate(_CLAIM_KEYS)}
        if row["statements"] <= 0:
            staged_rows[claim] = {}
            deleted.extend(_triple(claim, STATS + k, v) for k, v in was.items())
            continue
        row["sources"] = was.get("sources", 0) + distinct[(claim, 5)]
        row["claimants"] = was.get("claimants", 0) + distinct[(claim, 6)]
        a, contest = row["assertions"], row["denials"] + row["disputes"]
        row["contestScore"] = contest if a > 0 and contest > 0 else 0
        staged_rows[claim] = row
        _changed(claim, was, row, deleted, inserted)
    for agent in agents:
        was = current[agent]
        o, n = old.agents.get(agent, [0, 0]), new.agents.get(agent, [0, 0])
        row = {
            "statements": was.get("statements", 0) - o[0] + n[0],
            "denials": was.get("denials", 0) - o[1] + n[1],
        }
        staged_rows[agent] = row
        _changed(agent, was, row, deleted, inserted)
    cache.stage(staged_rows, staged_pairs)
    return (
        template("counts.ru")
        .replace("{OLD}", "\n".join(deleted))
        .replace("{NEW}", "\n".join(inserted))
    )


def _any(store: ox.Store, predicate: str, graph: ox.DefaultGraph | None) -> bool:
    return any(True for _ in store.quads_for_pattern(None, ox.NamedNode(predicate), None, graph))


def needs_rebuild(store: ox.Store) -> bool:
    """True for a store with claim counts but no pair nodes, or with labels but no label keys
    (written before they existed): every claim with counts has at least one (claim, source)
    pair, every label a key."""
    default = ox.DefaultGraph()
    if _any(store, STATS + "sources", default) and not _any(store, _PAIR_COUNT, default):
        return True
    return _any(store, LABEL, None) and not _any(store, KEY, default)


def summary_lines(parts: Iterable[Part]) -> Iterator[str]:
    """Every summary triple (counts, pair nodes, label keys) of a store whose named graphs
    contribute ``parts``: what writing them one by one leaves (and, but for the pair nodes, what
    ``stats-all.ru`` computes on a remote server), without a query: the bulk load's single pass
    and ``reindex``. Blank nodes (``_:`` names) get none."""
    total = Part.total(parts)
    claims, agents, pairs, pair_of = total.claims, total.agents, total.pairs, total.pair_of
    labelled, keys = total.labelled, total.keys
    distinct: Counter[tuple[str, int]] = Counter(pair_of[iri] for iri, n in pairs.items() if n)
    others = sorted((set(agents) | labelled) - set(claims))
    yield from emit_summaries(
        ((claim, counts, distinct[(claim, 5)], distinct[(claim, 6)])
         for claim, counts in claims.items()),
        ((agent, n[0], n[1]) for agent in others for n in (agents.get(agent, [0, 0]),)),
        pairs.items(),
        keys,
    )  # fmt: skip


def emit_summaries(
    claims: Iterable[tuple[str, Sequence[int], int, int]],
    agents: Iterable[tuple[str, int, int]],
    pairs: Iterable[tuple[str, int]],
    keys: Iterable[tuple[str, str]],
) -> Iterator[str]:
    """The summary triples of totals summed over every graph: per claim its five sums (in
    ``_CLAIM_KEYS``'s order) with its numbers of distinct sources and claimants; per agent that
    is no claim its statements and denials; per pair node its count; the label keys.
    (:func:`summary_lines` sums in memory, the bulk load in a SQLite file.)"""
    for claim, counts, sources, claimants in claims:
        if counts[0] <= 0 or claim.startswith("_:"):
            continue
        row = dict(zip(_CLAIM_KEYS, counts, strict=True))
        row["sources"], row["claimants"] = sources, claimants
        contest = row["denials"] + row["disputes"]
        row["contestScore"] = contest if row["assertions"] > 0 and contest > 0 else 0
        yield from (_triple(claim, STATS + k, v) for k, v in row.items())
    for agent, n, d in agents:
        if agent.startswith("_:"):
            continue
        yield _triple(agent, STATS + "statements", n)
        yield _triple(agent, STATS + "denials", d)
    yield from (_triple(iri, _PAIR_COUNT, n) for iri, n in pairs if n > 0)
    yield from (key_line(n, k) for n, k in keys if not n.startswith("_:"))
