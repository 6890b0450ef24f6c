"""The SHACL shapes over a whole store, a batch of named graphs at a time.

Validating the union of every graph at once read the whole store into rdflib and grew faster
than the store (pySHACL: 74 s for 40 articles, over 15 minutes for 300). Here each batch of
named graphs is validated on its own, with the engine of :mod:`kg.validate`, and it gives the
same violations as the union would:

* the data of a batch (``check-shacl-*.rq``, serialised by the store's engine, never through
  rdflib) is everything the store's graphs say about the nodes the batch describes and about
  the nodes those point to. Every constraint in ``ontology/shapes.ttl`` reads at most two
  steps from its focus node (a value's ``rdf:type`` for ``sh:class``; a span's source text),
  so a described node has all it is checked against, wherever those triples live (a claim
  typed in one article's graph and cited by another's; the agents' registry);
* only the nodes the batch's graphs describe are focus nodes: a node merely pointed to is
  checked with the graphs that describe it, so it is never judged on part of its data.

A violation is reported against each named graph that describes its focus node.

**A full check** (every graph: :func:`shacl_problems`, ``kg check`` without a record) knows
which nodes every graph describes from one pass over the graphs (:func:`graph_nodes`; ``kg
check`` digests the same text for its record), so a batch (:class:`GraphBatch`) reads its
graphs whole (``check-graph-triples.rq``) and asks the store only for the nodes other graphs
describe too and the nodes pointed to, instead of every node by name. The engine validates
the batch's data without a list of focus nodes (given some thousands, it took several times
longer), and the violations of nodes the batch does not describe are dropped.
"""

from __future__ import annotations

import io
import multiprocessing
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.term import Node

from kg.errors import StoreError
from kg.queries import load_query
from kg.store import EmbeddedStore, Store
from kg.validate import Violation, summary, validate, violations

__all__ = [
    "BATCH",
    "NODES",
    "GraphBatch",
    "GraphViolations",
    "Task",
    "Workers",
    "batches",
    "full_tasks",
    "graph_nodes",
    "graph_text",
    "merged",
    "run_task",
    "run_tasks",
    "shacl_problems",
]

A = TypeVar("A")
T = TypeVar("T")
R = TypeVar("R")

#: Named graphs validated together (bounds the memory one validation needs).
BATCH = 200
#: Nodes named in one query (Virtuoso's parser refuses a VALUES block of some thousands).
NODES = 1000


@dataclass(frozen=True)
class GraphViolations:
    """The violations of the nodes one named graph describes."""

    graph: URIRef
    violations: tuple[Violation, ...]

    def message(self) -> str:
        """``does not conform to the SHACL shapes (n violation(s)); first: ...``."""
        return summary("", self.violations).removeprefix(": ")


def batches(graphs: Sequence[T], size: int) -> Iterator[tuple[T, ...]]:
    for start in range(0, len(graphs), size):
        yield tuple(graphs[start : start + size])


@dataclass(frozen=True)
class GraphBatch:
    """Named graphs validated together in a full check, with the IRI nodes they describe that
    other graphs describe too (``shared``: their data is read from every graph)."""

    graphs: tuple[URIRef, ...]
    shared: tuple[str, ...]


#: Where claimgraph's named graphs live (the SHACL data is read from those only), and its
#: remote store's summaries graph, which is not one of them (``check-shacl-data.rq``).
_DATA_GRAPHS = "https://w3id.org/claimgraph/id/graph/"
_SUMMARIES = "https://w3id.org/claimgraph/id/graph/stats"


def graph_text(store: Store, graph: URIRef | str) -> str:
    """Every triple of ``graph``, as N-Triples serialised by the store's engine."""
    if isinstance(store, EmbeddedStore):
        return store.graph_ntriples(URIRef(graph))
    return store.ntriples(load_query("check-graph-triples").text, {"g": URIRef(graph)})


def _subject(line: str) -> str:
    """The subject of an N-Triples line, as the check keys nodes (an IRI without its angle
    brackets, or ``_:`` and a blank node's label)."""
    s = line.split(None, 1)[0]  # (some servers separate the terms with tabs)
    return s[1:-1] if s.startswith("<") else s


def graph_nodes(store: Store, graphs: Sequence[URIRef | str]) -> dict[str, set[str]]:
    """The nodes each of ``graphs`` describes (keyed as :func:`_subject` keys them)."""
    return {
        str(g): {_subject(line) for line in graph_text(store, g).splitlines() if line}
        for g in graphs
    }


def full_tasks(nodes: Mapping[str, Collection[str]], size: int = BATCH) -> list[GraphBatch]:
    """Batches of ``size`` of the graphs of ``nodes`` (graph -> the nodes it describes, every
    graph of the store), each with the nodes it shares with other graphs; a graph describing
    blank nodes is a batch of its own (its blank nodes' violations are its own)."""
    held = Counter(n for some in nodes.values() for n in some if not n.startswith("_:"))
    tasks = []
    for batch in batches(sorted(URIRef(g) for g in nodes), size):
        blank = [g for g in batch if any(n.startswith("_:") for n in nodes[str(g)])]
        groups = [tuple(g for g in batch if g not in blank), *((g,) for g in blank)]
        for group in groups:
            if group:
                shared = {n for g in group for n in nodes[str(g)] if held.get(n, 0) > 1}
                tasks.append(GraphBatch(group, tuple(sorted(shared))))
    return tasks


def _iri_object(line: str) -> str | None:
    """The object of an N-Triples line if it is an IRI (a literal's last word may start with
    ``<`` too, but holds a ``"``, which an IRI cannot)."""
    token = line.rstrip().removesuffix(".").rsplit(None, 1)[-1]
    return token[1:-1] if token.startswith("<") and '"' not in token else None


def _check_graphs(store: Store, task: GraphBatch) -> dict[URIRef, list[Violation]]:
    """The violations of the nodes the graphs of ``task`` describe, per graph."""
    described: dict[Node, list[URIRef]] = {}
    data: list[str] = []  # what claimgraph's graphs say about the batch's IRIs, and blank nodes
    pointed: set[str] = set()  # the IRIs those point to (not those blank nodes point to)
    for graph in task.graphs:
        own = str(graph).startswith(_DATA_GRAPHS) and str(graph) != _SUMMARIES
        text = graph_text(store, graph)
        seen: set[str] = set()
        for line in io.StringIO(text):  # (line by line: no list of a big graph's lines)
            if not line.strip():
                continue
            s = _subject(line)
            if s not in seen:
                seen.add(s)
                node: Node = BNode(s[2:]) if s.startswith("_:") else URIRef(s)
                described.setdefault(node, []).append(graph)
            if s.startswith("_:"):
                if not own:
                    data.append(line)
            elif own and (o := _iri_object(line)) is not None:
                pointed.add(o)
        if own:
            data.append(text if text.endswith("\n") else text + "\n")
    shared = [URIRef(n) for n in task.shared]
    extra = _described(store, shared) if shared else ""
    # the nodes pointed to that the batch does not describe (as check-shacl-data.rq's first
    # step reads the batch's IRIs and what they point to)
    pointed.update(o for line in extra.splitlines() if line and (o := _iri_object(line)))
    far = sorted(URIRef(o) for o in pointed if URIRef(o) not in described)
    text = "".join([*data, extra, _described(store, far)])
    del data
    blank = any(isinstance(n, BNode) for n in described)
    return _found(text, described, task.graphs if blank else ())


def _values(name: str, terms: Sequence[URIRef]) -> dict[str, Any]:
    """A parameter bound to each of ``terms`` (a VALUES block: :func:`kg.store.binding.bind`)."""
    return {name: tuple(terms)}


def _described(store: Store, nodes: Sequence[URIRef]) -> str:
    """N-Triples of all the store's graphs say about ``nodes`` (asked :data:`NODES` at a
    time: some servers' parsers refuse longer VALUES blocks)."""
    query = load_query("check-shacl-data").text
    return "".join(
        store.ntriples(query, _values("s", nodes[i : i + NODES]))
        for i in range(0, len(nodes), NODES)
    )


def _objects(ntriples: str) -> set[URIRef]:
    """The IRIs in object position in N-Triples text (parsed by Oxigraph)."""
    triples = ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return {URIRef(t.object.value) for t in triples if isinstance(t.object, ox.NamedNode)}


def _check_batch(store: Store, batch: tuple[URIRef, ...]) -> dict[URIRef, list[Violation]]:
    described: dict[Node, list[URIRef]] = defaultdict(list)
    for g, s in store.select(load_query("check-shacl-nodes").text, _values("g", batch)):
        if isinstance(g, URIRef) and s is not None:
            described[s].append(g)
    blank = sorted({g for n, graphs in described.items() if isinstance(n, BNode) for g in graphs})
    if blank and len(batch) > 1:
        # a blank node cannot be named as a focus node, and the engine renames it in its
        # report: a graph with blank nodes is checked alone, so their violations are its own
        split = _check_batch(store, tuple(g for g in batch if g not in blank))
        for graph in blank:
            split.update(_check_batch(store, (graph,)))
        return split
    if blank:
        return _check_nodes(store, described, batch)
    return _check_nodes(store, described)


def _check_nodes(
    store: Store,
    described: Mapping[Node, Sequence[URIRef]],
    blank_graph: tuple[URIRef, ...] = (),
) -> dict[URIRef, list[Violation]]:
    """The violations of the IRI nodes of ``described`` (node -> the graphs describing it),
    per graph; with ``blank_graph`` (one graph holding blank nodes) every node of that graph
    is validated."""
    iris = sorted(n for n in described if isinstance(n, URIRef))
    first = _described(store, iris)
    data = [first, _described(store, sorted(_objects(first) - set(iris)))]
    if blank_graph:
        data.append(store.ntriples(load_query("check-shacl-blank").text, _values("g", blank_graph)))
    return _found("".join(data), described, blank_graph)


def _found(
    data: str, described: Mapping[Node, Sequence[URIRef]], blank_graph: tuple[URIRef, ...]
) -> dict[URIRef, list[Violation]]:
    """The violations of the nodes of ``described`` in ``data``, per graph describing them;
    a blank node's, against ``blank_graph`` (one graph, the batch, when given). Every node of
    ``data`` is validated (the engine takes several times longer given a list of focus
    nodes) and the results about nodes the batch does not describe are dropped."""
    conforms, report = validate(data)
    found: dict[URIRef, list[Violation]] = defaultdict(list)
    if conforms:
        return found
    for violation in violations(report):
        graphs = described.get(violation.focus)
        if graphs is None and isinstance(violation.focus, BNode):
            graphs = list(blank_graph)  # one graph: the one holding the blank node
        for graph in graphs or ():
            found[graph].append(violation)
    return found


#: A task of :func:`run_tasks`: a batch of named graphs validated whole (with what a full
#: check knows of them, or without), or IRI nodes (each with the graphs that describe it)
#: validated as focus nodes.
Task = GraphBatch | tuple[URIRef, ...] | dict[URIRef, list[URIRef]]


def run_task(store: Store, task: Task) -> dict[URIRef, list[Violation]]:
    """The violations one task finds, per graph."""
    if isinstance(task, GraphBatch):
        return _check_graphs(store, task)
    if isinstance(task, tuple):
        return _check_batch(store, task)
    nodes: dict[Node, Sequence[URIRef]] = {node: graphs for node, graphs in task.items()}
    return _check_nodes(store, nodes)


_WORKER: dict[str, Store] = {}


def _open_worker(location: str) -> None:
    from kg.store import open_store

    _WORKER["store"] = open_store(location, read_only=True)


def _call_in_worker(fn: Callable[[Store, A], R], item: A) -> R:
    return fn(_WORKER["store"], item)


class Workers:
    """Work on ``store`` in ``jobs`` worker processes, each opening it at ``location``
    read-only (the caller must not write meanwhile); in this process when ``jobs`` is 1 or
    the store cannot be opened so (``location`` None). Used as a context manager."""

    def __init__(self, store: Store, jobs: int = 1, location: str | None = None) -> None:
        self.store = store
        self._pool: ProcessPoolExecutor | None = None
        if jobs > 1 and location is not None:
            self._pool = ProcessPoolExecutor(
                jobs,
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=_open_worker,
                initargs=(location,),
            )

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def start(self, fn: Callable[[Store, A], R], items: Sequence[A]) -> Callable[[], list[R]]:
        """Start ``fn(store, item)`` for each of ``items`` (``fn`` a module-level function);
        return what collects the results in order (this process works meanwhile). Without
        worker processes the work is done when collected."""
        pool = self._pool
        if pool is None or len(items) <= 1:
            return lambda: [fn(self.store, item) for item in items]
        futures = [pool.submit(_call_in_worker, fn, item) for item in items]

        def collect() -> list[R]:
            try:
                return [f.result() for f in futures]
            except BrokenProcessPool:
                raise StoreError("kg check: a worker process died (out of memory?)") from None

        return collect


def merged(
    results: Iterable[Mapping[URIRef, Sequence[Violation]]],
) -> dict[URIRef, list[Violation]]:
    """The violations of several tasks, per graph (each graph's sorted, without repeats)."""
    found: dict[URIRef, set[Violation]] = defaultdict(set)
    for result in results:
        for graph, some in result.items():
            found[graph].update(some)
    return {
        graph: sorted(some, key=lambda v: (str(v.focus), str(v.path), v.message))
        for graph, some in found.items()
    }


def run_tasks(
    store: Store, tasks: Sequence[Task], jobs: int = 1, location: str | None = None
) -> dict[URIRef, list[Violation]]:
    """The violations ``tasks`` find, per graph (each graph's sorted, without repeats): in
    this process, or in ``jobs`` worker processes each opening the store at ``location``
    read-only (the caller must not write meanwhile)."""
    with Workers(store, min(jobs, len(tasks)), location) as workers:
        return merged(workers.start(run_task, tasks)())


def shacl_problems(store: Store, size: int = BATCH) -> list[GraphViolations]:
    """Every named graph of ``store`` whose nodes break the SHACL shapes, with how."""
    found = run_tasks(store, full_tasks(graph_nodes(store, store.graphs()), size))
    return [GraphViolations(graph, tuple(found[graph])) for graph in sorted(found)]
