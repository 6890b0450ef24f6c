"""The bulk load's summaries summed in a temporary SQLite file instead of memory.

:func:`kg.store.counts.summary_lines` sums every graph's :class:`~kg.store.counts.Part` in
dictionaries: per claim, per agent, per pair node (one per claim and source or claimant) and
per label key, which grow with the corpus (at 10M triples they held several hundred MB). Here
each graph's part goes to SQLite tables in batches, and the totals come back through ``GROUP
BY`` queries, whose sorts SQLite bounds in memory and spills to disk; the lines are the same
(:func:`kg.store.counts.emit_summaries`, a test compares them with ``summary_lines``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from kg.store.counts import Part, emit_summaries

__all__ = ["SpilledSums"]

_TABLES = (
    "CREATE TABLE claims (iri TEXT NOT NULL, a INTEGER, b INTEGER, c INTEGER, d INTEGER,"
    " e INTEGER)",
    "CREATE TABLE agents (iri TEXT NOT NULL, n INTEGER, d INTEGER)",
    "CREATE TABLE labelled (iri TEXT NOT NULL)",
    "CREATE TABLE keys (node TEXT NOT NULL, key TEXT NOT NULL)",
    "CREATE TABLE pairs (iri TEXT NOT NULL, claim TEXT NOT NULL, slot INTEGER, n INTEGER)",
)
_INSERT = {
    "claims": "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?)",
    "agents": "INSERT INTO agents VALUES (?, ?, ?)",
    "labelled": "INSERT INTO labelled VALUES (?)",
    "keys": "INSERT INTO keys VALUES (?, ?)",
    "pairs": "INSERT INTO pairs VALUES (?, ?, ?, ?)",
}
#: Per claim its five sums and its numbers of distinct sources (slot 5) and claimants (6):
#: the pair nodes whose count is positive.
_CLAIMS = """
WITH totals AS (
  SELECT iri, SUM(a) a, SUM(b) b, SUM(c) c, SUM(d) d, SUM(e) e FROM claims GROUP BY iri),
distinct_pairs AS (
  SELECT claim, SUM(slot = 5) sources, SUM(slot = 6) claimants FROM (
    SELECT claim, slot FROM pairs GROUP BY iri HAVING SUM(n) > 0) GROUP BY claim)
SELECT t.iri, t.a, t.b, t.c, t.d, t.e, IFNULL(p.sources, 0), IFNULL(p.claimants, 0)
FROM totals t LEFT JOIN distinct_pairs p ON p.claim = t.iri
"""
#: Every agent or labelled node that is no claim, with its statements and denials.
_AGENTS = """
SELECT iri, SUM(n), SUM(d) FROM (
  SELECT iri, n, d FROM agents UNION ALL SELECT iri, 0, 0 FROM labelled)
WHERE iri NOT IN (SELECT iri FROM claims) GROUP BY iri ORDER BY iri
"""
_PAIRS = "SELECT iri, SUM(n) FROM pairs GROUP BY iri"
_KEYS = "SELECT DISTINCT node, key FROM keys"


class SpilledSums:
    """Sums graphs' :class:`Part` s in the SQLite file ``path`` (:meth:`add`), then gives
    the summary lines (:meth:`lines`) as :func:`kg.store.counts.summary_lines` would."""

    BATCH = 50_000

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-16384",
                       "temp_store=FILE"):  # fmt: skip
            self._db.execute(f"PRAGMA {pragma}")
        for table in _TABLES:
            self._db.execute(table)
        self._rows: dict[str, list[tuple[object, ...]]] = {name: [] for name in _INSERT}
        self._count = 0

    def add(self, part: Part) -> None:
        """Add one graph's contribution."""
        rows = self._rows
        rows["claims"].extend((claim, *sums) for claim, sums in part.claims.items())
        rows["agents"].extend((agent, n, d) for agent, (n, d) in part.agents.items())
        rows["labelled"].extend((node,) for node in part.labelled)
        rows["keys"].extend(part.keys)
        rows["pairs"].extend((iri, *part.pair_of[iri], n) for iri, n in part.pairs.items())
        self._count = sum(len(r) for r in rows.values())
        if self._count >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the batch of rows to the file."""
        if not self._count:
            return
        self._db.execute("BEGIN")
        for name, rows in self._rows.items():
            if rows:
                self._db.executemany(_INSERT[name], rows)
                rows.clear()
        self._db.execute("COMMIT")
        self._count = 0

    def lines(self) -> Iterator[str]:
        """Every summary triple but the graph versions and dates, as N-Triples lines."""
        self.flush()
        self._db.execute("CREATE INDEX claims_iri ON claims(iri)")

        def rows(query: str) -> Iterator[tuple]:  # type: ignore[type-arg]
            yield from self._db.execute(query)

        yield from emit_summaries(
            ((r[0], r[1:6], r[6], r[7]) for r in rows(_CLAIMS)),
            rows(_AGENTS),
            rows(_PAIRS),
            rows(_KEYS),
        )

    def close(self) -> None:
        self._db.close()
