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
"""

from __future__ import annotations

import multiprocessing
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.term import Node

from kg.errors import StoreError
from kg.queries import load_query
from kg.store import Store
from kg.validate import Violation, summary, validate, violations

__all__ = [
    "BATCH",
    "NODES",
    "GraphViolations",
    "Task",
    "batches",
    "run_task",
    "run_tasks",
    "shacl_problems",
]

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


def batches(graphs: Sequence[URIRef], size: int) -> Iterator[tuple[URIRef, ...]]:
    for start in range(0, len(graphs), size):
        yield tuple(graphs[start : start + size])


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
    # with blank nodes every node is validated, and the results about nodes the graph does
    # not describe are dropped below
    conforms, report = validate("".join(data), None if blank_graph else iris)
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


#: A task of :func:`run_tasks`: a batch of named graphs validated whole, or IRI nodes (each
#: with the graphs that describe it) validated as focus nodes.
Task = tuple[URIRef, ...] | dict[URIRef, list[URIRef]]


def run_task(store: Store, task: Task) -> dict[URIRef, list[Violation]]:
    """The violations one task finds, per graph."""
    if isinstance(task, tuple):
        return _check_batch(store, task)
    nodes: dict[Node, Sequence[URIRef]] = {node: graphs for node, graphs in task.items()}
    return _check_nodes(store, nodes)


_WORKER: dict[str, Store] = {}


def _open_worker(location: str) -> None:
    from kg.store import open_store

    _WORKER["store"] = open_store(location, read_only=True)


def _run_in_worker(task: Task) -> dict[URIRef, list[Violation]]:
    return run_task(_WORKER["store"], task)


def run_tasks(
    store: Store, tasks: Sequence[Task], jobs: int = 1, location: str | None = None
) -> dict[URIRef, list[Violation]]:
    """The violations ``tasks`` find, per graph (each graph's sorted, without repeats): in
    this process, or in ``jobs`` worker processes each opening the store at ``location``
    read-only (the caller must not write meanwhile)."""
    found: dict[URIRef, set[Violation]] = defaultdict(set)
    if jobs <= 1 or location is None or len(tasks) <= 1:
        results: Iterable[dict[URIRef, list[Violation]]] = (run_task(store, t) for t in tasks)
        for result in results:
            for graph, some in result.items():
                found[graph].update(some)
    else:
        context = multiprocessing.get_context("forkserver")
        workers = min(jobs, len(tasks))
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_open_worker, initargs=(location,)
        ) as pool:
            try:
                for result in pool.map(_run_in_worker, tasks):
                    for graph, some in result.items():
                        found[graph].update(some)
            except BrokenProcessPool:
                raise StoreError("kg check: a worker process died (out of memory?)") from None
    return {
        graph: sorted(some, key=lambda v: (str(v.focus), str(v.path), v.message))
        for graph, some in found.items()
    }


def shacl_problems(store: Store, size: int = BATCH) -> list[GraphViolations]:
    """Every named graph of ``store`` whose nodes break the SHACL shapes, with how."""
    found = run_tasks(store, list(batches(store.graphs(), size)))
    return [GraphViolations(graph, tuple(found[graph])) for graph in sorted(found)]
