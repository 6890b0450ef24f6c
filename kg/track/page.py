"""A claim's timeline as a standalone HTML page (``kg timeline --html``).

Rendered from ``kg/track/templates/timeline.html.j2`` with autoescape on; only http(s) links
are made clickable; the page has no scripts and loads nothing.

>>> from kg.track.timeline import Timeline
>>> page = timeline_html(Timeline(claim="https://w3id.org/claimgraph/id/claim/<x>",
...                               appearances=[], groups=[]))
>>> "claim/&lt;x&gt;" in page and "<script" not in page
True
"""

from __future__ import annotations

from functools import cache

import jinja2

from kg.track.timeline import Timeline
from kg.view.model import safe_href

__all__ = ["timeline_html"]


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kg.track", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["safe_url"] = safe_href
    return env


def timeline_html(tl: Timeline) -> str:
    """A standalone HTML page with the timeline of one claim."""
    return _env().get_template("timeline.html.j2").render(tl=tl) + "\n"
