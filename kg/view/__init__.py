"""The browsing read model: claims, statements, agents, sources and reviews read from a store.

:func:`read_view` runs the ``view-*.rq`` queries through the :class:`kg.store.Store` protocol,
so the same view is built from the embedded store or from a remote SPARQL endpoint.
"""

from __future__ import annotations

from kg.view.model import AgentView, ClaimView, ReviewView, SourceView, StatementView, View
from kg.view.read import read_view

__all__ = [
    "AgentView",
    "ClaimView",
    "ReviewView",
    "SourceView",
    "StatementView",
    "View",
    "read_view",
]
