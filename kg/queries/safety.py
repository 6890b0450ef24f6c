"""What a user query may do: read, and only this store's data.

A user query (``kg query --file``, ``kg query -``, ``kg serve``) is parsed with rdflib's SPARQL
1.1 parser before it runs. Updates are refused (``LOAD``, ``DROP``, ``INSERT`` ... are update
operations and do not parse as a query), and so are ``SERVICE`` (a query that calls another
server) and ``FROM`` / ``FROM NAMED`` (which make some engines fetch a URL or a file) unless
``allow_remote`` is given.

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
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryError

__all__ = ["check_query"]

#: rdflib's pyparsing grammar is not thread-safe: concurrent parses (``kg serve`` runs queries
#: in a thread pool) fail with TypeError or refuse valid queries. One parse at a time.
_PARSE_LOCK = threading.Lock()


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
    ok, answer = _verdict(text, allow_remote)
    if not ok:
        raise QueryError(answer)
    return answer


@lru_cache(maxsize=2048)
def _verdict(text: str, allow_remote: bool) -> tuple[bool, str]:
    try:
        return True, _check(text, allow_remote)
    except QueryError as exc:
        return False, str(exc)


def _check(text: str, allow_remote: bool) -> str:
    try:
        with _PARSE_LOCK:
            parsed = parseQuery(text)
    except ParseException as exc:
        try:
            with _PARSE_LOCK:
                parseUpdate(text)
        except ParseException:
            raise QueryError(f"SPARQL syntax error: {exc.msg} (line {exc.lineno})") from None
        raise QueryError("updates are refused: queries are read-only") from None
    query = parsed[1]
    if not allow_remote:
        for node in _walk(query):
            if node.name == "ServiceGraphPattern":
                raise QueryError("SERVICE is refused (use --allow-remote to enable it)")
            if node.name == "DatasetClause":
                raise QueryError("FROM and FROM NAMED are refused (use --allow-remote)")
    return str(query.name)
