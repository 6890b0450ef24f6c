"""The web application ``kg serve`` runs: the SPARQL endpoint, and room for page routes.

Page routes (HTML browsing) plug in by adding them to ``extra`` below, e.g.
``from kg.web.pages import Views, page_routes`` and ``extra = page_routes(store)``.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute

from kg.store.base import Store
from kg.web.headers import SecurityHeaders
from kg.web.pages import Views, page_routes
from kg.web.sparql import Limits, sparql_routes
from kg.web.write import write_routes

__all__ = ["create_app"]


def create_app(
    store: Store,
    limits: Limits | None = None,
    extra: list[BaseRoute] | None = None,
    write_token: str | None = None,
    views_apart: bool = False,
    view_every: float = 0.0,
) -> Starlette:
    """A Starlette app over ``store``: ``/sparql``, the browsing pages (``/``, ``/claim/...``,
    ``/agent/...``, ``/source/...``, each also ``.json``) and any ``extra`` routes; with a
    ``write_token``, also the Graph Store write routes (``/store``, :mod:`kg.web.write`).
    Every response carries a Content-Security-Policy (:mod:`kg.web.headers`). With
    ``views_apart`` (``kg serve``), the pages' view of an embedded store is read in a process of
    its own (:mod:`kg.web.viewproc`). After writes, a new view of the pages is made at most
    every ``view_every`` seconds (:class:`~kg.web.pages.Views`)."""
    from kg.web.viewproc import read_view_apart

    views = Views(store, read_view_apart if views_apart else None, every=view_every)
    routes: list[BaseRoute] = [*sparql_routes(store, limits), *page_routes(store, views),
                               *(extra or [])]  # fmt: skip
    if write_token is not None:
        routes += write_routes(store, write_token)
    return Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)])
