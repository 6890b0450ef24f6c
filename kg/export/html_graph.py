"""``kg export html``: the claim graph as one self-contained, offline HTML file.

The page is rendered from our own template (``kg/templates/graph.html.j2``) with vis-network's
script and style inlined from the copy pyvis ships, so it opens from disk with no network.
Nodes and edges are assigned to a pyvis ``Network`` directly (never ``from_nx``), positions are
computed in Python (:mod:`kg.export.layout`) and physics is off. All data reaches the page as
JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped; node
titles are plain text and the side panel is built with ``textContent`` only.
"""

from __future__ import annotations

import json
import secrets
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

from kg.errors import KgError
from kg.export.graph import STANCES, around, to_networkx
from kg.export.layout import layout
from kg.export.overlap import Box, label_box
from kg.export.stories import stories
from kg.fsutil import atomic_write
from kg.stance import VERBS
from kg.view.model import View, safe_href

__all__ = [
    "CONTEST_MAX",
    "EDGE_STYLES",
    "NODE_STYLES",
    "contest_levels",
    "graph_html",
    "json_for_script",
    "node_boxes",
    "write_graph_html",
]

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"

NODE_STYLES: dict[str, dict[str, str]] = {
    "claim": {"shape": "box", "color": "#fff2a8", "font": "#1d232a"},
    "agent": {"shape": "dot", "color": "#64b5f6", "font": "#1d232a"},
    "source": {"shape": "square", "color": "#b0bec5", "font": "#1d232a"},
    "review": {"shape": "diamond", "color": "#81c784", "font": "#1d232a"},
}
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "asserts": {"label": "asserts", "color": "#2e7d32", "dashes": False, "width": 2},
    "denies": {"label": "denies", "color": "#c62828", "dashes": False, "width": 3},
    "disputes": {"label": "disputes", "color": "#ef6c00", "dashes": False, "width": 2},
    "supports": {"label": "supports", "color": "#00838f", "dashes": False, "width": 2},
    "accuses": {"label": "accuses", "color": "#6a1b9a", "dashes": False, "width": 2},
    "reported-in": {"label": "reported in", "color": "#90a4ae", "dashes": True, "width": 1},
    "about": {"label": "about", "color": "#bbbbbb", "dashes": [2, 4], "width": 1},
    "reviews": {"label": "reviews", "color": "#388e3c", "dashes": [8, 4], "width": 1},
}
LABEL_MAX = 48
#: Above this many nodes the page draws dots instead of boxes and leaves "about" edges out.
BIG_GRAPH = 1500
#: Edge kinds not drawn above BIG_GRAPH nodes (the panel still lists them); see --around.
BIG_SKIP = ("about", "reported-in")
#: Characters of the surrounding sentence shown either side of a span in the panel.
CONTEXT_MAX = 160
#: How contested a claim is drawn: one step per denial or dispute answering it, up to this many.
CONTEST_MAX = 4
#: A claim dot's radius (graphs above BIG_GRAPH nodes): this, plus DOT_STEP per contest step.
DOT_SIZE = 6.0
DOT_STEP = 3.0
#: A claim box's margin around its label (vis-network's default 5): plus BOX_STEP per step.
BOX_MARGIN = 5.0
BOX_STEP = 4.0


def json_for_script(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&`` are escaped.

    >>> json_for_script({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without None, False, zero and empty values (the page reads a missing key as
    empty)."""
    return {k: v for k, v in data.items() if v}


def _labels(view: View | None, iri: str, label: str) -> list[str]:
    """Every label a node can show (the page switches language): its claim texts or names."""
    if view is not None and iri in view.claims:
        return [label, *view.claims[iri].text.values()]
    if view is not None and iri in view.agents:
        return [label, *view.agents[iri].labels.values()]
    return [label]


def contest_levels(g: nx.MultiDiGraph) -> dict[str, int]:
    """Each claim's contest step: how many denials and disputes answer it, at most CONTEST_MAX.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "c", kind="denies"), g.add_edge("b", "c", kind="disputes")
    >>> _ = g.add_edge("b", "d", kind="asserts")
    >>> contest_levels(g)
    {'c': 2}
    """
    levels: dict[str, int] = {}
    for _, v, kind in g.edges(data="kind"):
        if kind in ("denies", "disputes"):
            levels[str(v)] = min(levels.get(str(v), 0) + 1, CONTEST_MAX)
    return levels


def node_boxes(
    g: nx.MultiDiGraph, view: View | None = None, contest: dict[str, int] | None = None
) -> dict[str, Box]:
    """The box the page draws for each node: shape by kind, label cut at ``LABEL_MAX``; with
    ``view``, the largest box over every language the page can switch to.

    Above ``BIG_GRAPH`` nodes claims are dots without a label (see graph.js), their radius
    growing with :func:`contest_levels` (``contest``, computed if not given); below, a contested
    claim's box has a wider margin.
    """
    big = g.number_of_nodes() > BIG_GRAPH
    contest = contest_levels(g) if contest is None else contest
    boxes = {}
    for v, data in g.nodes(data=True):
        kind = str(data["kind"])
        level = contest.get(str(v), 0) if kind == "claim" else 0
        if big and kind == "claim":
            boxes[str(v)] = label_box("dot", "", size=DOT_SIZE + DOT_STEP * level)
            continue
        shape = NODE_STYLES[kind]["shape"]
        options = [
            label_box(shape, _short(text))
            for text in _labels(view, str(v), str(data.get("label", "")))
        ]
        width = max(b.width for b in options) + 2 * BOX_STEP * level
        height = max(b.height for b in options) + 2 * BOX_STEP * level
        # a box holds its label around the centre; other shapes (size 12) have it underneath
        boxes[str(v)] = Box(width, height, 0.0 if shape == "box" else height / 2 - 12.0)
    return boxes


def _network(g: nx.MultiDiGraph, pos: dict[str, tuple[float, float]]) -> Network:
    """A pyvis Network with node and edge lists assigned directly, physics off."""
    net = Network(directed=True)
    net.nodes = [
        {
            "id": str(n),
            "kind": str(data["kind"]),
            "label": _short(str(data.get("label", ""))),
            "title": str(data.get("label", "")),
            "x": round(pos[n][0], 1),
            "y": round(pos[n][1], 1),
        }
        for n, data in g.nodes(data=True)
    ]
    net.edges = [
        {"from": str(u), "to": str(v), "kind": str(d["kind"])}
        | ({"statement": str(d["statement"])} if d.get("statement") else {})
        for u, v, d in g.edges(data=True)
    ]
    net.node_ids = [n["id"] for n in net.nodes]
    net.toggle_physics(False)
    return net


def _date(day: str | None, words: str | None) -> str | None:
    """The resolved day first, the words as written beside it.

    >>> _date("2024-09-13", "pada hari Jumat")
    '2024-09-13 (pada hari Jumat)'
    >>> _date(None, "on Friday")
    'on Friday'
    """
    if day and words and words != day:
        return f"{day} ({words})"
    return day or words


def _source_day(view: View, iri: str) -> str | None:
    src = view.sources.get(iri)
    return src.date if src else None


def _source_lang(view: View, iri: str) -> str | None:
    src = view.sources.get(iri)
    return src.language if src else None


def _payload(
    view: View,
    g: nx.MultiDiGraph,
    net: Network,
    site: str,
    lang: str,
    contest: dict[str, int],
) -> dict[str, Any]:
    claims = {c for c, k in g.nodes(data="kind") if k == "claim"}
    agents = {a for a, k in g.nodes(data="kind") if k == "agent"}
    statements = {st.iri: st for st in view.statements.values() if claims.intersection(st.claims)}
    index = {n["id"]: i for i, n in enumerate(net.nodes)}
    on_claim: dict[str, list[str]] = {c: [] for c in claims}
    by_agent: dict[str, list[str]] = {a: [] for a in agents}
    for iri, st in statements.items():
        for c in st.claims:
            if c in on_claim:
                on_claim[c].append(iri)
        if st.claimant in by_agent:
            by_agent[st.claimant].append(iri)
    return {
        "lang": lang,
        "site": site,
        "stances": list(STANCES),
        "bigGraph": BIG_GRAPH,
        "labelMax": LABEL_MAX,
        "bigSkip": list(BIG_SKIP),
        "stanceOrder": list(VERBS),
        "nodeStyles": NODE_STYLES,
        "edgeStyles": EDGE_STYLES,
        "contestMax": CONTEST_MAX,
        "dot": [DOT_SIZE, DOT_STEP],
        "box": [BOX_MARGIN, BOX_STEP],
        # compact lists: nodes [iri, kind, title, x, y, contest step]; edges [from index, to
        # index, kind] and the statement of a stance edge
        "nodes": [
            [n["id"], n["kind"], n["title"], n["x"], n["y"], contest.get(n["id"], 0)]
            for n in net.nodes
        ],
        "edges": [
            [index[e["from"]], index[e["to"]], e["kind"]]
            + ([e["statement"]] if "statement" in e else [])
            for e in net.edges
        ],
        "claims": {
            iri: {
                "slug": view.claims[iri].slug,
                "text": view.claims[iri].text,
                "time": view.claims[iri].time,
                "statements": on_claim[iri],
                "reviews": [
                    {
                        "rating": r.rating,
                        "author": r.author,
                        "date": r.date,
                        "url": safe_href(r.url),
                    }
                    for r in view.reviews_of(iri)
                ],
            }
            for iri in sorted(claims)
        },
        "agents": {
            iri: {
                "slug": view.agents[iri].slug,
                "label": view.agents[iri].label(lang),
                "labels": view.agents[iri].labels,
                "kind": view.agents[iri].kind,
                "names": [n for n in view.agents[iri].names() if n != view.agents[iri].label(lang)],
                "statements": by_agent[iri],
            }
            for iri in sorted(agents)
            if iri in view.agents
        },
        "sources": {
            iri: {
                "slug": src.slug,
                "title": src.title,
                "url": safe_href(src.url),
                **_compact({"publisher": src.publisher, "date": src.date}),
            }
            for iri, src in view.sources.items()
        },
        "statements": {
            iri: _compact(
                {
                    "claimant": st.claimant,
                    "claimantLabel": view.claimant(st.claimant, lang),
                    "stance": st.stance,
                    "source": st.source,
                    "anchor": st.anchor,
                    "date": _date(st.date, st.date_text),
                    "day": st.date or _source_day(view, st.source),
                    "lang": _source_lang(view, st.source),
                    "before": st.before[-CONTEXT_MAX:],
                    "exact": st.exact,
                    "after": st.after[:CONTEXT_MAX],
                    "quote": st.quote,
                    "verb": st.verb,
                    "hedged": st.hedged,
                    "hedge": st.hedge,
                    "claims": [c for c in st.claims if c in claims],
                }
            )
            for iri, st in statements.items()
        },
    }


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("kg", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def _asset(name: str) -> str:
    return (resources.files("kg.templates") / name).read_text(encoding="utf-8")


def graph_html(
    view: View,
    centre: str | None = None,
    depth: int = 1,
    site: str = "site/",
    lang: str = "en",
    title: str = "claimgraph",
    nonce: str | None = None,
) -> str:
    """The whole interactive graph page (or the neighbourhood of ``centre``) as HTML text."""
    g = to_networkx(view, lang)
    if centre is not None:
        g = around(g, view, centre, depth)
    contest = contest_levels(g)
    pos = layout(g, boxes=node_boxes(g, view, contest))
    net = _network(g, pos)
    data = _payload(view, g, net, site, lang, contest)
    index = {n["id"]: i for i, n in enumerate(net.nodes)}
    # stories: [label, x, y, claims, member node indexes]; the page can collapse each into one node
    data["stories"] = [
        [s.label, round(s.x, 1), round(s.y, 1), s.claims, [index[m] for m in s.members]]
        for s in (stories(g, pos) if g.number_of_nodes() > 2 else [])
    ]
    nonce = nonce or secrets.token_urlsafe(18)
    try:
        vis_js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
        vis_css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise KgError(f"pyvis does not ship vis-network 9.1.2 here: {exc}") from None
    for asset in (vis_js, vis_css):
        if "</" + "script" in asset.lower() or "</" + "style" in asset.lower():
            raise KgError("a bundled vis-network file cannot be inlined safely")
    claimants = sorted(
        {(st["claimant"], st["claimantLabel"]) for st in data["statements"].values()},
        key=lambda item: item[1].casefold(),
    )
    sources = sorted(
        ((iri, s["title"]) for iri, s in data["sources"].items() if iri in g),
        key=lambda item: item[1].casefold(),
    )
    languages = sorted({st["lang"] for st in data["statements"].values() if st.get("lang")})
    counts = {k: sum(1 for _, kind in g.nodes(data="kind") if kind == k) for k in NODE_STYLES}
    return (
        _env()
        .get_template("graph.html.j2")
        .render(
            title=title,
            nonce=nonce,
            csp=(
                "default-src 'none'; "
                f"script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
                "img-src data:; base-uri 'none'; form-action 'none'"
            ),
            vis_js=vis_js,
            vis_css=vis_css,
            page_js=_asset("graph.js"),
            page_css=_asset("graph.css"),
            data_json=json_for_script(data),
            claimants=claimants,
            sources=sources,
            languages=languages,
            lang=lang,
            text_languages=sorted({lang, *(k for c in data["claims"].values() for k in c["text"])}),
            stances=STANCES,
            node_styles=NODE_STYLES,
            edge_styles=EDGE_STYLES,
            counts=", ".join(f"{v} {k}{'' if v == 1 else 's'}" for k, v in counts.items() if v),
        )
    )


def write_graph_html(view: View, out: Path, **options: Any) -> Path:
    """Write :func:`graph_html` to ``out`` atomically; return ``out``."""
    atomic_write(out, graph_html(view, **options).encode("utf-8"))
    return out
