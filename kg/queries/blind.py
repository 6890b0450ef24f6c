"""Whether a user query can see the store's summaries: if not, it runs on the plain union.

User queries run with the named graphs alone as their default graph, so the summary counts
the embedded store keeps in its own default graph (:mod:`kg.store.counts`) never show up in
their answers. Oxigraph evaluates a default graph given as a list of graphs one graph at a
time: each triple pattern is looked up once per named graph, so with 1,200 articles 10 rows of
``denials`` took 1.7 s instead of 8 ms on the union default graph.

Every summary triple has a predicate in the summaries' namespace
(:data:`kg.store.writes.STATS`). A query whose every triple pattern outside ``GRAPH`` has a
fixed predicate outside that namespace (an IRI, or a path of such IRIs that cannot be of
length zero) matches no summary triple, so the union with the store's default graph gives it
the same answer as the named graphs alone, and runs at the union's speed. Anything else (a
variable predicate, ``!p``, ``p*``, ``p?``, ``DESCRIBE``, a query rdflib cannot translate)
keeps the list of named graphs.

>>> from rdflib.plugins.sparql.parser import parseQuery
>>> blind(parseQuery("SELECT ?s WHERE { ?s a cg:Claim ; schema:text ?t }"))
True
>>> blind(parseQuery("SELECT ?p WHERE { ?s ?p ?o }"))
False
>>> blind(parseQuery("SELECT ?n WHERE { ?c cgs:statements ?n }"))
False
>>> blind(parseQuery("SELECT ?x WHERE { ?x skos:broader* ?y }"))
False
>>> blind(parseQuery("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
True
"""

from __future__ import annotations

from typing import Any

from rdflib import URIRef
from rdflib.paths import AlternativePath, InvPath, MulPath, Path, SequencePath
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.namespace import PREFIXES
from kg.store.writes import STATS

__all__ = ["blind"]

_PREFIXES = {**PREFIXES, "cgs": STATS}


def _fixed(predicate: Any) -> bool:
    """A predicate (or path) that matches only triples of fixed predicates outside the
    summaries' namespace, and never a path of length zero."""
    if isinstance(predicate, URIRef):
        return not str(predicate).startswith(STATS)
    if isinstance(predicate, AlternativePath | SequencePath):
        return all(_fixed(arg) for arg in predicate.args)
    if isinstance(predicate, InvPath):
        return _fixed(predicate.arg)
    if isinstance(predicate, MulPath):
        return predicate.mod == "+" and _fixed(predicate.path)
    return False  # a variable, a negated property set, anything else


def _patterns_fixed(node: Any) -> bool:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "Graph":  # GRAPH reads named graphs, the same in both cases
                continue
            if item.name == "BGP" and not all(_fixed(p) for _s, p, _o in item.triples):
                return False
            stack.extend(item.values())
        elif isinstance(item, list | tuple) and not isinstance(item, Path):
            stack.extend(item)
    return True


def blind(parsed: Any) -> bool:
    """Whether the query rdflib parsed as ``parsed`` (``parseQuery``'s result) cannot match a
    summary triple, wherever they are in its default graph."""
    try:
        algebra = translateQuery(parsed, initNs=_PREFIXES).algebra
    except Exception:  # rdflib cannot translate it: keep the safe default
        return False
    if algebra.name not in ("SelectQuery", "AskQuery", "ConstructQuery"):
        return False
    return _patterns_fixed(algebra)
