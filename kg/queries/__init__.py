"""SPARQL queries kept as ``.rq`` files, loaded by name.

Each file starts with comment lines that describe it::

    # Who denies a claim, with the statement and the denier's label.
    # param claim: the claim: its IRI, its slug, or words of its text (kg query looks it up)
    SELECT ...

Parameters are SPARQL variables bound at run time (``$claim``); no value is ever pasted into the
query text. A parameter declared ``# param agent [folded]: ...`` is bound lower-cased (to match
the lower-cased label keys the store keeps, ``cgs:key``).

>>> q = load_query("deniers")
>>> list(q.params)
['claim']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from kg.errors import QueryError

__all__ = ["Query", "list_queries", "load_query"]

#: Name prefixes of the queries claimgraph runs itself; `kg queries` lists the others.
INTERNAL_PREFIXES = ("fmt-", "view-", "check-", "track-", "keep-")
_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*(\[folded\])?\s*:\s*(.+)$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Query:
    """A named query: its text, a one-line description and its parameters."""

    name: str
    text: str
    description: str
    params: dict[str, str] = field(default_factory=dict)
    folded: frozenset[str] = frozenset()

    @property
    def internal(self) -> bool:
        """Used by claimgraph itself (exports, pages, checks, tracking), not meant for users:
        the name says so (``fmt-``, ``view-``, ``check-``, ``track-``, ``keep-``)."""
        return self.name.startswith(INTERNAL_PREFIXES)


@cache
def load_query(name: str) -> Query:
    """The query ``kg/queries/<name>.rq``."""
    if not _NAME.match(name):
        raise QueryError(f"no query named {name!r}")
    ref = resources.files(__name__) / f"{name}.rq"
    if not ref.is_file():
        raise QueryError(f"no query named {name!r} (see `kg queries`)")
    text = ref.read_text(encoding="utf-8")
    description = ""
    params: dict[str, str] = {}
    folded: set[str] = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _PARAM.match(line)
        if match:
            params[match.group(1)] = match.group(3).strip()
            if match.group(2):
                folded.add(match.group(1))
        elif not description:
            description = line.lstrip("# ").strip()
    return Query(name, text, description, params, frozenset(folded))


def list_queries(*, internal: bool = True) -> list[Query]:
    """Every canned query, by name; without the internal ones when ``internal`` is false.

    >>> "denials" in {q.name for q in list_queries(internal=False)}
    True
    >>> any(q.internal for q in list_queries(internal=False))
    False
    """
    names = sorted(
        p.name[:-3] for p in resources.files(__name__).iterdir() if p.name.endswith(".rq")
    )
    found = [load_query(n) for n in names]
    return found if internal else [q for q in found if not q.internal]
