"""Node positions computed in Python, so the browser draws a graph without running physics.

Small graphs get a spring layout. Large ones get a cheap deterministic layout: the hubs
(agents, sources, reviews) are laid out by a spring layout of the hub graph (hubs joined by the
claims they share), and each claim sits on a small spiral around the centre of its hubs.
Then :func:`kg.export.overlap.remove_overlaps` moves nodes until no two drawn boxes overlap.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import numpy as np
from scipy import sparse

from kg.export.overlap import Box, label_box, remove_overlaps

__all__ = ["layout"]

SMALL = 200
#: Up to this many hubs get a force-directed layout (an n x n matrix); more get a spiral.
DENSE_HUBS = 2000
#: Edge weights for the small-graph spring layout: a source that reports every claim should not
#: pull them all into one knot.
_LENGTHS = {"reported-in": 2.0, "about": 1.5}
#: Typical distance between neighbours in small graphs before overlap removal (pixels).
_GAP = 150.0


def _small(g: nx.MultiDiGraph, seed: int) -> dict[str, tuple[float, float]]:
    """Kamada-Kawai (edge lengths by kind), scaled to about ``_GAP`` pixels between neighbours."""
    simple = nx.Graph()
    simple.add_nodes_from(g.nodes)
    for u, v, kind in g.edges(data="kind"):
        if u != v:
            length = _LENGTHS.get(str(kind), 1.0)
            old = simple.get_edge_data(u, v, {}).get("weight", length)
            simple.add_edge(u, v, weight=min(old, length))
    if simple.number_of_nodes() <= 1:
        return {str(k): (0.0, 0.0) for k in simple.nodes}
    raw = nx.kamada_kawai_layout(simple, weight="weight", pos=nx.circular_layout(simple))
    scale = _GAP * 0.6 * math.sqrt(simple.number_of_nodes())
    return {str(k): (float(p[0]) * scale, float(p[1]) * scale) for k, p in raw.items()}


_GOLDEN = math.pi * (3 - math.sqrt(5))


def _dense_fr(weights: np.ndarray, seed: int, iterations: int = 60) -> np.ndarray:
    """Fruchterman-Reingold on a dense weight matrix (vectorised numpy), positions in [-1, 1]."""
    n = len(weights)
    if n <= 1:
        return np.zeros((n, 2))
    a = np.log1p(weights)
    pos = np.random.default_rng(seed).random((n, 2))
    k = math.sqrt(1.0 / n)
    t = 0.1
    step = t / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        dist = np.sqrt(dx * dx + dy * dy)
        np.clip(dist, 0.01, None, out=dist)
        force = k * k / (dist * dist) - a * dist / k
        disp = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        length = np.sqrt((disp * disp).sum(axis=1))
        length = np.where(length < 0.01, 0.1, length)
        pos += disp * (t / length)[:, None]
        t -= step
    pos -= pos.mean(axis=0)
    pos /= max(float(np.abs(pos).max()), 1e-9)
    return pos


def _sunflower(nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Golden-angle spiral in [-1, 1], first nodes in the middle."""
    n = max(len(nodes), 1)
    return {
        v: (
            math.sqrt((i + 0.5) / n) * math.cos(i * _GOLDEN),
            math.sqrt((i + 0.5) / n) * math.sin(i * _GOLDEN),
        )
        for i, v in enumerate(nodes)
    }


def layout(
    g: nx.MultiDiGraph, seed: int = 7, boxes: dict[str, Box] | None = None
) -> dict[str, tuple[float, float]]:
    """Pixel positions for every node of ``g``, deterministic for a given graph and seed.

    No two nodes' ``boxes`` (by default: a claim is a box holding its label, any other node a
    dot with its label under it) overlap.
    """
    if boxes is None:
        boxes = {
            str(v): label_box("box" if kind == "claim" else "dot", str(g.nodes[v].get("label", "")))
            for v, kind in g.nodes(data="kind")
        }
    return remove_overlaps(_raw(g, seed), boxes)


def _raw(g: nx.MultiDiGraph, seed: int) -> dict[str, tuple[float, float]]:
    """Positions before overlap removal."""
    n = g.number_of_nodes()
    scale = 90.0 * math.sqrt(max(n, 1))
    if n <= SMALL:
        return _small(g, seed)
    kinds = dict(g.nodes(data="kind"))
    hubs = [str(v) for v, kind in kinds.items() if kind != "claim"]
    index = {h: i for i, h in enumerate(hubs)}
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for claim in (v for v, kind in kinds.items() if kind == "claim"):
        hubs_of = {str(h) for h in g.succ[claim]} | {str(h) for h in g.pred[claim]}
        hubs_of.discard(str(claim))
        groups[tuple(sorted(hubs_of))].append(str(claim))
    # hubs joined by the claims they share: weight = number of shared claims (B^T B of the
    # claims-by-hubs incidence matrix, one row per set of hubs counted by its claims)
    rows = [r for r, near in enumerate(groups) for _ in near]
    cols = [index[h] for near in groups for h in near]
    incidence = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(groups), len(hubs))
    )
    counts = sparse.diags([float(len(m)) for m in groups.values()])
    weights = (incidence.T @ counts @ incidence).toarray()
    np.fill_diagonal(weights, 0.0)
    degree = (weights > 0).sum(axis=1)
    if len(hubs) <= DENSE_HUBS:
        raw = _dense_fr(weights, seed)
    else:
        order = sorted(range(len(hubs)), key=lambda i: (-int(degree[i]), hubs[i]))
        spiral = _sunflower([hubs[i] for i in order])
        raw = np.array([spiral[h] for h in hubs]).reshape(-1, 2)
    hub_pos = {h: (float(x) * scale, float(y) * scale) for h, (x, y) in zip(hubs, raw, strict=True)}
    pos: dict[str, tuple[float, float]] = dict(hub_pos)
    ring = 0
    for near, members in sorted(groups.items()):
        if near:
            cx = sum(hub_pos[h][0] for h in near) / len(near)
            cy = sum(hub_pos[h][1] for h in near) / len(near)
        else:
            angle = ring * _GOLDEN
            cx, cy = 1.2 * scale * math.cos(angle), 1.2 * scale * math.sin(angle)
            ring += 1
        for k, claim in enumerate(members, start=1):
            r = 28.0 * math.sqrt(k)
            pos[claim] = (cx + r * math.cos(k * _GOLDEN), cy + r * math.sin(k * _GOLDEN))
    return pos
