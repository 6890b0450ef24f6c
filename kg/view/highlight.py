"""An article's text as HTML with every statement span highlighted, overlapping spans included.

The text is cut at every span start and end; each piece is escaped on its own
(:func:`markupsafe.escape`) and wrapped in ``<mark>`` when one or more spans cover it, so two
statements sharing one span (two denials of one sentence) or overlapping spans both show.
Each statement gets an empty anchor ``<span id="s-<slug>">`` where it starts and a numbered
reference link where it ends.

>>> from kg.view.model import StatementView
>>> st = StatementView(iri="x:s", slug="a", claims=["x:c"], claimant="x:ag", stance="denies",
...                    source="x:src", start=4, end=7, exact="<b>")
>>> print(str(highlight("Hi, <b>!", [st], lambda s: "c.html")).replace("><", ">\\n<"))
Hi, <span class="anchor" id="s-a">
</span>
<mark class="denies" title="denies">&lt;b&gt;</mark>
<sup>
<a class="ref" href="c.html">1</a>
</sup>!
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from kg.view.model import StatementView

__all__ = ["highlight"]

_ORDER = ("denies", "disputes", "accuses", "asserts", "supports")


def _rank(stance: str) -> int:
    return _ORDER.index(stance) if stance in _ORDER else len(_ORDER)


def highlight(
    text: str,
    statements: Sequence[StatementView],
    href: Callable[[StatementView], str],
    who: Callable[[StatementView], str] | None = None,
) -> Markup:
    """``text`` as safe HTML with each statement's ``[start, end)`` marked and linked.

    Statements whose offsets fall outside the text, or whose exact text is not found at them,
    are left out (the text is never trusted to match). ``href`` gives each reference's link,
    ``who`` the plain-text tooltip of a mark.
    """
    spans = [
        s
        for s in statements
        if 0 <= s.start < s.end <= len(text) and text[s.start : s.end] == s.exact
    ]
    numbers = {s.iri: i for i, s in enumerate(spans, start=1)}
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        out.extend(
            f'<span class="anchor" id="{escape(s.anchor)}"></span>' for s in spans if s.start == a
        )
        covering = [s for s in spans if s.start <= a and s.end >= b]
        piece = escape(text[a:b])
        if covering:
            top = min(covering, key=lambda s: _rank(s.stance))
            tip = "; ".join((who(s) if who else s.stance) for s in covering)
            out.append(f'<mark class="{escape(top.stance)}" title="{escape(tip)}">{piece}</mark>')
        else:
            out.append(str(piece))
        for s in spans:
            if s.end == b:
                out.append(
                    f'<sup><a class="ref" href="{escape(href(s))}">{numbers[s.iri]}</a></sup>'
                )
    return Markup("".join(out))  # noqa: S704 - every piece above is escaped
