"""Bulk loading a corpus into an empty embedded store: the file read once for the summaries,
the quads written by Oxigraph's loader in parallel.

Loading first and then asking the store for the summaries (``stats-all.ru``, the pair nodes,
the text index's documents) reads the whole store back through SPARQL joins: at a million
triples that took five times as long as the load itself. Here:

* Oxigraph's bulk loader (Rust, which releases the GIL) writes the quads, one thread per byte
  range of an N-Quads/N-Triples file (lines never span ranges: those formats escape newlines),
  which on a 2-core machine nearly halves the load;
* meanwhile one Python pass reads only the lines of the predicates the summaries need (about
  two in five; :data:`WANTED`), parses them with Oxigraph's parser, and gathers, per named
  graph, the :class:`~kg.store.counts.Facts` behind the counts, the statements' dates and the
  text index's documents;
* then the summaries (:func:`kg.store.counts.summary_lines`, the same figures ``stats-all.ru``
  gives: a test compares them) go into the default graph and the documents into the index.

Other formats (TriG, Turtle) are loaded by one loader thread; the pass then parses every quad.
A bulk load is not a transaction: it is for filling an empty store (``bench/``), not for
user input, which goes through the transactional writes.
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import secrets
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.store.bulk_sums import SpilledSums
from kg.store.counts import (
    ALT_LABEL,
    LABEL,
    Facts,
    Part,
    iri_text,
    summary_lines,
    version_line,
)
from kg.store.heap import map_large_blocks
from kg.store.search import Row
from kg.store.writes import STATS

__all__ = ["WANTED", "LoadPass", "SpillPass", "gather_store", "parallel_load", "split_ranges"]

_CG = "https://w3id.org/claimgraph/ns#"
_OA = "http://www.w3.org/ns/oa#"
_SCHEMA = "https://schema.org/"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_DATE = "http://purl.org/dc/terms/date"
_PUBLISHED = _SCHEMA + "datePublished"
_TEXT = _SCHEMA + "text"
_SPAN, _SELECTOR, _EXACT = _CG + "span", _OA + "hasSelector", _OA + "exact"
_CLAIM_CLASS, _CLAIM_PROPERTY = _CG + "Claim", _CG + "claim"
_FACTS = (_CG + "claim", _CG + "stance", "http://www.w3.org/ns/prov#wasAttributedTo",
          "http://www.w3.org/ns/prov#wasDerivedFrom", LABEL, ALT_LABEL)  # fmt: skip
#: The predicates whose triples the summaries and the text index read.
WANTED = frozenset((*_FACTS, _RDF_TYPE, _TEXT, _SPAN, _SELECTOR, _EXACT, _DATE, _PUBLISHED))
_PREDICATES = {f"<{p}>".encode(): p for p in WANTED}
_NO_DATE = '"9999-12-31"^^<http://www.w3.org/2001/XMLSchema#date>'
_CLAIM_BYTES = f"<{_CLAIM_CLASS}>".encode()
#: What a wanted line holds: a wanted predicate, or (for ``rdf:type``) the claim class.
_NEEDLES = [p for p in _PREDICATES if p != f"<{_RDF_TYPE}>".encode()] + [_CLAIM_BYTES]
_LINE_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES)

Key = tuple[str, str]  # (graph, node)


def _node(term: object) -> str:
    """An IRI's text, or a blank node's as ``_:id`` (which no summary is written for)."""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(getattr(term, "value", term))


class _QuadReader:
    """Reads quads for a pass: a triple of a named graph goes to :meth:`take_node` or
    :meth:`take_literal` (other quads are ignored), as each pass keeps them."""

    def take(self, quad: ox.Quad) -> None:
        """Read one quad (any other predicate than :data:`WANTED` is ignored)."""
        g = quad.graph_name
        if not isinstance(g, ox.NamedNode):
            return
        o, s = quad.object, _node(quad.subject)
        if isinstance(o, ox.Literal):
            self.take_literal(g.value, s, quad.predicate.value, o)
        else:
            self.take_node(g.value, s, quad.predicate.value, _node(o))

    def take_node(self, graph: str, s: str, p: str, o: str) -> None:
        raise NotImplementedError

    def take_literal(self, graph: str, s: str, p: str, o: ox.Literal) -> None:
        raise NotImplementedError


@dataclass
class LoadPass(_QuadReader):
    """What one pass over a corpus gathers for the summaries and the text index."""

    facts: dict[str, Facts] = field(default_factory=dict)
    claims: set[Key] = field(default_factory=set)
    texts: dict[Key, list[ox.Literal]] = field(default_factory=dict)
    labels: dict[Key, list[ox.Literal]] = field(default_factory=dict)
    spans: dict[Key, list[str]] = field(default_factory=dict)
    about: dict[Key, list[str]] = field(default_factory=dict)
    selectors: dict[Key, list[str]] = field(default_factory=dict)
    exact: dict[Key, list[ox.Literal]] = field(default_factory=dict)
    dates: dict[Key, list[str]] = field(default_factory=dict)
    published: dict[str, set[str]] = field(default_factory=dict)
    graph_names: dict[bytes, str] = field(default_factory=dict)
    #: Every named graph seen, in the order of its first wanted line in the file.
    graphs: dict[str, None] = field(default_factory=dict)

    def take_node(self, graph: str, s: str, p: str, o: str) -> None:
        """Read one triple of graph ``graph`` whose object is the IRI (or blank node) ``o``."""
        self.graphs[graph] = None
        if p in _FACTS:
            facts = self.facts.get(graph)
            if facts is None:
                facts = self.facts[graph] = Facts()
            facts.add(s, p, o)
            if p == _CLAIM_PROPERTY:
                self.about.setdefault((graph, s), []).append(o)
        elif p == _RDF_TYPE:
            if o == _CLAIM_CLASS:
                self.claims.add((graph, s))
        elif p == _SPAN:
            self.spans.setdefault((graph, s), []).append(o)
        elif p == _SELECTOR:
            self.selectors.setdefault((graph, s), []).append(o)

    def take_literal(self, graph: str, s: str, p: str, o: ox.Literal) -> None:
        """Read one triple of graph ``graph`` whose object is the literal ``o``."""
        self.graphs[graph] = None
        key = (graph, s)
        if p == LABEL or p == ALT_LABEL:
            facts = self.facts.get(graph)
            if facts is None:
                facts = self.facts[graph] = Facts()
            facts.add(s, p, None, o.value)
            self.labels.setdefault(key, []).append(o)
        elif p == _TEXT:
            self.texts.setdefault(key, []).append(o)
        elif p == _EXACT:
            self.exact.setdefault(key, []).append(o)
        elif p == _DATE:
            self.dates.setdefault(key, []).append(str(o))
        elif p == _PUBLISHED:
            self.published.setdefault(s, set()).add(str(o))

    # ------------------------------------------------------------------ results

    def summary(self) -> Iterator[str]:
        """Every summary triple, as N-Triples lines for the default graph (each graph the
        pass saw gets a version, the same new one)."""
        yield from summary_lines(Part.of(f) for f in self.facts.values())
        token = secrets.token_hex(10)
        yield from (version_line(g, token) for g in self.graphs)
        yield from self.when_lines()

    def when_lines(self) -> Iterator[str]:
        """The statements' dates (``cgs:when``) the timeline reads."""
        when = iri_text(STATS + "when")
        for graph, facts in self.facts.items():
            for st, (_claims, stances, _whos, srcs) in facts.statements.items():
                if not stances or not srcs or st.startswith("_:"):
                    continue
                values = set(self.dates.get((graph, st), ()))
                if not values:
                    for src in srcs:
                        values |= self.published.get(src) or {_NO_DATE}
                subject = iri_text(st)
                yield from (f"{subject} {when} {v} ." for v in values)

    def docs(self) -> Iterator[Row]:
        """The text index's rows (graph, kind, iri, about, text, language), as
        ``search-docs.rq`` selects them."""

        def doc(graph: str, kind: str, iri: str, about: str, lit: ox.Literal) -> Row:
            return (graph, kind, iri, about, lit.value, lit.language or "")

        for graph, node in self.claims:
            for lit in self.texts.get((graph, node), ()):
                yield doc(graph, "claim", node, "", lit)
        for (graph, st), spans in self.spans.items():
            for about in self.about.get((graph, st), ()):
                for span in spans:
                    for sel in self.selectors.get((graph, span), ()):
                        for lit in self.exact.get((graph, sel), ()):
                            yield doc(graph, "quote", st, about, lit)
        for (graph, node), lits in self.labels.items():
            for lit in lits:
                yield doc(graph, "agent", node, "", lit)


class SpillPass(_QuadReader):
    """The pass of a bulk load with its rows in a SQLite file instead of memory: the rows of
    the :data:`WANTED` predicates go to disk in batches as the blocks are read, then come back
    one named graph at a time (:meth:`passes`), each as a small :class:`LoadPass`. Memory
    holds the graph names and the sources' publication dates (one per article), not the
    corpus: the in-memory pass peaked at 1.8-1.9 GB at 3M triples."""

    BATCH = 50_000

    def __init__(self, folder: Path) -> None:
        self._db = sqlite3.connect(folder / "pass.sqlite", isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-32768"):
            self._db.execute(f"PRAGMA {pragma}")
        self._db.execute(
            "CREATE TABLE rows (g INTEGER NOT NULL, p TEXT NOT NULL, s TEXT NOT NULL,"
            " o TEXT NOT NULL, lang TEXT, dt TEXT)"
        )
        #: Every named graph seen, in the order of its first wanted line, with its number.
        self.graphs: dict[str, int] = {}
        self.graph_names: dict[bytes, str] = {}
        self.published: dict[str, set[str]] = {}
        self._rows: list[tuple[int, str, str, str, str | None, str | None]] = []

    def _gid(self, graph: str) -> int:
        gid = self.graphs.get(graph)
        if gid is None:
            gid = self.graphs[graph] = len(self.graphs)
        return gid

    def take_node(self, graph: str, s: str, p: str, o: str) -> None:
        self._rows.append((self._gid(graph), p, s, o, None, None))
        if len(self._rows) >= self.BATCH:
            self.flush()

    def take_literal(self, graph: str, s: str, p: str, o: ox.Literal) -> None:
        gid = self._gid(graph)
        if p == _PUBLISHED:
            self.published.setdefault(s, set()).add(str(o))
            return
        dt = None if o.language else o.datatype.value
        self._rows.append((gid, p, s, o.value, o.language, dt))
        if len(self._rows) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the batch of rows to the file."""
        if self._rows:
            self._db.execute("BEGIN")  # one transaction a batch, not one a row
            self._db.executemany("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?)", self._rows)
            self._db.execute("COMMIT")
            self._rows = []

    def passes(self) -> Iterator[LoadPass]:
        """One :class:`LoadPass` per named graph, in order (the publication dates shared)."""
        self.flush()
        self._db.execute("CREATE INDEX rows_g ON rows(g)")
        names = list(self.graphs)
        datatypes: dict[str, ox.NamedNode] = {}
        rows = self._db.execute("SELECT g, p, s, o, lang, dt FROM rows ORDER BY g")
        for gid, group in itertools.groupby(rows, key=lambda row: row[0]):
            graph = names[gid]
            one = LoadPass(published=self.published)
            one.graphs[graph] = None
            for _g, p, s, o, lang, dt in group:
                if lang is None and dt is None:
                    one.take_node(graph, s, p, o)
                elif lang:
                    one.take_literal(graph, s, p, ox.Literal(o, language=lang))
                else:
                    datatype = datatypes.get(dt)
                    if datatype is None:
                        datatype = datatypes[dt] = ox.NamedNode(dt)
                    one.take_literal(graph, s, p, ox.Literal(o, datatype=datatype))
            yield one

    def close(self) -> None:
        self._db.close()


def gather_store(store: ox.Store) -> LoadPass:
    """The pass over what a store already holds: the quads of the :data:`WANTED` predicates
    (for ``rdf:type``, only ``cg:Claim``), read through Oxigraph's indexes, named graphs only
    (the summaries in the default graph are left out)."""
    gathered = LoadPass()
    for p in WANTED - {_RDF_TYPE}:
        for quad in store.quads_for_pattern(None, ox.NamedNode(p), None, None):
            gathered.take(quad)
    claim = ox.NamedNode(_CLAIM_CLASS)
    for quad in store.quads_for_pattern(None, ox.NamedNode(_RDF_TYPE), claim, None):
        gathered.take(quad)
    return gathered


def split_ranges(path: Path, parts: int) -> list[tuple[int, int]]:
    """Byte ranges of ``path`` cut after a newline, about equal, at most ``parts``."""
    size = path.stat().st_size
    cuts = [0]
    with path.open("rb") as f:
        for i in range(1, parts):
            f.seek(max(size * i // parts, cuts[-1]))
            f.readline()
            position = f.tell()
            if cuts[-1] < position < size:
                cuts.append(position)
    cuts.append(size)
    return list(itertools.pairwise(cuts))


def _lines_with(data: bytes, needles: Iterable[bytes]) -> list[bytes]:
    """The distinct lines of ``data`` that contain one of ``needles`` (searched in C), in
    their order in ``data``."""
    starts: dict[int, bytes] = {}
    for needle in needles:
        at = data.find(needle)
        while at >= 0:
            begin = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            end = len(data) if end < 0 else end
            if begin not in starts:
                starts[begin] = data[begin:end]
            at = data.find(needle, end)
    return [starts[begin] for begin in sorted(starts)]


def at_line(exc: SyntaxError, first: int) -> SyntaxError:
    """The parser's error in a block of lines that starts at line ``first`` of the file, with
    the line (and column) in the file instead of in the block."""
    if not exc.lineno:
        return exc
    reason = exc.msg.split(": ", 1)[-1]
    return SyntaxError(f"line {first + exc.lineno - 1}, column {exc.offset}: {reason}")


def _take_block(data: bytes, fmt: ox.RdfFormat, into: LoadPass | SpillPass, first: int = 1) -> None:
    """Read the wanted triples of a block of whole N-Quads/N-Triples lines: only the lines
    that hold a :data:`WANTED` predicate's IRI (for ``rdf:type``, the ``cg:Claim`` IRI); those
    whose four terms are plain IRIs are split by hand, the others (literals, blank nodes,
    escapes, other spacing) parsed. (A predicate IRI written with ``\\u`` escapes is not
    found: N-Quads writers, Oxigraph's and rdflib's among them, do not escape IRIs so.)"""
    other = []
    predicates = _PREDICATES
    take_node = into.take_node
    graphs = into.graph_names
    for line in _lines_with(data, _NEEDLES):
        f = line.split(b" ", 4)
        p = predicates.get(f[1]) if len(f) >= 4 else None
        if p is None:
            if len(f) < 4 or f[1][:1] != b"<":
                other.append(line)  # unusual spacing: the parser decides
            continue
        if p == _RDF_TYPE and f[2] != _CLAIM_BYTES:
            continue
        if len(f) == 5 and f[4] == b"." and f[0][:1] == f[2][:1] == f[3][:1] == b"<" \
                and b"\\" not in line:  # fmt: skip
            g = graphs.get(f[3])
            if g is None:
                g = graphs[f[3]] = f[3][1:-1].decode()
            take_node(g, f[0][1:-1].decode(), p, f[2][1:-1].decode())
        else:
            other.append(line)
    try:
        for quad in ox.parse(b"\n".join(other), format=fmt):
            into.take(quad)
    except SyntaxError as exc:
        if not exc.lineno or exc.lineno > len(other):
            raise
        at = (b"\n" + data + b"\n").find(b"\n" + other[exc.lineno - 1] + b"\n")  # its start
        lineno = data.count(b"\n", 0, at) + 1
        raise at_line(SyntaxError(exc.msg, (None, lineno, exc.offset, None)), first) from None


class _Loads:
    """Oxigraph bulk loads of byte blocks by ``threads`` worker threads (Oxigraph releases
    the GIL); :meth:`join` waits and raises the first error."""

    def __init__(self, store: ox.Store, threads: int) -> None:
        self._store = store
        self._queue: queue.Queue[tuple[bytes, ox.RdfFormat, int] | None] = queue.Queue(threads)
        self._errors: list[BaseException] = []
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]
        for thread in self._threads:
            thread.start()

    def _run(self) -> None:
        while (job := self._queue.get()) is not None:
            if not self._errors:
                try:
                    self._store.bulk_load(job[0], format=job[1])
                except SyntaxError as exc:
                    self._errors.append(at_line(exc, job[2]))
                except BaseException as exc:
                    self._errors.append(exc)

    def put(self, data: bytes, fmt: ox.RdfFormat, first: int = 1) -> None:
        """Queue one block, whose first line is line ``first`` of its file (waits while every
        worker is busy and one block is queued)."""
        self._queue.put((data, fmt, first))

    def join(self) -> None:
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join()
        if self._errors:
            raise self._errors[0]


#: The size of the blocks each loader takes: bounds the loaders' memory (Oxigraph's bulk
#: loader holds about ten times its input). 6 MB loaded 10M triples faster than 3, 12, 24 or
#: 48 MB, with less CPU and memory (docs/explanation/performance.md, "At newsroom scale").
BLOCK = 6 << 20


class _Blocks:
    """N-Triples lines gathered into blocks of at most :data:`BLOCK` bytes for the loaders."""

    def __init__(self, loads: _Loads) -> None:
        self._loads = loads
        self._lines: list[bytes] = []
        self._size = 0

    def add(self, line: str) -> None:
        data = line.encode("utf-8") + b"\n"
        self._lines.append(data)
        self._size += len(data)
        if self._size >= BLOCK:
            self.flush()

    def flush(self) -> None:
        if self._lines:
            self._loads.put(b"".join(self._lines), ox.RdfFormat.N_TRIPLES)
            self._lines, self._size = [], 0


def _finish(
    gathered: SpillPass, loads: _Loads, index: Callable[[Iterator[Row]], None], folder: Path
) -> None:
    """The summaries to the loaders and the documents to the index, one graph at a time: the
    dates and the documents wait in files while the counts are summed in another
    (:class:`~kg.store.bulk_sums.SpilledSums`)."""
    dates, docs = folder / "when.nt", folder / "docs.jsonl"
    with dates.open("w", encoding="utf-8") as when, docs.open("w", encoding="utf-8") as rows:
        sums = SpilledSums(folder / "sums.sqlite")
        try:
            for one in gathered.passes():
                when.writelines(line + "\n" for line in one.when_lines())
                rows.writelines(json.dumps(row) + "\n" for row in one.docs())
                for facts in one.facts.values():
                    sums.add(Part.of(facts))
            out = _Blocks(loads)
            for line in sums.lines():
                out.add(line)
        finally:
            sums.close()
    token = secrets.token_hex(10)
    for graph in gathered.graphs:
        out.add(version_line(graph, token))
    with dates.open(encoding="utf-8") as lines:
        for line in lines:
            out.add(line.rstrip("\n"))
    out.flush()
    gathered.close()

    def read_docs() -> Iterator[Row]:
        with docs.open(encoding="utf-8") as lines:
            for line in lines:
                yield tuple(json.loads(line))  # type: ignore[misc]

    index(read_docs())


def parallel_load(
    store: ox.Store,
    path: Path,
    index: Callable[[Iterator[Row]], None],
    threads: int | None = None,
) -> list[str]:
    """Load ``path`` and its summaries into ``store`` and give ``index`` the text index's rows.
    N-Quads and N-Triples go in blocks of whole lines to ``threads`` loaders while the pass
    reads the same blocks; other formats are read twice, once by Oxigraph's loader, once by
    the pass. The pass keeps its rows in a temporary SQLite file (:class:`SpillPass`), and its
    totals in another (:class:`~kg.store.bulk_sums.SpilledSums`), and malloc maps the loaders'
    large blocks on their own (:func:`~kg.store.heap.map_large_blocks`), so memory does not
    grow with the file. Return the named graphs in the order the file first
    gives a summary's or the index's triple of each (an article's claims, for one). Raise what
    a loader or the parser raised (SyntaxError, OSError, ValueError)."""
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.N_QUADS
    map_large_blocks()  # the loaders' freed blocks go back to the system (kg.store.heap)
    loads = _Loads(store, threads or min(os.cpu_count() or 1, 4))
    try:
        with tempfile.TemporaryDirectory(prefix="kg-load-") as tmp:
            gathered = SpillPass(Path(tmp))
            try:
                if fmt in _LINE_FORMATS:
                    first = 1  # the file's line the block starts at, for errors
                    with path.open("rb") as f:
                        for start, end in split_ranges(path, max(1, path.stat().st_size // BLOCK)):
                            f.seek(start)
                            data = f.read(end - start)
                            loads.put(data, fmt, first)
                            _take_block(data, fmt, gathered, first)
                            first += data.count(b"\n")
                else:
                    loads.put(path.read_bytes(), fmt)
                    for quad in ox.parse(path=str(path), format=fmt):
                        gathered.take(quad)
                _finish(gathered, loads, index, Path(tmp))
            finally:
                gathered.close()
    finally:
        loads.join()
    return list(gathered.graphs)
