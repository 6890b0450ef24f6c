"""Running canned and user queries with the safety rules: bound values, a page or a row cap,
a timeout.

Canned queries (``kg/queries/*.rq``) are trusted. They page with ``LIMIT``/``OFFSET``: a query
that marks its own page (``LIMIT 100 OFFSET 0 # page`` on an inner query that picks the keys
in order, so that details are joined to one page only) gets that line rewritten; any other
query gets ``LIMIT``/``OFFSET`` appended. User queries are checked first
(:func:`kg.queries.safety.runnable`) and are cut at ``cap`` rows (``truncated`` tells
whether more were there).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from rdflib import Literal
from rdflib.term import Node

from kg.errors import QueryError
from kg.queries import load_query
from kg.queries.safety import runnable, summary_blind
from kg.store.base import Answer, Row, Rows, Store

__all__ = ["DEFAULT_CAP", "DEFAULT_LIMIT", "DEFAULT_TIMEOUT", "Capped", "run_canned", "run_user"]

_PAGE = re.compile(r"LIMIT\s+\d+\s+OFFSET\s+\d+\s*#\s*page\b")

#: Rows per page of a canned query unless ``--limit`` says otherwise.
DEFAULT_LIMIT = 100
#: Most rows a user query returns (``KG_ROW_CAP``).
DEFAULT_CAP = int(os.environ.get("KG_ROW_CAP", "10000"))
#: Seconds a query may take (``KG_QUERY_TIMEOUT``).
DEFAULT_TIMEOUT = float(os.environ.get("KG_QUERY_TIMEOUT", "30"))


@dataclass
class Capped:
    """Rows cut at ``cap``: iterate, then read ``truncated``."""

    variables: tuple[str, ...]
    source: Iterator[Row]
    cap: int
    truncated: bool = field(default=False)

    def __iter__(self) -> Iterator[Row]:
        for n, row in enumerate(self.source):
            if n >= self.cap:
                self.truncated = True
                close = getattr(self.source, "close", None)
                if close is not None:
                    close()
                return
            yield row


def _check_params(params: Mapping[str, Node], expected: Mapping[str, str], name: str) -> None:
    missing = sorted(set(expected) - set(params))
    unknown = sorted(set(params) - set(expected))
    if missing:
        raise QueryError(f"query {name!r} needs --param {missing[0]}=... ({expected[missing[0]]})")
    if unknown:
        raise QueryError(f"query {name!r} has no parameter {unknown[0]!r}")


def run_canned(
    store: Store,
    name: str,
    params: Mapping[str, Node] | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Answer:
    """Run the canned query ``name``: one page of ``limit`` rows from ``offset`` (None = all)."""
    query = load_query(name)
    _check_params(params or {}, query.params, name)
    text = query.text.rstrip()
    if limit is not None and (limit < 0 or offset < 0):
        raise QueryError("--limit and --offset must not be negative")
    page = "" if limit is None else f"LIMIT {int(limit)} OFFSET {int(offset)}"
    if _PAGE.search(text):
        text = _PAGE.sub(page, text)
    elif page:
        text += "\n" + page
    bound = dict(params or {})
    for key in query.folded & bound.keys():
        if isinstance(bound[key], Literal):
            bound[key] = Literal(str(bound[key]).lower())
    return store.execute(text, bound, timeout=timeout)


def run_user(
    store: Store,
    text: str,
    params: Mapping[str, Node] | None = None,
    cap: int = DEFAULT_CAP,
    timeout: float | None = DEFAULT_TIMEOUT,
    allow_remote: bool = False,
    summaries: bool = False,
) -> Answer | Capped:
    """Check and run a user query; SELECT rows are cut at ``cap``. What runs is the text that
    was checked (:func:`kg.queries.safety.runnable`), never the text as given. Its default
    graph holds the data only, not the store's summary counts, unless ``summaries``; a query
    that cannot match them (:func:`kg.queries.safety.summary_blind`) runs on the plain union,
    where the embedded store answers it without looking in each named graph in turn."""
    checked = runnable(text, allow_remote=allow_remote)
    data_only = not summaries and not summary_blind(text, allow_remote=allow_remote)
    answer = store.execute(
        checked, params or {}, timeout=timeout, data_only=data_only, isolated=True
    )
    if isinstance(answer, Rows):
        return Capped(answer.variables, iter(answer), cap)
    return answer
