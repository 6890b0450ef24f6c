"""Overlap removal for node boxes: every node's drawn box (shape plus label) apart from every other.

Boxes are axis-aligned rectangles around each node's position. Overlapping pairs (found with a
k-d tree, so large graphs stay fast) are pushed apart along the axis where they overlap least,
for a bounded number of rounds. Whatever overlap is left is then removed for certain by scaling
all positions up from the centre by the smallest factor that separates every remaining pair
(scaling never brings two boxes closer, so no new overlap appears).

The label box is an estimate of what vis-network draws (14 px Arial, labels wrapped at
``WRAP`` pixels); it errs on the large side.

>>> pos = remove_overlaps({"a": (0.0, 0.0), "b": (1.0, 0.0)}, {"a": Box(40, 20), "b": Box(40, 20)})
>>> abs(pos["b"][0] - pos["a"][0]) >= 40
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

__all__ = ["CHAR_W", "GAP", "LINE_H", "WRAP", "Box", "label_box", "overlapping", "remove_overlaps"]

#: Upper estimate of one character's width in vis-network's 14 px label font (pixels).
CHAR_W = 8.6
#: Height of one label line (pixels).
LINE_H = 18.0
#: Labels wrap at this width (vis-network ``widthConstraint.maximum``).
WRAP = 220
#: Space kept between two boxes (pixels).
GAP = 6.0
#: Rounds without 1% fewer overlapping pairs after which pushing stops.
STALL = 15


@dataclass(frozen=True)
class Box:
    """A node's drawn extent: ``width`` x ``height`` around its position, centre moved by ``dy``."""

    width: float
    height: float
    dy: float = 0.0


def _lines(label: str) -> tuple[float, int]:
    """Estimated (width, lines) of a label wrapped at ``WRAP`` pixels."""
    if not label:
        return 0.0, 0
    width = len(label) * CHAR_W
    if width <= WRAP:
        return width, 1
    # word wrapping wastes part of each line: count lines against 85% of the wrap width
    return float(WRAP), math.ceil(width / (WRAP * 0.85))


def label_box(shape: str, label: str, size: float = 12.0) -> Box:
    """The box vis-network draws for a node of ``shape`` with ``label`` (``size`` as in vis).

    A ``box`` holds its label (5 px margins); other shapes draw the label under the shape.

    >>> label_box("box", "short")
    Box(width=53.0, height=28.0, dy=0.0)
    >>> label_box("dot", "", size=6)
    Box(width=12.0, height=12.0, dy=0.0)
    """
    width, lines = _lines(label)
    if shape == "box":
        return Box(max(width, 10.0) + 10.0, lines * LINE_H + 10.0)
    shape_h = 2.0 * size
    if not lines:
        return Box(shape_h, shape_h)
    height = shape_h + 5.0 + lines * LINE_H
    return Box(max(width, shape_h), height, dy=height / 2 - size)


def _pairs(centres: np.ndarray, half: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices (i, j) of every overlapping pair of boxes."""
    if len(centres) < 2:
        empty = np.zeros(0, dtype=int)
        return empty, empty
    reach = 2 * float(np.hypot(half[:, 0], half[:, 1]).max())
    pairs = cKDTree(centres).query_pairs(reach, output_type="ndarray")
    if not len(pairs):
        empty = np.zeros(0, dtype=int)
        return empty, empty
    i, j = pairs[:, 0], pairs[:, 1]
    d = np.abs(centres[j] - centres[i])
    need = half[i] + half[j]
    over = (d[:, 0] < need[:, 0]) & (d[:, 1] < need[:, 1])
    return i[over], j[over]


def overlapping(pos: dict[str, tuple[float, float]], boxes: dict[str, Box]) -> int:
    """How many pairs of boxes overlap (counting the ``GAP`` as part of each box)."""
    keys = sorted(pos)
    centres = np.array([[pos[k][0], pos[k][1] + boxes[k].dy] for k in keys], dtype=float)
    half = np.array([[boxes[k].width / 2, boxes[k].height / 2] for k in keys], dtype=float)
    return len(_pairs(centres.reshape(-1, 2), half.reshape(-1, 2) + GAP / 2)[0])


def remove_overlaps(
    pos: dict[str, tuple[float, float]], boxes: dict[str, Box], rounds: int = 80
) -> dict[str, tuple[float, float]]:
    """New positions for ``pos`` where no two ``boxes`` overlap (deterministic)."""
    keys = sorted(pos)
    if len(keys) < 2:
        return {k: (float(pos[k][0]), float(pos[k][1])) for k in keys}
    c = np.array([[pos[k][0], pos[k][1] + boxes[k].dy] for k in keys], dtype=float)
    half = np.array([[boxes[k].width / 2, boxes[k].height / 2] for k in keys], dtype=float)
    half += GAP / 2
    # nodes on the same spot: spread them on a tiny golden-angle spiral first
    if len(np.unique(c, axis=0)) < len(c):
        angle = np.arange(len(c)) * math.pi * (3 - math.sqrt(5))
        c += np.stack([np.cos(angle), np.sin(angle)], axis=1) * 0.5
    best, since = len(c) * len(c), 0
    for _ in range(rounds):
        i, j = _pairs(c, half)
        if not len(i):
            break
        # jammed: pushing has stopped helping (pairs pressed from both sides swap back and
        # forth); the scaling below finishes the job
        if len(i) < best * 0.99:
            best, since = len(i), 0
        else:
            since += 1
            if since >= STALL:
                break
        delta = c[j] - c[i]
        need = half[i] + half[j]
        over = need - np.abs(delta)
        along_x = over[:, 0] / need[:, 0] <= over[:, 1] / need[:, 1]
        sign = np.where(delta >= 0, 1.0, -1.0)
        move = np.zeros_like(delta)
        move[along_x, 0] = over[along_x, 0] * sign[along_x, 0] * 0.5
        move[~along_x, 1] = over[~along_x, 1] * sign[~along_x, 1] * 0.5
        disp = np.zeros_like(c)
        np.add.at(disp, j, move)
        np.add.at(disp, i, -move)
        c += disp * 0.9
    i, j = _pairs(c, half)
    if len(i):
        d = np.abs(c[j] - c[i])
        need = half[i] + half[j]
        with np.errstate(divide="ignore"):
            factor = np.minimum(
                np.where(d[:, 0] > 0, need[:, 0] / np.maximum(d[:, 0], 1e-9), np.inf),
                np.where(d[:, 1] > 0, need[:, 1] / np.maximum(d[:, 1], 1e-9), np.inf),
            )
        centre = c.mean(axis=0)
        c = centre + (c - centre) * float(factor.max()) * 1.001
    return {k: (float(c[n, 0]), float(c[n, 1] - boxes[k].dy)) for n, k in enumerate(keys)}
