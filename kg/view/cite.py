"""A citation of one statement: who said it, their words, where and when, and its permalink.

The same fields in the same order as the graph page's "copy citation" (kg/templates/graph.js
``citation``), as plain text and as Markdown.

>>> from kg.view.model import SourceView, StatementView, View
>>> v = View()
>>> v.sources["s"] = SourceView(iri="s", slug="s", title="Rice prices rise", text="",
...     url="https://example.org/a", date="2025-02-10", publisher="The Daily")
>>> st = StatementView(iri="https://w3id.org/claimgraph/id/statement/x", slug="x", claims=[],
...     claimant="s", stance="denies", source="s", start=0, end=3, exact="No.")
>>> for part in citation(v, st)["text"].split(" — "):
...     print(part)
unattributed, in Rice prices rise: "No."
"Rice prices rise", The Daily, 2025-02-10. https://example.org/a (claimgraph: https://w3id.org/claimgraph/id/statement/x)
"""

from __future__ import annotations

from kg.view.model import StatementView, View, safe_href

__all__ = ["citation"]


def _md(text: str) -> str:
    """``text`` with Markdown's link and emphasis characters escaped."""
    for ch in "\\[]*_`<>":
        text = text.replace(ch, "\\" + ch)
    return text


def citation(view: View, st: StatementView, lang: str = "en") -> dict[str, str]:
    """``{"text": ..., "markdown": ...}`` citing ``st``."""
    who = view.claimant(st.claimant, lang)
    words = " ".join(st.exact.split())
    src = view.sources.get(st.source)
    title = src.title if src else ""
    outlet = (src.publisher or "") if src else ""
    day = st.date or (src.date if src else None) or st.date_text or ""
    url = safe_href(src.url if src else None) or ""
    where = ", ".join(part for part in (f'"{title}"' if title else "", outlet, day) if part)
    text = f'{who}: "{words}" — {where}.' + (f" {url}" if url else "")
    text += f" (claimgraph: {st.iri})"
    md_url = url.replace("(", "%28").replace(")", "%29")
    linked = f"[{_md(title)}]({md_url})" if title and url else _md(title)
    md_where = ", ".join(part for part in (linked, _md(outlet), day) if part)
    markdown = f'**{_md(who)}**: "{_md(words)}" — {md_where}. ([claimgraph]({st.iri}))'
    return {"text": text, "markdown": markdown}
