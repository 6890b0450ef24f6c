"""A claim's timeline as HTML: a section other views can embed, and a standalone page.

Every value is escaped; the page has no scripts and loads nothing.

>>> from kg.track.timeline import Timeline
>>> "<h2>" in timeline_section(Timeline(claim="https://w3id.org/claimgraph/id/claim/x",
...                                     appearances=[], groups=[]))
True
"""

from __future__ import annotations

from html import escape

from kg.track.timeline import Timeline

__all__ = ["timeline_html", "timeline_section"]

_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd;
         vertical-align: top; }
.stance-denies, .stance-disputes { color: #a40000; }
.stance-asserts, .stance-accuses, .stance-supports { color: #00489c; }
.status { font-weight: bold; }
"""


def timeline_section(tl: Timeline) -> str:
    """An HTML ``<section>`` with the timeline of one claim."""
    e = escape
    parts = [f'<section class="claim-timeline"><h2>Timeline of <code>{e(tl.claim)}</code></h2>']
    parts.append(f'<p>Status: <span class="status">{e(tl.status)}</span>. ')
    parts.append(f"Sources: {len(tl.sources)}; independent sources: {tl.independent}.</p>")
    if tl.first is not None:
        day = tl.first.day.isoformat() if tl.first.day else "undated"
        where = tl.first.publisher or tl.first.headline or tl.first.source
        parts.append(f"<p>First appearance: {e(day)}, {e(where)}.</p>")
    parts.append(
        "<table><thead><tr><th>day</th><th>as written</th><th>stance</th><th>who</th>"
        "<th>source</th></tr></thead><tbody>"
    )
    for a in tl.appearances:
        day = a.day.isoformat() if a.day else "undated"
        source = e(a.headline or a.source)
        if a.url:
            source = f'<a href="{e(a.url)}">{source}</a>'
        parts.append(
            f"<tr><td>{e(day)}</td><td>{e(a.date_text or '')}</td>"
            f'<td class="stance-{e(a.stance)}">{e(a.stance)}</td>'
            f"<td>{e(a.claimant_label)}</td><td>{source} {e(a.publisher or '')}</td></tr>"
        )
    parts.append("</tbody></table>")
    for r in tl.reviews:
        parts.append(
            f"<p>Reviewed by {e(r.get('author') or '?')}: {e(r.get('rating') or '')} "
            f"{e(r.get('date') or '')}</p>"
        )
    parts.append("</section>")
    return "".join(parts)


def timeline_html(tl: Timeline) -> str:
    """A standalone HTML page with the timeline of one claim."""
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        f"<title>Claim timeline</title><style>{_CSS}</style></head><body>"
        f"{timeline_section(tl)}</body></html>\n"
    )
