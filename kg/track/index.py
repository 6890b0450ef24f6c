"""Candidate retrieval for claim linking that does not grow with the store: a key index.

Asking the store for every claim about the same agent (``track-claims-about``) returns, for a
hub such as the United States, every claim about it: the cost of linking one article would grow
with the store. The embedded store instead keeps a small SQLite index beside it
(``<store>.claims.sqlite``; in memory for an in-memory store) of each claim's keys, per named
graph: its agents (``schema:about``), its numbers (``v:`` + value) and the normalised words of
its texts (:func:`kg.track.features.signature`, the same across languages through the lexicon).
A new claim asks for the ``k`` stored claims sharing the most IDF-weighted keys among those that
share an agent or a number with it (as before), then the store for those claims' texts only.

The index is written by ``kg ingest`` after each article's graph. Every other writer (``kg
build``, the importers, ``kg retract``, Graph Store writes, another process) changes a graph's
version (``EmbeddedStore.graph_version``); before linking, :func:`kg.track.link.sync_index`
compares the versions the index was built from with the store's and re-reads only the graphs
that changed, appeared or went. A remote store (:mod:`kg.store.remote`) keeps the SPARQL
retrieval.

>>> index = ClaimIndex(None)
>>> index.replace("urn:g1", {"urn:c1": {"a:urn:us", "w:kirim", "w:senjata"}})
>>> index.replace("urn:g2", {"urn:c2": {"a:urn:ru", "w:kirim"}})
>>> index.top({"a:urn:us", "w:kirim"}, {"a:urn:us"}, 5)
['urn:c1']
"""

from __future__ import annotations

import math
import threading
import weakref
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from kg.store import EmbeddedStore
from kg.store.sidecar import open_sidecar

__all__ = ["ClaimIndex", "claim_index", "index_path"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS keys (graph TEXT NOT NULL, claim TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS keys_key ON keys(key, claim);
CREATE INDEX IF NOT EXISTS keys_graph ON keys(graph);
CREATE INDEX IF NOT EXISTS keys_claim ON keys(claim, key);
CREATE TABLE IF NOT EXISTS df (key TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS versions (graph TEXT PRIMARY KEY, version TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pending (seq INTEGER PRIMARY KEY, graph TEXT NOT NULL UNIQUE,
    version TEXT NOT NULL);
"""
#: A key held by more claims than this is not used to find candidates (it still has to be
#: shared: an agent every article names finds nothing the rarer keys do not).
HUB = 500
#: At most this many (claim, key) rows are read per lookup (in index order): the cost is flat.
ROWS = 4000


#: Values per ``IN (...)`` list of one query.
_CHUNK = 500

#: IDF is log(1 + _SCALE / n): a constant in place of the claim count (which would cost a scan).
_SCALE = 1_000_000


def index_path(store_path: Path) -> Path:
    """Where the claim index of the store in ``store_path`` lives: beside it."""
    return store_path.with_name(store_path.name + ".claims.sqlite")


def _ranked(finding: list[str], weight: dict[str, float], rows: dict[str, list[str]]) -> list[str]:
    """The claims of the first :data:`ROWS` rows of the ``finding`` keys (in key order), by
    their summed ``weight`` of those rows, best first (then by IRI)."""
    scores: dict[str, float] = {}
    left = ROWS
    for key in finding:
        claims = rows.get(key, [])[:left]
        w = weight[key]
        for claim in claims:
            scores[claim] = scores.get(claim, 0.0) + w
        left -= len(claims)
        if left <= 0:
            break
    return sorted(scores, key=lambda c: (-scores[c], c))


class ClaimIndex:
    """Claim keys per named graph in SQLite (``path``), or in memory when ``path`` is None."""

    def __init__(self, path: Path | None) -> None:
        self._lock = threading.Lock()
        self._db = open_sidecar(path, _SCHEMA, "claim index")

    def _delete(self, graph: str) -> None:
        self._db.execute(
            "UPDATE df SET n = n - (SELECT COUNT(*) FROM keys k"
            " WHERE k.graph = ? AND k.key = df.key)"
            " WHERE key IN (SELECT key FROM keys WHERE graph = ?)",
            (graph, graph),
        )
        self._db.execute("DELETE FROM keys WHERE graph = ?", (graph,))

    def _insert(self, graph: str, claims: Mapping[str, Iterable[str]]) -> None:
        rows = [(graph, claim, key) for claim, keys in claims.items() for key in set(keys)]
        self._db.executemany("INSERT INTO keys(graph, claim, key) VALUES (?, ?, ?)", rows)
        self._db.executemany(
            "INSERT INTO df(key, n) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET n = n + 1",
            [(key,) for _g, _c, key in rows],
        )

    def replace(
        self, graph: str, claims: Mapping[str, Iterable[str]], version: str | None = None
    ) -> None:
        """Replace the keys of ``graph`` with ``claims`` (claim IRI -> keys), indexed from the
        graph's ``version`` (:meth:`kg.store.EmbeddedStore.graph_version`); a graph waiting
        for the link pass is no longer waiting."""
        with self._lock, self._db:
            self._db.execute("DELETE FROM pending WHERE graph = ?", (graph,))
            self._delete(graph)
            self._insert(graph, claims)
            self._db.execute("DELETE FROM versions WHERE graph = ?", (graph,))
            if version is not None:
                self._db.execute("INSERT INTO versions VALUES (?, ?)", (graph, version))

    def add_pending(self, graphs: Iterable[tuple[str, str]]) -> None:
        """Mark ``graphs`` ((graph, version) pairs, in order) as loaded but not linked yet
        (:mod:`kg.ingest.linkpass`): they are not indexed until the link pass takes them. A
        graph already waiting keeps its place and takes the new version."""
        with self._lock, self._db:
            self._db.executemany(
                "INSERT INTO pending(graph, version) VALUES (?, ?)"
                " ON CONFLICT(graph) DO UPDATE SET version = excluded.version",
                list(graphs),
            )

    def pending(self) -> list[tuple[str, str]]:
        """The graphs waiting for the link pass, in load order, with their loaded versions."""
        with self._lock:
            return self._db.execute("SELECT graph, version FROM pending ORDER BY seq").fetchall()

    def done(self, graph: str) -> None:
        """``graph`` is no longer waiting for the link pass."""
        with self._lock, self._db:
            self._db.execute("DELETE FROM pending WHERE graph = ?", (graph,))

    def drop(self, graph: str) -> None:
        """Forget ``graph`` (no longer in the store)."""
        with self._lock, self._db:
            self._delete(graph)
            self._db.execute("DELETE FROM versions WHERE graph = ?", (graph,))

    def versions(self) -> dict[str, str]:
        """The version each indexed graph was indexed from."""
        with self._lock:
            return dict(self._db.execute("SELECT graph, version FROM versions").fetchall())

    def rebuild(self, graphs: Mapping[str, Mapping[str, Iterable[str]]]) -> None:
        """Replace the whole index (no versions: the next sync reads every graph again); the
        graphs waiting for the link pass keep waiting."""
        with self._lock, self._db:
            self._db.execute("DELETE FROM keys")
            self._db.execute("DELETE FROM df")
            self._db.execute("DELETE FROM versions")
            for graph, claims in graphs.items():
                self._insert(graph, claims)

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM keys").fetchone()[0])

    def empty(self) -> bool:
        """True when no claim is indexed (a constant-time check)."""
        with self._lock:
            return self._db.execute("SELECT 1 FROM keys LIMIT 1").fetchone() is None

    def top(self, keys: set[str], strong: set[str], k: int) -> list[str]:
        """The ``k`` claims with the highest summed IDF of shared ``keys`` that share at least
        one of ``strong`` (agents, numbers), best first."""
        return self.top_many([(keys, strong)], k)[0]

    def top_many(self, asks: Sequence[tuple[set[str], set[str]]], k: int) -> list[list[str]]:
        """:meth:`top` of each ``(keys, strong)`` of ``asks`` (an article's claims), in a few
        queries for all of them instead of three or more for each.

        For each ask: the keys it finds by are those it shares with at most :data:`HUB`
        claims (else the rarest one); the first :data:`ROWS` (key, claim) rows of those keys
        in (key, claim) order are scored; the claims, best first, that share one of its
        ``strong`` keys are kept, ``k`` at most."""
        with self._lock:
            wanted = {key for keys, strong in asks if strong for key in keys}
            df: dict[str, int] = {
                str(key): int(n)
                for key, n in self._in("SELECT key, n FROM df WHERE key IN ({})", sorted(wanted))
            }
            plans: list[tuple[list[str], dict[str, float]] | None] = []
            common: set[str] = set()  # finding keys held by at most HUB claims
            rare: set[str] = set()  # the rarest of hub keys, when an ask has nothing else
            for keys, strong in asks:
                present = {key: df[key] for key in sorted(keys) if df.get(key, 0) > 0}
                if not strong or not present:
                    plans.append(None)
                    continue
                finding = sorted(key for key, n in present.items() if n <= HUB)
                common.update(finding)
                if not finding:  # only hub keys: take the rarest, capped
                    finding = sorted(present, key=present.__getitem__)[:1]
                    rare.update(finding)
                weight = {key: math.log(1 + _SCALE / n) for key, n in present.items()}
                plans.append((finding, weight))
            rows: dict[str, list[str]] = {}
            query = "SELECT key, claim FROM keys WHERE key IN ({}) ORDER BY key, claim"
            for key, claim in self._in(query, sorted(common)):
                rows.setdefault(key, []).append(claim)
            for key in sorted(rare - common):  # a hub key: only the rows an ask can read
                found = self._db.execute(
                    "SELECT claim FROM keys WHERE key = ? ORDER BY key, claim LIMIT ?", (key, ROWS)
                )
                rows[key] = [claim for (claim,) in found]
            ranked_all: list[list[str]] = []
            for plan in plans:
                ranked_all.append([] if plan is None else _ranked(plan[0], plan[1], rows))
            # which strong keys a ranked claim holds: read off the rows of the common keys
            # (all of their rows were read), asked for the others (hub keys)
            strong_all = {key for _keys, strong in asks for key in strong}
            holders = {key: set(rows.get(key, ())) for key in strong_all & common}
            others = sorted(strong_all - common)
            holds: dict[str, set[str]] = {}  # claim -> the other strong keys it holds
            self._holding([c for ranked in ranked_all for c in ranked[:200]], others, holds)
            out: list[list[str]] = []
            for (_keys, strong), ranked in zip(asks, ranked_all, strict=True):
                mine: list[str] = []
                held = [holders[key] for key in strong if key in holders]
                for start in range(0, len(ranked), 200):
                    chunk = ranked[start : start + 200]
                    self._holding(chunk, others, holds)
                    mine.extend(c for c in chunk if holds[c] & strong or any(c in h for h in held))
                    if len(mine) >= k:
                        break
                out.append(mine[:k])
            return out

    def _in(self, query: str, values: Sequence[str], *more: str) -> list[tuple[str, ...]]:
        """The rows of ``query`` (its ``IN ({})`` filled with ``values``, then ``more``),
        asked :data:`_CHUNK` values at a time."""
        found: list[tuple[str, ...]] = []
        for start in range(0, len(values), _CHUNK):
            chunk = values[start : start + _CHUNK]
            text = query.format(",".join("?" * len(chunk)), ",".join("?" * len(more)))
            found.extend(self._db.execute(text, [*chunk, *more]).fetchall())
        return found

    def _holding(
        self, claims: Iterable[str], strong: list[str], holds: dict[str, set[str]]
    ) -> None:
        """Note in ``holds`` which of ``strong`` each of ``claims`` not noted yet holds."""
        missing = sorted({c for c in claims if c not in holds})
        for claim in missing:
            holds[claim] = set()
        if not missing or not strong:
            return
        query = "SELECT DISTINCT claim, key FROM keys WHERE claim IN ({}) AND key IN ({})"
        for claim, key in self._in(query, missing, *strong):
            holds[claim].add(key)

    def close(self) -> None:
        """Close the SQLite connection."""
        with self._lock:
            self._db.close()


_INDEXES: weakref.WeakKeyDictionary[EmbeddedStore, ClaimIndex] = weakref.WeakKeyDictionary()


def claim_index(store: object) -> ClaimIndex | None:
    """The claim index of an embedded store (opened on first use), None for other stores."""
    if not isinstance(store, EmbeddedStore) or store.read_only:
        return None
    index = _INDEXES.get(store)
    if index is None:
        path = None if store.path is None else index_path(store.path)
        index = _INDEXES[store] = ClaimIndex(path)
    return index
