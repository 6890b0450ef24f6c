"""``kg check``: verify the store's integrity.

Every statement must have its claim, claimant, source and a span whose exact text is found at
its offsets in the source text (SPARQL checks in ``kg/queries/check-*.rq``, which run on any
store); every text of the claim a machine-extracted assertion points at must fit the
assertion's span (:func:`fit_problems`: scored as claims are matched at ingest, a text that is
not even related is a claim IRI that came to mean something else); and every named graph must
conform to the SHACL shapes (:mod:`kg.shacl_store`, a batch of graphs at a time, in worker
processes with ``jobs``; optional). On the embedded store opened for writing, the text index
must hold exactly the documents the graphs call for (``search-docs.rq``).

**Incremental.** On the embedded store opened for writing, what a check found is recorded
(:mod:`kg.check_record`) with each graph's version and a digest of what it says about each of
its nodes. The next check reads only the graphs whose version changed (or that are new or
gone), finds the nodes whose description changed in them, and checks again only those nodes
and the nodes pointing at them (in any graph: a statement is checked with its claim's and its
agent's data, so an agent changed in the agents' registry sends every statement attributed to
it back through the checks); the statement checks, whose queries read one step further, also
take the nodes pointing at those. Every other node keeps the findings recorded for it, which
were made at the versions its graphs still have. A change of the shapes or of the check
queries, ``full=True``, or a store without a record makes the check a full one.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from rdflib import BNode, URIRef

from kg.check_record import (
    NEAR,
    CheckRecord,
    Finding,
    record_path,
    rules_digest,
    violation_text,
)
from kg.queries import load_query
from kg.shacl_store import (
    BATCH,
    GraphViolations,
    Task,
    Workers,
    batches,
    full_tasks,
    graph_nodes,
    graph_text,
    merged,
    run_task,
    run_tasks,
)
from kg.store import EmbeddedStore, SharedStore, Store
from kg.store.search import documents
from kg.store.sparql import template
from kg.track.features import Signature, signature
from kg.track.match import Kind, classify
from kg.track.score import score
from kg.validate import Violation

__all__ = [
    "CheckReport",
    "Problem",
    "check_store",
    "expected_documents",
    "fit_problems",
    "index_problems",
    "run_check",
]

#: Statement checks (``?g ?statement ?problem``; the statements may be bound).
CHECKS = (
    "check-statements",
    "check-statement-claims",
    "check-statement-claimants",
    "check-statement-sources",
    "check-spans",
)
#: Nodes named in one query (some servers' parsers refuse longer VALUES blocks).
NODES = 1000
#: IRI nodes validated in one SHACL task of an incremental check.
TASK_NODES = 10_000
#: Named graphs read in one task of a full check's pass over the graphs.
DIGEST_GRAPHS = 50


@dataclass(frozen=True)
class Problem:
    """One integrity problem: what it is about, and what is wrong."""

    focus: str
    problem: str

    def __str__(self) -> str:
        return f"{self.focus}: {self.problem}"


@dataclass(frozen=True)
class CheckReport:
    """What a check found, and how much of the store it read again."""

    problems: list[Problem]
    graphs: int  # named graphs in the store
    changed: int  # named graphs new, gone or written since the last check (all when full)
    nodes: int | None  # nodes checked again (None when full: every node)
    full: bool


def check_store(store: Store, shacl: bool = True) -> list[Problem]:
    """All integrity problems of ``store`` (an empty list when it is sound)."""
    return run_check(store, shacl=shacl).problems


def run_check(store: Store, shacl: bool = True, full: bool = False, jobs: int = 1) -> CheckReport:
    """Check ``store``: incrementally when it keeps a check record and ``full`` is false;
    the SHACL batches in ``jobs`` worker processes when the store is a folder."""
    record = _open_record(store)
    try:
        return _run(store, record, shacl, full, jobs)
    finally:
        if record is not None:
            record.close()


def _open_record(store: Store) -> CheckRecord | None:
    if isinstance(store, EmbeddedStore) and store.path is not None and not store.read_only:
        return CheckRecord(record_path(store.path))
    return None


def _location(store: Store) -> str | None:
    """Where worker processes open ``store`` read-only (None: they cannot)."""
    if isinstance(store, EmbeddedStore) and store.path is not None:
        return str(store.path)
    return None


def _run(
    store: Store, record: CheckRecord | None, shacl: bool, full: bool, jobs: int
) -> CheckReport:
    graphs = [str(g) for g in store.graphs()]
    # the versions are read before the graphs: a graph written meanwhile is read again next time
    versions = store.graph_versions() if isinstance(store, EmbeddedStore) else {}
    rules = rules_digest(shacl)
    found: list[Finding] = []
    if record is None or full or record.rules() != rules:
        # one pass over the graphs gives the record's digests and which nodes each graph
        # describes (which the SHACL batches need); in worker processes, while this one runs
        # the statement checks, and then the text index's while they run the SHACL batches
        parallel = jobs if len(graphs) > BATCH else 1
        with Workers(store, parallel, _location(store)) as workers:
            chunks = list(batches(graphs, DIGEST_GRAPHS))
            pending: Callable[[], Sequence[Mapping[str, Collection[str]]]] = list
            if record is not None:
                pending = workers.start(_chunk_digests, chunks)
            elif shacl:
                pending = workers.start(_chunk_nodes, chunks)
            found.extend(_statement_findings(store, None))
            nodes_of: dict[str, Collection[str]] = {}
            for part in pending():
                nodes_of.update(part)
            if shacl:
                checking = workers.start(run_task, full_tasks(nodes_of, BATCH))
            found.extend(_index_findings(store, None))
            if shacl:
                found.extend(_shacl_findings(merged(checking())))
        changed_count, node_count = len(graphs), None
        if record is not None:
            digests = cast(dict[str, dict[str, tuple[str, str]]], nodes_of)
            held = Counter(n for nodes in digests.values() for n in nodes)
            several = sorted(n for n, k in held.items() if k > 1 and not n.startswith("_:"))
            record.save(
                rules,
                full=True,
                versions={g: versions[g] for g in graphs if g in versions},
                digests=digests,
                dropped=(),
                rechecked=(),
                whole=(),
                found=found,
                shared=dict(_union_digests(store, several)),
            )
            found = record.findings()
        is_full = True
    else:
        recorded = record.versions()
        present = set(graphs)
        changed = [g for g in graphs if versions.get(g) is None or recorded.get(g) != versions[g]]
        dropped = sorted(g for g in recorded if g not in present)
        digests = {g: _digests(store, g) for g in changed}
        touched: set[str] = set()
        whole = []
        for g in changed:
            old, new = record.digests(g), digests[g]
            touched.update(n for n in old.keys() | new.keys() if old.get(n) != new.get(n))
            if any(n.startswith("_:") for n in (*old, *new)):
                whole.append(g)  # blank nodes: the graph is validated whole (kg.shacl_store)
        for g in dropped:
            touched.update(record.digests(g))
        nodes = sorted(n for n in touched if not n.startswith("_:"))
        # a node is checked with what every graph says about the nodes it points to: those
        # are checked again only when that changed (not when one of many graphs repeating
        # the same triples about an agent went)
        union = _union_digests(store, nodes)
        moved = sorted(n for n in nodes if union.get(n) != record.near_digest(n))
        near = set(moved) | _pointing(store, moved)
        dirty = sorted(set(nodes) | near)
        # the statement checks read one step further (a statement's span's source text)
        statements = sorted(set(dirty) | _pointing(store, sorted(near)))
        found.extend(_statement_findings(store, statements))
        described = _described_by(store, dirty)
        if shacl:
            tasks: list[Task] = [(URIRef(g),) for g in whole]
            iris = sorted(described)
            for start in range(0, len(iris), TASK_NODES):
                tasks.append({n: described[n] for n in iris[start : start + TASK_NODES]})
            found.extend(_shacl_findings(run_tasks(store, tasks, jobs, _location(store))))
        # the text index is compared for the graphs written since; the others keep what was
        # found (a drift that arose without a write needs --full)
        index_graphs = sorted(set(changed) | set(dropped))
        found.extend(_index_findings(store, index_graphs))
        record.save(
            rules,
            full=False,
            versions={g: versions[g] for g in changed if g in versions},
            digests=digests,
            dropped=dropped,
            rechecked=[("check", n) for n in statements]
            + [("shacl", n) for n in dirty]
            + [("index", g) for g in index_graphs],
            whole=whole,
            found=found,
            shared={
                n: union.get(n) if len(described.get(URIRef(n), ())) > 1 else None for n in nodes
            },
        )
        found = record.findings()
        changed_count, node_count = len(changed) + len(dropped), len(statements)
        is_full = False
    problems = _problems(found, shacl)
    for focus, problem in store.select(load_query("check-unfinished").text):
        problems.append(Problem(str(focus), str(problem)))
    problems.extend(
        sorted({Problem(f.graph, f.text) for f in found if f.kind == "index"}, key=_order)
    )
    problems.extend(_shacl_problems(found) if shacl else [])
    return CheckReport(problems, len(graphs), changed_count, node_count, is_full)


def _index_findings(store: Store, graphs: Sequence[str] | None) -> list[Finding]:
    """The text index's drift from the graphs (all, or ``graphs``), as findings."""
    if isinstance(store, (EmbeddedStore, SharedStore)) and not store.read_only:
        # (a read-only handle may see the index a commit behind its writer: by design; the
        # owner of a shared store reads the index and the graphs at one write boundary)
        return [
            Finding(p.focus, p.focus, "index", p.problem) for p in index_problems(store, graphs)
        ]
    return []


def _chunks(nodes: Sequence[str]) -> Iterator[tuple[URIRef, ...]]:
    for start in range(0, len(nodes), NODES):
        yield tuple(URIRef(n) for n in nodes[start : start + NODES])


def _pointing(store: Store, nodes: Sequence[str]) -> set[str]:
    """The IRI nodes pointing at any of ``nodes``, in any named graph."""
    query = load_query("check-dirty-pointing").text
    return {str(n) for chunk in _chunks(nodes) for (n,) in store.select(query, {"t": chunk})}


def _described_by(store: Store, nodes: Sequence[str]) -> dict[URIRef, list[URIRef]]:
    """Each of ``nodes`` that a named graph describes, with the graphs describing it."""
    query = load_query("check-dirty-described").text
    out: dict[URIRef, list[URIRef]] = defaultdict(list)
    for chunk in _chunks(nodes):
        for g, n in store.select(query, {"n": chunk}):
            if isinstance(g, URIRef) and isinstance(n, URIRef):
                out[n].append(g)
    return dict(out)


def _digests(store: Store, graph: str) -> dict[str, tuple[str, str]]:
    """Digests of what ``graph`` says about each node it describes (an IRI, or ``_:`` and a
    blank node's label): all of it, and its triples with a :data:`~kg.check_record.NEAR`
    predicate."""
    text = graph_text(store, graph)
    lines: dict[str, list[str]] = defaultdict(list)
    for line in text.splitlines():
        if line:
            lines[line.split(" ", 1)[0]].append(line)
    return {
        (s[1:-1] if s.startswith("<") else s): (
            _digest(ls),
            _digest(line for line in ls if line.split(" ", 2)[1] in NEAR),
        )
        for s, ls in lines.items()
    }


def _chunk_digests(store: Store, graphs: Sequence[str]) -> dict[str, dict[str, tuple[str, str]]]:
    """:func:`_digests` of each of ``graphs``."""
    return {g: _digests(store, g) for g in graphs}


def _chunk_nodes(store: Store, graphs: Sequence[str]) -> dict[str, set[str]]:
    """The nodes each of ``graphs`` describes (no record to keep their digests in)."""
    return graph_nodes(store, graphs)


def _union_digests(store: Store, nodes: Sequence[str]) -> dict[str, str]:
    """A digest of what all named graphs together say about each of ``nodes`` (that any
    describes) with a :data:`~kg.check_record.NEAR` predicate."""
    query = load_query("check-node-triples").text
    lines: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(nodes):
        for line in store.ntriples(query, {"s": chunk}).splitlines():
            if line:
                s, p, _rest = line.split(" ", 2)
                near = lines[s[1:-1]]  # a node described, if only with other predicates
                if p in NEAR:
                    near.add(line)
    return {n: _digest(ls) for n, ls in lines.items()}


def _digest(lines: Iterable[str]) -> str:
    """A digest of a node's N-Triples lines (in any order, without repeats)."""
    text = "\n".join(sorted(set(lines)))
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:20]


def _statement_findings(store: Store, statements: Sequence[str] | None) -> list[Finding]:
    """The statement checks' problems, on ``statements`` only when given."""
    bound: list[dict[str, tuple[URIRef, ...]] | None] = (
        [None] if statements is None else [{"statement": c} for c in _chunks(statements)]
    )
    found = []
    for bindings in bound:
        for name in CHECKS:
            for g, focus, problem in store.select(load_query(name).text, bindings):
                found.append(Finding(str(g), str(focus), "check", str(problem)))
        found.extend(fit_problems(store, bindings))
    return found


def _shacl_findings(violations: Mapping[URIRef, Sequence[Violation]]) -> list[Finding]:
    return [
        Finding(
            str(graph),
            str(v.focus),
            "shacl",
            violation_text(str(v.focus), isinstance(v.focus, BNode), _path(v), v.message),
        )
        for graph, some in violations.items()
        for v in some
    ]


def _path(v: Violation) -> str | None:
    return None if v.path is None else str(v.path)


def _problems(found: Iterable[Finding], shacl: bool) -> list[Problem]:
    """The statement checks' problems among ``found``: one per focus and text, sorted."""
    return sorted({Problem(f.node, f.text) for f in found if f.kind == "check"}, key=_order)


def _order(p: Problem) -> tuple[str, str]:
    return (p.focus, p.problem)


def _shacl_problems(found: Iterable[Finding]) -> list[Problem]:
    """One problem per named graph with SHACL violations, naming the first."""
    per_graph: dict[str, set[Violation]] = defaultdict(set)
    for f in found:
        if f.kind == "shacl":
            focus, blank, path, message = json.loads(f.text)
            node = BNode(focus) if blank else URIRef(focus)
            per_graph[f.graph].add(Violation(node, None if path is None else URIRef(path), message))
    out = []
    for graph in sorted(per_graph):
        ordered = sorted(per_graph[graph], key=lambda v: (str(v.focus), str(v.path), v.message))
        out.append(Problem(graph, GraphViolations(URIRef(graph), tuple(ordered)).message()))
    return out


def fit_problems(
    store: Store, bindings: Mapping[str, tuple[URIRef, ...]] | None = None
) -> list[Finding]:
    """One finding per claim text that does not fit the span of a machine-extracted assertion
    pointing at the claim (scored against the span as :mod:`kg.track.link` scores claims; below
    ``related`` does not fit); the statements may be bound (``statement``)."""
    sigs: dict[tuple[str, str], Signature] = {}

    def sig(text: str, lang: str) -> Signature:
        if (text, lang) not in sigs:
            sigs[(text, lang)] = signature(text, lang)
        return sigs[(text, lang)]

    found = []
    query = load_query("check-claim-fit").text
    for g, statement, exact, lang, claim, text in store.select(query, bindings):
        if str(text) in str(exact):  # the claim's words as the span has them: it fits
            continue
        text_lang = getattr(text, "language", None) or str(lang)
        if classify(score(sig(str(exact), str(lang)), sig(str(text), text_lang))) is Kind.none:
            problem = (
                f"its claim {claim} has a text that does not fit its span "
                f"({text_lang}: {str(text)[:60]!r})"
            )
            found.append(Finding(str(g), str(statement), "check", problem))
    return found


def expected_documents(store: Store) -> Counter[tuple[str, ...]]:
    """The text index's documents that the graphs call for (``search-docs.rq``): (graph,
    kind, iri, about, text, language)."""
    return Counter(documents(store.select(template("search-docs.rq"))))


def index_problems(
    store: EmbeddedStore | SharedStore, graphs: Sequence[str] | None = None
) -> list[Problem]:
    """One problem per named graph (of ``graphs`` if given: the embedded store only) whose
    documents in the text index differ from what its triples call for (both read at one write
    boundary, here or by the store's owner)."""
    if graphs is not None and isinstance(store, EmbeddedStore):
        wanted, held = store.index_documents(graphs)
    else:
        wanted, held = store.index_documents()
    expected: Counter[tuple[str, ...]] = Counter(wanted)
    indexed: Counter[tuple[str, ...]] = Counter(held)
    drift = Counter(row[0] for row in (expected - indexed) + (indexed - expected))
    message = "the text index differs from the graph in {} document(s); run kg reindex"
    return [Problem(graph, message.format(n)) for graph, n in sorted(drift.items())]
