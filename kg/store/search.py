"""The full-text index kept beside the embedded store: a Tantivy index, ranked with BM25.

It holds claim texts (every language), the exact quotes of statements, and agent labels and
aliases, one document per text, tagged with the named graph it came from so that replacing or
retracting a source replaces its documents. Texts are split on Unicode word boundaries,
lower-cased and folded to ASCII (``Café`` finds ``cafe``); user text is never query syntax:
each word of it must occur, as a whole word (ranked by BM25) or as a word prefix (found, ranked
below whole words).

Commits are batched: documents become searchable at the next commit, which comes before any
search in this process, when the store closes, and at most :data:`COMMIT_AFTER` seconds after
a write. So that a crash before a commit loses nothing, a write first notes its graph in the
index's ``pending`` file; the store re-reads those graphs when it next opens
(:meth:`kg.store.embedded.EmbeddedStore` does), and the file empties at each commit.

>>> index = SearchIndex(None)
>>> index.replace("urn:g", [("claim", "urn:c", "", "Korea Utara mengirim kontainer", "id")])
>>> [h.iri for h in index.search("kontainer")], [h.iri for h in index.search("konta")]
(['urn:c'], ['urn:c'])
>>> index.search('") OR 1=1 --'), index.search("utara kapal")
([], [])
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy

from kg.errors import QueryError, StoreError

__all__ = [
    "ALL_GRAPHS",
    "COMMIT_AFTER",
    "LANG_TAG",
    "MAX_HITS",
    "MAX_WORDS",
    "Doc",
    "Hit",
    "Row",
    "SearchIndex",
    "documents",
    "search_words",
    "words",
]

#: One indexed text: kind (claim | quote | agent), the IRI it belongs to, the claim a quote is
#: about ("" otherwise), the text, its language tag.
Doc = tuple[str, str, str, str, str]
#: A document with its graph first: (graph, kind, iri, about, text, lang).
Row = tuple[str, str, str, str, str, str]

#: Seconds after a write by which its documents are committed (searchable in other processes).
COMMIT_AFTER = 1.0
#: A language tag as the index holds it (lower case, BCP 47 shape): what ``langs`` filters take.
#: Most words a search may hold, and most characters of its text (each word is one clause of
#: the index query: 20,000 words took 2.5 GB).
MAX_WORDS = 32
_MAX_TEXT = 1000
#: Most results a search may ask for.
MAX_HITS = 1000
LANG_TAG = re.compile(r"[a-z]{1,8}(-[a-z0-9]{1,8})*")
_FIELDS = ("graph", "kind", "iri", "about", "text", "lang")
_TOKENIZER = "claimgraph"
_PENDING = "pending"
#: Noted in the pending file while the whole index is (re)built: a kill before the commit
#: leaves it there, and the store rebuilds the index when it next opens.
ALL_GRAPHS = "*"
_HEAP = 50_000_000  # the writer's memory budget, bytes
#: Score of a word found only as a prefix of an indexed word: below any whole-word match.
_PREFIX_SCORE = 1e-4


def _analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(64))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


_ANALYZER = _analyzer()


def words(text: str) -> list[str]:
    """The words of ``text`` as the index holds them.

    >>> words('Café "Korea-Utara" OR x*')
    ['cafe', 'korea', 'utara', 'or', 'x']
    """
    return [w for w in _ANALYZER.analyze(text) if w.isalnum()]


def search_words(text: str, limit: int = 20) -> list[str]:
    """The distinct words of a search, refused (QueryError) past :data:`MAX_WORDS` words or
    ``_MAX_TEXT`` characters, or for a ``limit`` outside 1..:data:`MAX_HITS`.

    >>> search_words("Korea Utara korea")
    ['korea', 'utara']
    >>> search_words("kata " * 40)
    ['kata']
    >>> search_words(" ".join(f"w{i}" for i in range(40)))
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: search has 40 different words; at most 32
    """
    if not 1 <= limit <= MAX_HITS:
        raise QueryError(f"search limit {limit}: must be between 1 and {MAX_HITS}")
    if len(text) > _MAX_TEXT:
        raise QueryError(f"search text of {len(text)} characters; at most {_MAX_TEXT}")
    terms = list(dict.fromkeys(words(text)))
    if len(terms) > MAX_WORDS:
        raise QueryError(f"search has {len(terms)} different words; at most {MAX_WORDS}")
    return terms


def documents(rows: Iterable[Sequence[Any]]) -> Iterator[Row]:
    """The rows of ``search-docs.rq`` (graph, kind, iri, about, text) as index rows."""
    for g, kind, iri, about, text in rows:
        yield (str(g), str(kind), str(iri), str(about or ""), str(text),
               getattr(text, "language", None) or "")  # fmt: skip


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in _FIELDS:
        if name == "text":
            builder.add_text_field(name, stored=True, tokenizer_name=_TOKENIZER)
        else:
            builder.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


@dataclass(frozen=True)
class Hit:
    """One search result: the best-ranked text of one resource."""

    kind: str
    iri: str
    about: str
    text: str
    lang: str
    score: float


class SearchIndex:
    """A Tantivy index in the folder ``path``, or in memory when ``path`` is None.

    ``created`` tells whether the folder was new (an index lost, or never built): the store
    then refills it from its graphs. A ``read_only`` index never writes and sees what the
    writing process last committed.
    """

    def __init__(self, path: Path | None, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._lock = threading.RLock()
        self._schema = _schema()
        self._writer: tantivy.IndexWriter | None = None
        self._dirty = False
        self._timer: threading.Timer | None = None
        self._noted: set[str] = set()  # in the pending file
        self._inflight: set[str] = set()  # noted, not yet replaced or dropped here
        try:
            if path is None:
                self.created = True
                self._index = tantivy.Index(self._schema)
            else:
                self.created = not (path / "meta.json").exists()
                if self.created and read_only:
                    self._index = tantivy.Index(self._schema)  # nothing to read yet
                else:
                    path.mkdir(parents=True, exist_ok=True)
                    if self.created:  # empty until the store refills it
                        self.note(ALL_GRAPHS)
                    self._index = tantivy.Index(self._schema, path=str(path), reuse=True)
            self._index.register_tokenizer(_TOKENIZER, _ANALYZER)
        except (OSError, ValueError) as exc:
            raise StoreError(
                f"{path}: cannot open the text index ({exc}); delete that folder: the store "
                "rebuilds it from the graphs when it next opens"
            ) from None

    # ------------------------------------------------------------------ writing

    def note(self, graph: str) -> None:
        """Record, before the store writes ``graph``, that its documents are about to change:
        if the process dies before the next commit, :meth:`pending` names it."""
        if self.path is None or self.read_only:
            return
        with self._lock:
            if graph in self._noted:
                self._inflight.add(graph)
                return
            try:
                with (self.path / _PENDING).open("a", encoding="utf-8") as log:
                    log.write(graph + "\n")
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot write the text index: {exc}") from None
            self._noted.add(graph)
            self._inflight.add(graph)

    def pending(self) -> list[str]:
        """The graphs written since the last commit of an earlier process (to re-read)."""
        if self.path is None:
            return []
        try:
            text = (self.path / _PENDING).read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        return sorted({line for line in text.splitlines() if line})

    def replace(self, graph: str, docs: Iterable[Doc]) -> None:
        """Replace every document of ``graph`` with ``docs`` (in one commit)."""
        with self._lock:
            writer = self._writable()
            writer.delete_documents_by_term("graph", graph)
            for doc in docs:
                writer.add_document(self._document((graph, *doc)))
            self._changed(graph)

    def drop(self, graph: str) -> None:
        """Remove every document of ``graph``."""
        with self._lock:
            self._writable().delete_documents_by_term("graph", graph)
            self._changed(graph)

    def rebuild(self, rows: Iterable[Row]) -> None:
        """Replace the whole index with ``rows`` (graph, kind, iri, about, text, lang), and
        commit."""
        self.note(ALL_GRAPHS)
        with self._lock:
            writer = self._writable()
            writer.delete_all_documents()
            for row in rows:
                writer.add_document(self._document(row))
            self._changed(None)
            self.commit()

    def commit(self) -> None:
        """Make every write so far searchable, here and in other processes."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if not self._dirty or self._writer is None:
                return
            try:
                self._writer.commit()
                self._index.reload()
                if self.path is not None:  # keep what is noted but not yet written here
                    log = self.path / _PENDING
                    if self._inflight:
                        log.write_text("".join(g + "\n" for g in self._inflight), "utf-8")
                    else:
                        log.unlink(missing_ok=True)
            except (OSError, ValueError) as exc:
                raise StoreError(f"{self.path}: cannot commit the text index: {exc}") from None
            self._dirty = False
            self._noted = set(self._inflight)

    def _document(self, row: Row) -> tantivy.Document:
        return tantivy.Document(**dict(zip(_FIELDS, row, strict=True)))

    def _writable(self) -> tantivy.IndexWriter:
        if self.read_only:
            raise StoreError(f"{self.path}: the text index is open read-only")
        if self._writer is None:
            try:
                self._writer = self._index.writer(_HEAP, 1)
            except ValueError as exc:
                raise StoreError(f"{self.path}: cannot write the text index: {exc}") from None
        return self._writer

    def _changed(self, graph: str | None) -> None:
        if graph is None:
            self._inflight.clear()
        else:
            self._inflight.discard(graph)
        self._dirty = True
        if self._timer is None:
            self._timer = threading.Timer(COMMIT_AFTER, self._commit_due)
            self._timer.daemon = True
            self._timer.start()

    def _commit_due(self) -> None:
        with self._lock:
            if self._timer is None:  # committed meanwhile
                return
            self._timer = None
            try:
                self.commit()
            except StoreError:
                pass  # the next write, search or close commits

    # ------------------------------------------------------------------ reading

    def search(
        self, text: str, limit: int = 20, kinds: Sequence[str] = (), langs: Sequence[str] = ()
    ) -> list[Hit]:
        """The best ``limit`` resources matching every word of ``text``, best first; only
        documents of the ``kinds`` and language tags ``langs`` given (lower-case), if any."""
        terms = search_words(text, limit)
        if not terms:
            return []
        clauses = [(tantivy.Occur.Must, self._word(w)) for w in terms]
        for field, allowed in (("kind", kinds), ("lang", langs)):
            if allowed:
                any_of = [(tantivy.Occur.Should, self._term(field, v)) for v in allowed]
                clauses.append((tantivy.Occur.Must, tantivy.Query.boolean_query(any_of)))
        query = tantivy.Query.boolean_query(clauses)
        with self._lock:
            self.commit()
            try:
                if self.read_only:
                    self._index.reload()
                searcher = self._index.searcher()
                found = searcher.search(query, limit * 8, count=False).hits
                docs = [(score, searcher.doc(address)) for score, address in found]
            except ValueError as exc:
                raise QueryError(f"search failed: {exc}") from None
        hits: dict[tuple[str, str], Hit] = {}
        for score, doc in docs:
            kind, iri, about, body, lang = (doc[f][0] for f in _FIELDS[1:])
            if (kind, iri) not in hits:
                hits[(kind, iri)] = Hit(kind, iri, about, body, lang, round(float(score), 4))
        return list(hits.values())[:limit]

    def _term(self, field: str, value: str) -> tantivy.Query:
        return tantivy.Query.term_query(self._schema, field, value)

    def _word(self, word: str) -> tantivy.Query:
        """``word`` as a whole word (BM25) or, ranked below, as a prefix."""
        prefix = tantivy.Query.regex_query(self._schema, "text", word + ".*")
        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, self._term("text", word)),
                (tantivy.Occur.Should, tantivy.Query.const_score_query(prefix, _PREFIX_SCORE)),
            ]
        )

    def rows(self, graphs: Sequence[str] | None = None) -> Iterator[Row]:
        """Every committed document, or those of ``graphs``, in no particular order (for
        checks)."""
        with self._lock:
            self.commit()
            searcher = self._index.searcher()
            if graphs is None:
                queries = [tantivy.Query.all_query()]
            else:
                queries = [self._term("graph", g) for g in graphs]
            docs: list[tantivy.Document] = []
            for query in queries:
                found = searcher.search(query, max(1, searcher.num_docs))
                docs.extend(searcher.doc(address) for _score, address in found.hits)
        for doc in docs:
            yield tuple(doc[f][0] for f in _FIELDS)  # type: ignore[misc]

    def __len__(self) -> int:
        with self._lock:
            self.commit()
            return int(self._index.searcher().num_docs)

    def close(self) -> None:
        """Commit what is left and release the writer (its lock on the folder)."""
        with self._lock:
            self.commit()
            if self._writer is not None:
                writer, self._writer = self._writer, None
                try:
                    writer.wait_merging_threads()
                except (OSError, ValueError):
                    pass
