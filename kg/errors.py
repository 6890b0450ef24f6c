"""One exception tree for claimgraph; the CLI maps each class to an exit code.

::

    KgError                      exit 1   anything claimgraph reports on purpose
    ├── InputError               exit 2   a file, seed, claim file or argument is wrong
    │   └── CurationError        exit 2   a curated claim file breaks a rule (names file + line/id)
    ├── ValidationError          exit 3   a graph does not conform to the SHACL shapes
    ├── StoreError               exit 4   the store cannot be opened, read or written
    │   └── StoreBusyError       exit 5   another process holds the store's write lock
    └── QueryError               exit 6   a query is unknown, malformed, refused or timed out
"""

from __future__ import annotations

__all__ = [
    "CurationError",
    "InputError",
    "KgError",
    "QueryError",
    "StoreBusyError",
    "StoreError",
    "ValidationError",
]


class KgError(Exception):
    """Base of every error claimgraph raises on purpose."""

    exit_code = 1


class InputError(KgError):
    """A file, seed or argument given to claimgraph is not acceptable."""

    exit_code = 2


class CurationError(InputError):
    """A curated claim file breaks a rule; the message names the file and the line or id."""


class ValidationError(KgError):
    """A graph does not conform to the project's SHACL shapes."""

    exit_code = 3


class StoreError(KgError):
    """The store cannot be opened, read or written."""

    exit_code = 4


class StoreBusyError(StoreError):
    """Another process is writing to the store."""

    exit_code = 5


class QueryError(KgError):
    """A SPARQL query is unknown, malformed, refused, or ran out of time."""

    exit_code = 6
