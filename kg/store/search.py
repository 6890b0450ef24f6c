"""The full-text index kept beside the embedded store: SQLite FTS5, ranked with bm25.

It holds claim texts (every language), the exact quotes of statements, and agent labels and
aliases, one row per text, tagged with the named graph it came from so that replacing or
retracting a source updates it in the same write path. User text is never FTS5 syntax: each
word becomes a quoted prefix term.

>>> index = SearchIndex(None)
>>> index.replace("urn:g", [("claim", "urn:c", "", "Korea Utara mengirim kontainer", "id")])
>>> [h.iri for h in index.search("kontainer")]
['urn:c']
>>> index.search('") OR 1=1 --')
[]
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import QueryError
from kg.store.sidecar import open_sidecar

__all__ = ["Doc", "Hit", "SearchIndex", "fts_query"]

#: One indexed text: kind (claim | quote | agent), the IRI it belongs to, the claim a quote is
#: about ("" otherwise), the text, its language tag.
Doc = tuple[str, str, str, str, str]

_WORD = re.compile(r"\w+", re.UNICODE)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
  id INTEGER PRIMARY KEY, graph TEXT NOT NULL, kind TEXT NOT NULL, iri TEXT NOT NULL,
  about TEXT NOT NULL, text TEXT NOT NULL, lang TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS docs_graph ON docs(graph);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
  text, content='docs', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
"""


@dataclass(frozen=True)
class Hit:
    """One search result: the best-ranked text of one resource."""

    kind: str
    iri: str
    about: str
    text: str
    lang: str
    score: float


def fts_query(text: str) -> str:
    """User text as an FTS5 query: every word must occur (as a word prefix).

    >>> fts_query('Korea "utara" OR x*')
    '"korea"* "utara"* "or"* "x"*'
    """
    words = _WORD.findall(text.lower())
    return " ".join(f'"{w}"*' for w in words)


class SearchIndex:
    """An FTS5 index in ``path`` (a SQLite file), or in memory when ``path`` is None."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = open_sidecar(path, _SCHEMA, "search index")

    def replace(self, graph: str, docs: Iterable[Doc]) -> None:
        """Replace every row of ``graph`` with ``docs`` in one transaction."""
        with self._lock, self._db:
            self._delete(graph)
            self._insert((graph, *doc) for doc in docs)

    def drop(self, graph: str) -> None:
        """Remove every row of ``graph``."""
        with self._lock, self._db:
            self._delete(graph)

    def rebuild(self, rows: Iterable[tuple[str, str, str, str, str, str]]) -> None:
        """Replace the whole index with ``rows`` (graph, kind, iri, about, text, lang)."""
        with self._lock, self._db:
            self._db.execute("DELETE FROM docs")
            self._db.execute("INSERT INTO fts(fts) VALUES ('delete-all')")
            self._insert(rows)

    def _delete(self, graph: str) -> None:
        self._db.execute(
            "INSERT INTO fts(fts, rowid, text) SELECT 'delete', id, text FROM docs WHERE graph = ?",
            (graph,),
        )
        self._db.execute("DELETE FROM docs WHERE graph = ?", (graph,))

    def _insert(self, rows: Iterable[tuple[str, str, str, str, str, str]]) -> None:
        cur = self._db.cursor()
        batch: list[tuple[str, str, str, str, str, str]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= 5000:
                self._flush(cur, batch)
                batch = []
        self._flush(cur, batch)

    @staticmethod
    def _flush(cur: sqlite3.Cursor, batch: list[tuple[str, str, str, str, str, str]]) -> None:
        if not batch:
            return
        first = cur.execute("SELECT COALESCE(MAX(id), 0) FROM docs").fetchone()[0] + 1
        cur.executemany(
            "INSERT INTO docs(id, graph, kind, iri, about, text, lang) VALUES (?,?,?,?,?,?,?)",
            [(first + i, *row) for i, row in enumerate(batch)],
        )
        cur.executemany(
            "INSERT INTO fts(rowid, text) VALUES (?, ?)",
            [(first + i, row[4]) for i, row in enumerate(batch)],
        )

    def search(self, text: str, limit: int = 20) -> list[Hit]:
        """The best ``limit`` resources matching every word of ``text``, best first."""
        query = fts_query(text)
        if not query:
            return []
        sql = """
            SELECT d.kind, d.iri, d.about, d.text, d.lang, fts.rank
            FROM fts JOIN docs d ON d.id = fts.rowid
            WHERE fts MATCH ? ORDER BY fts.rank LIMIT ?"""
        try:
            with self._lock:
                rows = self._db.execute(sql, (query, limit * 8)).fetchall()
        except sqlite3.Error as exc:
            raise QueryError(f"search failed: {exc}") from None
        hits: dict[tuple[str, str], Hit] = {}
        for k, i, a, t, lang, s in rows:
            if (k, i) not in hits:
                hits[(k, i)] = Hit(k, i, a, t, lang, round(-float(s), 4))
        return list(hits.values())[:limit]

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    def close(self) -> None:
        """Close the SQLite connection."""
        with self._lock:
            self._db.close()
