"""What a user query may do: read, and only this store's data.

A user query (``kg query --file``, ``kg query -``, ``kg serve``) is checked before it runs, and
what runs is the text that was checked (:func:`runnable`):

1. Codepoint escapes (``\\u0022``, ``\\U00000053``) are expanded first, as SPARQL 1.1 says
   (section 19.2: before parsing, anywhere in the query). Oxigraph reads them inside strings
   and IRIs only, rdflib everywhere: so the engine is given the expanded text, in which both
   read the same characters. An escape that spells another escape (``\\u005Cu0022``) is
   refused, so expanding again changes nothing.
2. Nesting deeper than :data:`MAX_DEPTH` brackets is refused (rdflib's parser recurses, and
   Oxigraph's overflows its stack on a few thousand nested groups).
3. rdflib's SPARQL 1.1 parser must read it as a query: updates (``LOAD``, ``DROP``,
   ``INSERT`` ...) do not parse as one. Without ``allow_remote``, its parse tree may hold no
   ``SERVICE`` and no ``FROM`` / ``FROM NAMED`` (which make some servers fetch a URL).
4. A check that needs no parser: the text may not hold ``SERVICE``, ``FROM``, ``LOAD``, a
   Virtuoso ``DEFINE`` pragma or an update form shaped as the grammar has it (``SERVICE``
   ``SILENT``? an IRI or a variable, then ``{``; ``FROM`` ``NAMED``? an IRI, then ``FROM``,
   ``WHERE`` or ``{``; ``DROP`` ``GRAPH`` an IRI ...), with white space and comments between,
   wherever it stands, even inside a string or a comment. Whatever two parsers disagree on
   (strings, comments, escapes), a clause the engine could act on is seen here. The price: a
   string such as ``"service <x> {"`` is refused too; ``"customer service"`` and
   ``# claims from ?source`` are not.

>>> check_query("SELECT * WHERE { ?s ?p ?o }")
'SelectQuery'
>>> check_query("DROP ALL")
Traceback (most recent call last):
...
kg.errors.QueryError: updates are refused: queries are read-only
>>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.errors.QueryError: SERVICE is refused (use --allow-remote to enable it)
>>> runnable('SELECT * WHERE { BIND("caf\\u00e9" AS ?x) }')
'SELECT * WHERE { BIND("café" AS ?x) }'
"""

from __future__ import annotations

import multiprocessing
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from typing import Any

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryError
from kg.queries.blind import blind

__all__ = [
    "MAX_DEPTH",
    "check_in_processes",
    "check_query",
    "refuse_clauses",
    "runnable",
    "stop_checking_in_processes",
    "summary_blind",
]

#: rdflib's pyparsing grammar is not thread-safe: concurrent parses (``kg serve`` runs queries
#: in a thread pool) fail with TypeError or refuse valid queries. One parse at a time.
_PARSE_LOCK = threading.Lock()

#: The processes that check new query texts for a server (:func:`check_in_processes`).
_POOL: ProcessPoolExecutor | None = None
_WORKERS = 2
_POOL_LOCK = threading.Lock()

#: Most brackets (``{``, ``(``, ``[``) open at once, counted over the whole text.
MAX_DEPTH = 64

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: Between two tokens: white space and comments.
_G = r"(?:\s|\#[^\n\r]*)*"
#: Not the end of a longer name: a variable, a prefixed or blank node name, a language tag.
_START = r"(?<![\w:?$@\-])"
_NAME = r"(?:[^\s\"'<>(){}\[\],;#\\:]|\\.)*"
#: An IRI: written in full, or a prefixed name (``ex:a``, ``:a``, ``ex:a\#b``).
_IRI = rf"(?:<[^<>\s]*>|{_NAME}:{_NAME})"
#: An IRI or a variable.
_TARGET = rf"(?:{_IRI}|[?$]\w+)"
_SILENT = rf"(?:SILENT{_G})?"
_REMOTE = [
    (re.compile(rf"{_START}SERVICE{_G}{_SILENT}{_TARGET}{_G}\{{", re.I),
     "SERVICE is refused (use --allow-remote to enable it)"),
    (re.compile(rf"{_START}FROM{_G}(?:NAMED{_G})?{_IRI}{_G}(?:FROM|WHERE|\{{)", re.I),
     "FROM and FROM NAMED are refused (use --allow-remote)"),
]  # fmt: skip
_UPDATES = (
    rf"LOAD{_G}{_SILENT}{_IRI}",
    rf"(?:CLEAR|DROP){_G}{_SILENT}(?:GRAPH{_G}{_IRI}|DEFAULT\b|NAMED\b|ALL\b)",
    rf"CREATE{_G}{_SILENT}GRAPH{_G}{_IRI}",
    rf"(?:ADD|MOVE|COPY){_G}{_SILENT}(?:DEFAULT|(?:GRAPH{_G})?{_IRI}){_G}TO\b",
    rf"(?:INSERT|DELETE){_G}(?:DATA{_G}\{{|WHERE{_G}\{{|\{{)",
    rf"WITH{_G}{_IRI}{_G}(?:DELETE|INSERT|USING)\b",
)
_ALWAYS = [
    (re.compile(_START + r"DEFINE\s+[\w-]+:[\w-]+", re.I), "DEFINE pragmas are refused"),
    (re.compile(_START + "(?:" + "|".join(_UPDATES) + ")", re.I),
     "updates are refused: queries are read-only"),
]  # fmt: skip
_OPEN, _CLOSE = frozenset("{(["), frozenset("})]")


def _walk(node: Any) -> Any:
    """Every CompValue in a parse tree."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif hasattr(item, "asList") and not isinstance(item, str):
            stack.extend(list(item))


def check_query(text: str, allow_remote: bool = False) -> str:
    """Refuse what a read-only user query may not do; return the query form's name.

    The verdict is cached by query text: rdflib's parser is pure Python and single-threaded,
    and clients (dashboards, the load bench) send the same queries again and again.
    """
    return _checked(text, allow_remote)[0]


def runnable(text: str, allow_remote: bool = False) -> str:
    """The text to give the engine for the user query ``text``: the checked text, its
    codepoint escapes expanded. Raises :class:`QueryError` for what a user query may not do."""
    return _checked(text, allow_remote)[1]


def summary_blind(text: str, allow_remote: bool = False) -> bool:
    """Whether the user query ``text`` (checked as :func:`runnable` checks it) cannot match
    the store's summary triples (:func:`kg.queries.blind.blind`): it may then run on the
    union default graph, which gives it the same answer faster. Cached like the check."""
    ok, _form, _expanded, blind_ = _verdict(text, allow_remote)
    return ok and blind_


def _checked(text: str, allow_remote: bool) -> tuple[str, str]:
    ok, form, expanded, _blind = _verdict(text, allow_remote)
    if not ok:
        raise QueryError(form)
    return form, expanded


def check_in_processes(workers: int = 2) -> None:
    """Check new query texts in ``workers`` processes from now on (``kg serve``).

    rdflib's parser is pure Python and not thread-safe: in one process, new texts are
    checked one at a time, each holding the interpreter (0.1-0.3 s on the load bench's
    queries), while the server's threads wait. In worker processes the checks run side by
    side and the server's own threads go on. The verdict is the same function's
    (:func:`_decide`), so what runs is still exactly the text that was checked. The
    processes start now (spawned: the server has threads, so no fork) and end with
    :func:`stop_checking_in_processes` or at exit."""
    global _POOL, _WORKERS
    with _POOL_LOCK:
        if _POOL is None:
            _WORKERS = workers
            context = multiprocessing.get_context("spawn")
            _POOL = ProcessPoolExecutor(workers, mp_context=context)
            _POOL.submit(_decide, "ASK {}", False).result()  # started and imported


def stop_checking_in_processes() -> None:
    """Check new query texts in this process again; the worker processes end."""
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


@lru_cache(maxsize=2048)
def _verdict(text: str, allow_remote: bool) -> tuple[bool, str, str, bool]:
    global _POOL
    pool = _POOL
    if pool is None:
        return _decide(text, allow_remote)
    try:
        return pool.submit(_decide, text, allow_remote).result()
    except BrokenProcessPool:  # a worker died: refuse (not kept), start new workers
        with _POOL_LOCK:
            if _POOL is pool:
                _POOL = None
        pool.shutdown(wait=False, cancel_futures=True)
        check_in_processes(_WORKERS)
        raise QueryError("refused: the query check stopped on this text") from None


def _decide(text: str, allow_remote: bool) -> tuple[bool, str, str, bool]:
    """(allowed, the query form or the refusal, the text to run, blind to the summaries)."""
    try:
        expanded = _expand(text)
        form, parsed = _check(expanded, allow_remote)
    except QueryError as exc:
        return False, str(exc), "", False
    with _PARSE_LOCK:  # rdflib's translation shares the parser's state
        return True, form, expanded, blind(parsed)


def _expand(text: str) -> str:
    """``text`` with its codepoint escapes expanded; refused if that leaves an escape."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"\\u escape of no character: {match.group(0)}")
        return chr(code)

    expanded = _ESCAPE.sub(char, text)
    if _ESCAPE.search(expanded):
        raise QueryError("refused: a \\u escape that spells another escape")
    return expanded


def _depth(text: str) -> int:
    """The most brackets open at once (strings and comments counted too: an upper bound
    that errs on the safe side for queries that close what they open)."""
    depth = deepest = 0
    for char in text:
        if char in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif char in _CLOSE:
            depth -= 1
    return deepest


def _parse(text: str) -> Any:
    try:
        with _PARSE_LOCK:
            return parseQuery(text)
    except ParseException as exc:
        try:
            with _PARSE_LOCK:
                parseUpdate(text)
        except ParseException:
            raise QueryError(f"SPARQL syntax error: {exc.msg} (line {exc.lineno})") from None
        except RecursionError:
            raise QueryError(f"refused: nested too deeply (over {MAX_DEPTH} levels)") from None
        raise QueryError("updates are refused: queries are read-only") from None
    except RecursionError:
        raise QueryError(f"refused: nested too deeply (over {MAX_DEPTH} levels)") from None


def _check(text: str, allow_remote: bool) -> tuple[str, Any]:
    if _depth(text) > MAX_DEPTH:
        raise QueryError(f"refused: nested too deeply (over {MAX_DEPTH} levels)")
    parsed = _parse(text)
    query = parsed[1]
    if not allow_remote:
        for node in _walk(query):
            if node.name == "ServiceGraphPattern":
                raise QueryError("SERVICE is refused (use --allow-remote to enable it)")
            if node.name == "DatasetClause":
                raise QueryError("FROM and FROM NAMED are refused (use --allow-remote)")
    refuse_clauses(text, allow_remote)
    return str(query.name), parsed


def refuse_clauses(text: str, allow_remote: bool = False) -> None:
    """The check of step 4, with no parser: QueryError if ``text`` (escapes expanded) holds a
    clause shaped like ``SERVICE``, ``FROM`` (unless ``allow_remote``), an update or a pragma.

    >>> refuse_clauses('SELECT * { BIND("x" AS ?a) SERVICE#c\\n<http://h/> { ?s ?p ?o } }')
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: SERVICE is refused (use --allow-remote to enable it) (found ...)
    >>> refuse_clauses("SELECT ?service { ?service ?p 'customer service' } # from ?x with")
    """
    for pattern, message in _ALWAYS + ([] if allow_remote else _REMOTE):
        found = pattern.search(text)
        if found:
            raise QueryError(f"{message} (found {' '.join(found.group(0).split())[:40]!r})")
