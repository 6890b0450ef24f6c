"""The default store: Oxigraph on disk (pyoxigraph), in a project folder, with its text index.

The full-text index is a Tantivy index beside the folder (``<folder>.search``), written in the
same write path as the graphs (:mod:`kg.store.search`); when it is lost, or a process died before
its last commit, the store refills it from the graphs when it next opens.

Per-claim and per-agent counts live in the store's default graph (part of the union that
queries read, never inside ``GRAPH ?g``) and are updated by difference
(:mod:`kg.store.counts`: the cost of a write does not grow with the store) in the same
transaction as each write, with the agents' lower-cased label keys and each named graph's
version (a digest of its last write, which indexes kept outside the store compare). A bulk load
computes all of them in one pass over the file (:mod:`kg.store.bulk`).
"""

from __future__ import annotations

import secrets
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError, StoreBusyError, StoreError
from kg.namespace import PREFIXES
from kg.store.backup_files import write_backup
from kg.store.base import Answer, Results, Rows, TripleIn, Triples, graphs_to_write
from kg.store.binding import Bound, bind, term_text
from kg.store.bulk import LoadPass, gather_store, parallel_load
from kg.store.changes import ChangeLog, Subjects, bounded, parse_triples, subjects_in
from kg.store.counts import (
    VERSION,
    CountCache,
    Facts,
    Part,
    counts_update,
    digest,
    graph_facts,
    line,
    needs_rebuild,
    version_line,
)
from kg.store.folder import StoreLock, check_files, damaged, recover, sibling
from kg.store.isolated import QueryProcesses
from kg.store.owner import OwnerServer
from kg.store.search import ALL_GRAPHS, Doc, Hit, SearchIndex, documents
from kg.store.sparql import template
from kg.store.terms import from_ox
from kg.store.timeline import gather, when_update
from kg.store.worker import Worker
from kg.store.writes import drop_update, refuse_internal, replace_update

__all__ = ["SNAPSHOT_AGE", "EmbeddedStore", "search_path", "written_docs"]

#: Seconds the checkpoint a user query reads (:meth:`EmbeddedStore.readable`) may trail the
#: store's last write, in this context: 0 (every query sees every write made before it) unless
#: set. ``kg serve``'s ``/sparql`` sets it (``--snapshot-age``): during an ingest each new
#: checkpoint costs a RocksDB backup, a query process reopening the store and every kept
#: answer, so its queries share one checkpoint for that long.
SNAPSHOT_AGE: ContextVar[float] = ContextVar("SNAPSHOT_AGE", default=0.0)


def _open_read_only(path: Path, attempts: int = 50) -> ox.Store:
    """A read-only snapshot of the store in ``path``. While another process writes, RocksDB
    may delete a file the snapshot was about to open ("Corruption: ... No such file"): that
    is a race, not damage, so opening is retried."""
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if "No such file" not in str(exc) or attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _failure(path: Path | None, exc: BaseException, what: str) -> StoreError:
    """The one-line error for an Oxigraph failure: a damaged store names the way out."""
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    if path is not None and ("corrupt" in first.lower() or "no such file" in first.lower()):
        return damaged(path, first)
    return StoreError(f"{what}: {first}")


def _facts(data: str, triples: list[ox.Quad] | None = None) -> Facts:
    """The :class:`Facts` of N-Triples ``data`` (``triples``: its triples, parsed already);
    StoreError when it does not parse."""
    facts = Facts()
    if triples is None:
        try:
            triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise StoreError(f"not N-Triples: {str(exc).splitlines()[0]}") from None
    for t in triples:
        o = t.object
        facts.add(
            t.subject.value,  # type: ignore[union-attr]
            t.predicate.value,
            o.value if isinstance(o, ox.NamedNode) else None,
            o.value if isinstance(o, ox.Literal) else None,
        )
    return facts


def _operations(update: str) -> str:
    """``update`` without its leading comments and ``PREFIX`` lines: Oxigraph takes a prologue
    only at the start of a request, not after a ``;`` (SPARQL 1.1 allows both)."""
    lines = update.split("\n")
    start = 0
    while start < len(lines) and (
        not lines[start].strip()
        or lines[start].startswith("#")
        or lines[start].upper().startswith("PREFIX ")
    ):
        start += 1
    return "\n".join(lines[start:])


def written_docs(graph: str, data: str) -> list[Doc] | None:
    r"""The text index's documents of ``graph`` written as ``data`` (N-Triples), taken from the
    data itself as ``search-docs.rq`` selects them from the store (the bulk load's pass,
    :meth:`kg.store.bulk.LoadPass.docs`): no query reading back what was just written. None
    when the data may hold blank nodes (the store names them anew: the query must read them).

    >>> data = '<urn:c> <https://schema.org/text> "Kapal tiba"@id .\n' + (
    ...     '<urn:c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
    ...     '<https://w3id.org/claimgraph/ns#Claim> .')
    >>> written_docs("urn:g", data)
    [('claim', 'urn:c', '', 'Kapal tiba', 'id')]
    """
    gathered = gather(graph, data)
    return None if gathered is None else [row[1:] for row in gathered.docs()]


def search_path(path: Path) -> Path:
    """Where the text index of the store in ``path`` lives: beside it."""
    return path.with_name(path.name + ".search")


class EmbeddedStore:
    """An on-disk Oxigraph store (``path``), or an in-memory one when ``path`` is None.

    Queries see the union of all named graphs as their default graph.

    >>> store = EmbeddedStore()
    >>> ds = Dataset()
    >>> _ = ds.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:o")))
    >>> store.replace_graphs(ds)
    1
    >>> store.select("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }").column("o")
    [rdflib.term.URIRef('urn:o')]
    """

    #: Characters of SPARQL updates after which the write buffers go to disk (:meth:`flush`):
    #: about 160 seed-sized articles.
    FLUSH_AFTER = 16 * 2**20

    def __init__(
        self,
        path: Path | None = None,
        read_only: bool = False,
        lock: StoreLock | None = None,
        publish: bool = True,
    ) -> None:
        self.path = path
        self.read_only = read_only
        #: Held by every write from its first read to its text index rows, and by searches:
        #: writes from several threads (this process's, and other processes' through the
        #: owner server) go one at a time, and a search never sees the index of half a write.
        self._writing = threading.RLock()
        self._owner: OwnerServer | None = None
        self._snapshotting = threading.Lock()
        self._snapshot: tuple[int, Path] | None = None
        self._snapshot_made = 0.0  # time.monotonic() when it was made
        self._pinned: dict[str, int] = {}  # checkpoints read by other processes (checkpoint())
        #: The write lock (``<store>.lock``, :mod:`kg.store.folder`) a read-write handle holds;
        #: ``lock``: one the caller already holds (``kg restore``), released at :meth:`close`.
        self._lock: StoreLock | None = None
        if path is not None and not read_only:
            self._lock = lock if lock is not None and lock.held else StoreLock(path).acquire()
        try:
            self._store = self._open(path, read_only)
            try:
                self.index = SearchIndex(None if path is None else search_path(path), read_only)
            except StoreError:
                del self._store  # release the folder's lock
                raise
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            raise
        self._counts = CountCache()
        #: Characters of updates written since the write buffers were last flushed.
        self._unflushed = 0
        self._processes: QueryProcesses | None = None
        #: How many writes this object made: what indexes kept outside the store compare.
        self.generation = 0
        #: The subjects each write changed (:meth:`changes_since`).
        self._changes = ChangeLog()
        if not read_only:
            gathered = None
            if needs_rebuild(self._store):
                gathered = gather_store(self._store)
                summary = "\n".join(gathered.summary())
                self._update(template("summaries.ru").replace("{DATA}", summary), "the summaries")
                self._stamp_versions()
            self._recover_index(gathered)
        if path is not None and not read_only:
            shutil.rmtree(sibling(path, ".snapshots"), ignore_errors=True)  # a dead owner's
            if publish:  # other processes read and write through this one (kg.store.owner)
                self._owner = OwnerServer(self, path)

    @staticmethod
    def _open(path: Path | None, read_only: bool) -> ox.Store:
        """The Oxigraph store in ``path`` (a read-write caller holds the lock): a restore that
        was killed is finished first; a damaged folder is refused, never replaced by an empty
        store."""
        if path is None:
            return ox.Store()
        if read_only and sibling(path, ".restore.json").exists():
            try:  # finish a killed restore if no one else is working on the store
                with StoreLock(path):
                    recover(path)
            except StoreBusyError:
                pass
        elif not read_only:
            recover(path)
        check_files(path)
        try:
            if read_only:
                return _open_read_only(path)
            path.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(path))
        except (OSError, RuntimeError) as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            if "lock" in first.lower():
                raise StoreBusyError(f"{path}: another process is using the store") from None
            if read_only and not path.exists():
                raise StoreError(f"{path}: no store here") from None
            if "corrupt" in first.lower() or "no such file" in first.lower():
                raise damaged(path, first) from None
            raise StoreError(f"{path}: cannot open the store: {first}") from None

    def _recover_index(self, gathered: LoadPass | None) -> None:
        """Refill a new (lost) text index from the graphs; re-read the graphs a process wrote
        without committing their documents before it died."""
        if self.index.created or ALL_GRAPHS in self.index.pending():
            # (a rebuild that a kill cut short left its mark: rebuild again)
            gathered = gathered or gather_store(self._store)
            self.index.rebuild(gathered.docs())
            if self.path is not None:  # the SQLite FTS5 index of earlier versions
                self.path.with_name(self.path.name + ".search.sqlite").unlink(missing_ok=True)
            return
        for graph in self.index.pending():
            if self._store.contains_named_graph(ox.NamedNode(graph)):
                self.index.replace(graph, self._docs(URIRef(graph)))
            else:
                self.index.drop(graph)
        self.index.commit()

    # -------------------------------------------------------------- writing

    def _update(self, text: str, what: str) -> None:
        try:
            self._store.update(text)
        except (OSError, SyntaxError, RuntimeError) as exc:
            raise _failure(self.path, exc, f"cannot write {what}") from None
        self._unflushed += len(text)
        if self._unflushed >= self.FLUSH_AFTER and self.path is not None:
            self.flush()

    def flush(self) -> None:
        """Write RocksDB's in-memory write buffers to the folder's tables now.

        Oxigraph leaves each buffer in memory until it holds 128 MB (several per index, six
        indexes): a long ingest kept every article it wrote there, and each write looked
        its quads up in ever larger buffers (an article's write cost 19 ms of CPU at the
        start of a 1,500-article run, 38 ms at its end; 22 ms with this flush every
        :data:`FLUSH_AFTER` characters of updates, and the buffers' memory stays bounded).
        """
        self._unflushed = 0
        try:
            self._store.flush()
        except (OSError, RuntimeError) as exc:
            raise _failure(self.path, exc, "cannot flush the store") from None

    def _counted(self, text: str, what: str) -> None:
        """Run an update that changes counts staged in the count cache."""
        try:
            self._update(text, what)
        except StoreError:
            self._counts.reset()
            raise
        self._counts.commit()

    @contextmanager
    def alone(self) -> Iterator[None]:
        """Hold the write lock for a block of writes: writes of other threads, and of other
        processes through this one (:mod:`kg.store.owner`), wait until it ends."""
        with self._writing:
            yield

    def has_graph(self, graph: URIRef) -> bool:
        """Whether the named graph ``graph`` is in the store (a key lookup)."""
        return bool(self._store.contains_named_graph(ox.NamedNode(str(graph))))

    def objects(self, subject: URIRef, predicate: URIRef) -> list[tuple[Identifier, URIRef | None]]:
        """Every object of ``subject``'s ``predicate`` in any graph, with its named graph (None:
        the store's default graph): key lookups, no query to parse (linking's reads)."""
        found: list[tuple[Identifier, URIRef | None]] = []
        pattern = (ox.NamedNode(str(subject)), ox.NamedNode(str(predicate)), None, None)
        for q in self._store.quads_for_pattern(*pattern):
            g = q.graph_name
            term = from_ox(q.object)
            assert term is not None
            found.append((term, URIRef(g.value) if isinstance(g, ox.NamedNode) else None))
        return found

    def graph_version(self, graph: URIRef) -> str | None:
        """The version of ``graph``: a digest of its last write (None when it is not there)."""
        pattern = (ox.NamedNode(str(graph)), ox.NamedNode(VERSION), None, ox.DefaultGraph())
        for q in self._store.quads_for_pattern(*pattern):
            return str(getattr(q.object, "value", ""))
        return None

    def graph_versions(self) -> dict[str, str]:
        """Every named graph's version (graphs loaded before versions existed have none)."""
        pattern = (None, ox.NamedNode(VERSION), None, ox.DefaultGraph())
        return {
            q.subject.value: q.object.value  # type: ignore[union-attr]
            for q in self._store.quads_for_pattern(*pattern)
        }

    def _versioned(self, graph: URIRef, new: str | None) -> str:
        """The update moving ``graph``'s version to ``new`` (None: dropped)."""
        old = self.graph_version(graph)
        old_line = "" if old is None else version_line(str(graph), old)
        new_line = "" if new is None else version_line(str(graph), new)
        return template("counts.ru").replace("{OLD}", old_line).replace("{NEW}", new_line)

    def _stamp_versions(self) -> None:
        """Give every named graph without a version a new one (after the summaries were
        recomputed, which drops the versions with the rest of the default graph)."""
        have = self.graph_versions()
        token = secrets.token_hex(10)
        lines = [version_line(str(g), token) for g in self.graphs() if str(g) not in have]
        if lines:
            self._update(template("add-default.ru").replace("{DATA}", "\n".join(lines)), "versions")
        self._wrote(frozenset())  # the default graph only: no named graph changed

    def _wrote(self, subjects: Subjects) -> None:
        """Count a write that changed ``subjects`` (None: unknown): logged first, so a reader
        of :attr:`generation` finds every write up to it in :meth:`changes_since`."""
        self._changes.record(self.generation + 1, subjects)
        self.generation += 1

    def changes_since(self, generation: int) -> Subjects:
        """The IRIs of the subjects whose triples in some named graph the writes after
        ``generation`` replaced, added or removed; None when that is not known (a bulk load,
        blank nodes, a write of very many subjects, or writes too long ago:
        :mod:`kg.store.changes`)."""
        return self._changes.since(generation)

    def _graph_subjects(self, graph: URIRef) -> Subjects:
        """The subjects of the named graph ``graph`` now (None: too many, or a blank node)."""
        g = ox.NamedNode(str(graph))
        return bounded(q.subject for q in self._store.quads_for_pattern(None, None, None, g))

    def _write(self, graph: URIRef, data: str | None) -> None:
        """Replace (``data``: N-Triples, IRIs and literals) or drop (None) ``graph`` with its
        counts, its version and its text index rows: :meth:`_write_graphs` of one graph."""
        self._write_graphs([(graph, data)])

    def _write_graphs(self, items: Sequence[tuple[URIRef, str | None]]) -> None:
        """Replace (``data``: N-Triples, IRIs and literals) or drop (None) each ``graph`` of
        ``items`` with its counts, its version and its text index rows. One SPARQL update is
        one transaction in Oxigraph: readers never see half a graph, nor some graphs of the
        group without the others. The data is parsed first (for the counts, the dates and the
        index rows): what does not parse as N-Triples is refused before anything is written.

        Several graphs are a group of new ones (:meth:`write_new_graphs`): the same quads as
        writing them one after the other in this order. The counts move once for the group
        (they add up graph by graph, :class:`~kg.store.counts.Part`), so a claim or an agent
        every graph of the group touches has its values rewritten once, not once a graph; a
        statement's date looks up its sources' publication dates in the store and in the
        group's graphs before its own, as the writes one by one would."""
        if len(items) > 1:
            graphs = [graph for graph, _data in items]
            if len(set(graphs)) < len(graphs) or any(data is None for _g, data in items):
                raise ValueError("a group of graphs is written once each, none dropped")
        with self._writing:
            for graph, _data in items:
                refuse_internal(graph)
            if len(items) > 1 and any(self.has_graph(graph) for graph, _data in items):
                raise ValueError("a group of graphs writes new graphs only")
            texts: list[str] = []
            dates: list[str] = []
            versions: list[str] = []
            old_parts: list[Part] = []
            new_parts: list[Part] = []
            touched: set[str] | None = set()
            docs: list[list[Doc] | None] = []  # each graph's index rows (None: read back)
            earlier: dict[str, set[str]] = {}  # the group's publication dates so far
            for graph, data in items:
                there = self.has_graph(graph)
                before = graph_facts(self._store, str(graph)) if there else Facts()
                old_subjects = self._graph_subjects(graph) if there else frozenset()
                triples = None if data is None else parse_triples(data)  # parsed once
                new_subjects = frozenset() if data is None else subjects_in(triples)
                old_parts.append(Part.of(before))
                gathered = None
                if data is not None and triples is not None:
                    gathered = gather(str(graph), data, triples)
                if gathered is not None:
                    facts = gathered.facts.get(str(graph)) or Facts()
                else:
                    facts = Facts() if data is None else _facts(data, triples)
                new_parts.append(Part.of(facts))
                if data is None:
                    texts.append(drop_update(graph, [], []))
                else:
                    stated = [s for s, sets in before.statements.items() if sets[1]]
                    if gathered is not None:  # the dates by difference, from the data
                        dates.append(
                            when_update(self._store, str(graph), gathered, stated, earlier)
                        )
                        for source, published in gathered.published.items():
                            earlier.setdefault(source, set()).update(published)
                    statements = [URIRef(s) for s in stated]
                    texts.append(
                        replace_update(graph, data, [], [], None, statements, when=gathered is None)
                    )
                versions.append(self._versioned(graph, None if data is None else digest(data)))
                if touched is not None and old_subjects is not None and new_subjects is not None:
                    touched |= old_subjects | new_subjects
                else:
                    touched = None
                if data is None or gathered is not None:
                    docs.append([] if gathered is None else [row[1:] for row in gathered.docs()])
                else:
                    docs.append(None)  # blank nodes: read back from the store once written
                self.index.note(str(graph))
            counts = counts_update(
                self._store,
                old_parts[0] if len(items) == 1 else Part.total(old_parts),
                new_parts[0] if len(items) == 1 else Part.total(new_parts),
                self._counts,
                None if len(items) > 1 else str(items[0][0]),
            )
            parts = [texts[0].rstrip().rstrip(";")]
            parts += [_operations(text).rstrip().rstrip(";") for text in texts[1:]]
            parts += [counts, *(d for d in dates if d), *versions]
            what = f"graph {items[0][0]}" if len(items) == 1 else f"{len(items)} graphs"
            self._counted(" ;\n".join(parts), what)
            self._wrote(None if touched is None else frozenset(touched))
            for (graph, data), rows in zip(items, docs, strict=True):
                if data is None:
                    self.index.drop(str(graph))
                else:
                    self.index.replace(str(graph), self._docs(graph) if rows is None else rows)

    def replace_graph_triples(self, graph: URIRef, triples: Iterable[TripleIn]) -> int:
        """Replace one named graph with ``triples`` (IRIs and literals only), in one
        transaction; return how many distinct triples it holds. Faster than
        :meth:`replace_graphs`: no rdflib graph is built."""
        return self.replace_graph_lines(graph, (line(s, p, o) for s, p, o in triples))

    def replace_graph_lines(self, graph: URIRef, lines: Iterable[str]) -> int:
        """Replace one named graph with N-Triples ``lines`` (one triple each, IRIs and literals
        only, as :func:`kg.store.counts.line` writes them), in one transaction; return how many
        distinct lines it holds. Lines that do not parse as N-Triples are refused (StoreError)
        before anything is written."""
        unique = dict.fromkeys(lines)
        self._write(graph, "\n".join(unique))
        return len(unique)

    def write_new_graphs(self, graphs: Sequence[tuple[URIRef, Iterable[str]]]) -> list[int]:
        """Write named graphs not in the store yet, each from N-Triples lines (as
        :meth:`replace_graph_lines` takes them), in one transaction: the quads that writing them
        one after the other in this order leaves, the summaries they change rewritten once
        (``kg ingest``'s group commit, :mod:`kg.ingest.overlap`). Return each graph's number of
        distinct lines. ValueError when one of them is in the store already or named twice."""
        unique = [(graph, dict.fromkeys(lines)) for graph, lines in graphs]
        self._write_graphs([(graph, "\n".join(lines)) for graph, lines in unique])
        return [len(lines) for _graph, lines in unique]

    def add_triples(self, graph: URIRef, triples: Iterable[TripleIn]) -> int:
        """Add ``triples`` (IRIs and literals only) to ``graph`` without rewriting it, with
        the counts of the statements they describe, in one transaction; return how many.
        The cost is that of the added triples, whatever the graph's size."""
        return self.add_lines(graph, (line(s, p, o) for s, p, o in triples))

    def add_lines(self, graph: URIRef, lines: Iterable[str]) -> int:
        """:meth:`add_triples` of N-Triples ``lines`` (as :meth:`replace_graph_lines` takes
        them)."""
        with self._writing:
            refuse_internal(graph)
            unique = dict.fromkeys(lines)
            if not unique:
                return 0
            data = "\n".join(unique)
            triples = parse_triples(data)  # parsed once: the facts and the subjects
            added = _facts(data, triples)
            before = Facts()
            g = ox.NamedNode(str(graph))
            for subject in set(added.statements) | added.labelled | {n for n, _ in added.keys}:
                for q in self._store.quads_for_pattern(ox.NamedNode(subject), None, None, g):
                    obj = q.object
                    before.add(
                        subject,
                        q.predicate.value,
                        obj.value if isinstance(obj, ox.NamedNode) else None,
                        obj.value if isinstance(obj, ox.Literal) else None,
                    )
            after = Facts(
                {k: tuple(set(x) for x in v) for k, v in before.statements.items()},  # type: ignore[misc]
                set(before.labelled),
                before.keys | added.keys,
            )
            for subject, sets in added.statements.items():
                mine = after.statements.setdefault(subject, (set(), set(), set(), set()))
                for i, values in enumerate(sets):
                    mine[i].update(values)
            after.labelled |= added.labelled
            text = template("add.ru").replace("{GRAPH}", term_text(graph))
            counts = counts_update(
                self._store, Part.of(before), Part.of(after), self._counts, str(graph)
            )
            version = self._versioned(graph, digest((self.graph_version(graph) or "") + data))
            self.index.note(str(graph))
            self._counted(
                text.replace("{DATA}", data) + " ;\n" + counts + " ;\n" + version, f"graph {graph}"
            )
            self._wrote(subjects_in(triples))
            self.index.replace(str(graph), self._docs(graph))
            return len(unique)

    def replace_graphs(self, dataset: Dataset, graphs: Sequence[URIRef] | None = None) -> int:
        """Replace named graphs; each is dropped and rewritten in one transaction."""
        written = 0
        targets = list(graphs_to_write(dataset, graphs))
        for name, _graph in targets:
            refuse_internal(name)  # before anything is written
        for name, graph in targets:
            data = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
            self._write(name, data)
            g = ox.NamedNode(str(name))
            written += sum(1 for _ in self._store.quads_for_pattern(None, None, None, g))
        return written

    def drop_graph(self, graph: URIRef) -> bool:
        """Remove one named graph (and its counts and index rows) in one transaction."""
        with self._writing:
            refuse_internal(graph)
            if not self._store.contains_named_graph(ox.NamedNode(str(graph))):
                return False
            self._write(graph, None)
            return True

    def bulk_load(self, path: Path) -> list[str]:
        """Load a large N-Quads/TriG file into an empty store fast, not as a transaction:
        the quads through Oxigraph's loader, the summaries and the text index from one pass
        over the file (:mod:`kg.store.bulk`), which stamps each graph's version: linking's claim
        index re-reads the graphs whose versions it has not seen. Return the named graphs in
        the file's order. A bad line stops the load with its line in the file, and the blocks
        loaded before it stay (the error says so)."""
        with self._writing:
            self._counts.reset()
            try:
                order = parallel_load(self._store, path, self.index.rebuild)
            except (OSError, SyntaxError, ValueError) as exc:
                note = ""
                if next(iter(self._store), None) is not None:  # the blocks loaded before it
                    note = " (the store holds part of the file: remove it before loading again)"
                raise StoreError(f"{path}: cannot load: {exc}{note}") from None
            finally:
                self._wrote(None)
            return order

    def backup(self, dest: Path) -> dict[str, object]:
        """Write a backup of this store into the new folder ``dest`` between two writes
        (:mod:`kg.store.backup_files`); return its manifest."""
        if self.path is None:
            raise StoreError("an in-memory store has no files to back up")
        with self._writing:
            return write_backup(self._store, dest)

    def reindex(self) -> None:
        """Recompute every summary (counts, pair nodes, dates, label keys, versions) in one
        transaction and rebuild the text index, from one pass over the graphs
        (:func:`kg.store.bulk.gather_store`). Indexes kept outside the store (linking's claim
        index, :mod:`kg.track.index`) compare graph versions and re-read what changed; the store
        never calls them."""
        with self._writing:
            self._counts.reset()
            gathered = gather_store(self._store)
            summary = "\n".join(gathered.summary())
            self._update(template("summaries.ru").replace("{DATA}", summary), "the summaries")
            self._stamp_versions()
            self.index.rebuild(gathered.docs())
            self._wrote(frozenset())  # the summaries only: no named graph changed

    def index_documents(
        self, graphs: Sequence[str] | None = None
    ) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        """The text index's documents the graphs (or only ``graphs``) call for
        (``search-docs.rq``) and those it holds, read under the write mutex: both at the same
        write boundary (for checks)."""
        query = template("search-docs.rq")
        with self._writing:
            if graphs is None:
                expected: list[tuple[str, ...]] = list(documents(self.select(query)))
            else:
                expected = []
                for start in range(0, len(graphs), 1000):
                    chunk = tuple(URIRef(g) for g in graphs[start : start + 1000])
                    expected.extend(documents(self.select(query, {"g": chunk})))
            return expected, list(self.index.rows(graphs))

    def _docs(self, graph: URIRef) -> list[Doc]:
        rows = self.select(template("search-docs.rq"), {"g": graph})
        return [row[1:] for row in documents(rows)]

    # -------------------------------------------------------------- reading

    def graphs(self) -> list[URIRef]:
        """Named graphs, sorted."""
        return sorted(
            URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)
        )

    def _query(
        self, query: str, bindings: Mapping[str, Bound] | None, data_only: bool = False
    ) -> Any:
        try:
            if data_only:  # the named graphs only: the summaries in the default graph stay out
                return self._store.query(
                    bind(query, bindings),
                    prefixes=PREFIXES,
                    default_graph=list(self._store.named_graphs()),
                )
            return self._store.query(
                bind(query, bindings), prefixes=PREFIXES, use_default_graph_as_union=True
            )
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        except (OSError, RuntimeError) as exc:
            raise _failure(self.path, exc, "query failed") from None

    def execute(
        self,
        query: str,
        bindings: Mapping[str, Bound] | None = None,
        timeout: float | None = None,
        data_only: bool = False,
        isolated: bool = False,
    ) -> Answer:
        """Run a query in a worker thread; rows and triples stream, waiting at most ``timeout``.
        With ``data_only``, the default graph is the named graphs' union without the summary
        counts (which live in the store's own default graph). ``isolated`` (user queries): on a
        store folder, run it in a query process that is killed at the timeout and whose memory
        is capped (:mod:`kg.store.isolated`); ``data_only`` holds there too."""
        if isolated and self.path is not None:
            if self._processes is None:
                self._processes = QueryProcesses(self.path)
            text = bind(query, bindings)
            return self._processes.run(text, PREFIXES, self.readable(), timeout, data_only)

        def job(emit: Callable[[Any], None]) -> None:
            answer = self._query(query, bindings, data_only)
            try:
                if isinstance(answer, ox.QueryBoolean):
                    emit(bool(answer))
                elif isinstance(answer, ox.QuerySolutions):
                    variables = tuple(v.value for v in answer.variables)
                    emit(variables)
                    for s in answer:
                        emit(tuple(from_ox(s[v]) for v in variables))
                else:
                    emit(None)
                    for t in answer:
                        emit((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
            except (OSError, RuntimeError) as exc:
                raise _failure(self.path, exc, "query failed") from None
            except (ValueError, TypeError) as exc:
                raise QueryError(f"query failed: {exc}") from None

        worker = Worker(job, timeout)
        head = worker.first()
        if isinstance(head, bool):
            return head
        if isinstance(head, tuple):
            return Rows(head, worker.rest())
        return Triples(worker.rest())

    def readable(self) -> str:
        """The folder a query process may read now: the store itself while this handle has
        not written (nothing changes it then), else a checkpoint of the store as of its last
        write (``<store>.snapshots/``, hard links, made when a query needs it), or the last
        checkpoint made while it is younger than :data:`SNAPSHOT_AGE` seconds. The checkpoints
        no query process reads any more are deleted."""
        assert self.path is not None
        if self.read_only or self.generation == 0:
            return str(self.path)
        with self._snapshotting:
            if self._snapshot is not None and self._young(SNAPSHOT_AGE.get()):
                return str(self._snapshot[1])
            return str(self._checkpoint_now()[1])

    def _checkpoint_now(self) -> tuple[int, Path]:
        """The checkpoint of the last write (made now if it is not there); under
        ``_snapshotting``. Older checkpoints nobody reads are deleted."""
        assert self.path is not None
        generation = self.generation  # (a write meanwhile: the checkpoint is newer)
        if self._snapshot is None or self._snapshot[0] != generation:
            folder = sibling(self.path, ".snapshots") / f"{generation}-{secrets.token_hex(4)}"
            try:
                folder.parent.mkdir(exist_ok=True)
                self._store.backup(str(folder))
            except (OSError, RuntimeError) as exc:
                raise _failure(self.path, exc, "cannot checkpoint the store") from None
            self._snapshot = (generation, folder)
            self._snapshot_made = time.monotonic()
            used = self._processes.in_use() if self._processes is not None else set()
            used |= set(self._pinned)
            for old in folder.parent.iterdir():
                if old != folder and str(old) not in used:
                    shutil.rmtree(old, ignore_errors=True)
        return self._snapshot

    @contextmanager
    def checkpoint(self) -> Iterator[tuple[int, str]]:
        """(generation, folder) of a checkpoint of the store as of its last write, which
        another process may open read-only: kept until the block ends."""
        if self.path is None or self.read_only:
            raise StoreError("only a store on disk that this process writes has checkpoints")
        with self._snapshotting:
            generation, folder = self._checkpoint_now()
            self._pinned[str(folder)] = self._pinned.get(str(folder), 0) + 1
        try:
            yield generation, str(folder)
        finally:
            with self._snapshotting:
                self._pinned[str(folder)] -= 1
                if not self._pinned[str(folder)]:
                    del self._pinned[str(folder)]

    def _young(self, max_age: float) -> bool:
        return max_age > 0 and time.monotonic() - self._snapshot_made < max_age

    def reads_at(self, max_age: float = 0.0) -> int:
        """The generation a user query would read now if its checkpoint may trail the last
        write by ``max_age`` seconds (:data:`SNAPSHOT_AGE`): the last checkpoint's while it is
        that young, else the store's own."""
        snapshot = self._snapshot
        if snapshot is not None and self.path is not None and self._young(max_age):
            return snapshot[0]
        return self.generation

    def select(self, query: str, bindings: Mapping[str, Bound] | None = None) -> Results:
        """Run a SELECT query and read every row."""
        solutions = self._query(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        variables = tuple(v.value for v in solutions.variables)
        try:
            rows = tuple(tuple(from_ox(s[v]) for v in variables) for s in solutions)
        except (OSError, RuntimeError) as exc:
            raise _failure(self.path, exc, "query failed") from None
        return Results(variables, rows)

    def ask(self, query: str, bindings: Mapping[str, Bound] | None = None) -> bool:
        """Run an ASK query."""
        answer = self._query(query, bindings)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(answer)

    def ntriples(self, query: str, bindings: Mapping[str, Bound] | None = None) -> str:
        """Run a CONSTRUCT; its triples as N-Triples text, serialised by Oxigraph."""
        answer = self._query(query, bindings)
        if not isinstance(answer, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT query")
        try:
            return (answer.serialize(format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from None

    def graph_ntriples(self, graph: URIRef) -> str:
        """Every triple of the named graph ``graph`` as N-Triples text, dumped by Oxigraph (the
        same lines as a ``CONSTRUCT`` of the graph, in a third less time)."""
        try:
            dumped = self._store.dump(
                format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(graph))
            )
        except (OSError, RuntimeError) as exc:
            raise _failure(self.path, exc, "reading a graph failed") from None
        return (dumped or b"").decode("utf-8")

    def search(
        self, text: str, limit: int = 20, kinds: Sequence[str] = (), langs: Sequence[str] = ()
    ) -> list[Hit]:
        """Full-text search through the Tantivy index."""
        with self._writing:
            return self.index.search(text, limit, kinds, langs)

    def quads(self) -> Iterator[ox.Quad]:
        """Every data quad, streamed (for exports)."""
        return (q for q in self._store if not isinstance(q.graph_name, ox.DefaultGraph))

    def __len__(self) -> int:
        counts = self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        return len(self._store) - sum(1 for _ in counts)

    def close(self) -> None:
        """Flush and release the store and its index (a store found damaged then says so)."""
        failure = None
        if self._owner is not None:  # requests under way finish first
            self._owner.close()
        if self._processes is not None:
            self._processes.close()
        if self.path is not None and not self.read_only:
            shutil.rmtree(sibling(self.path, ".snapshots"), ignore_errors=True)
        if self.path is not None and not self.read_only:
            try:
                self._store.flush()
            except OSError:
                pass
            except RuntimeError as exc:
                failure = _failure(self.path, exc, "cannot flush the store")
        try:
            self.index.close()
            if failure is not None:
                raise failure
        finally:
            del self._store
            if self._lock is not None:
                self._lock.release()
