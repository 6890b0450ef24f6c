"""Test articles made from the seed: distinct copies under other bylines.

Every copy links to the first one's claims and names the same agents, so a few of them exercise
linking, shared agents and claims that several graphs describe."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEED_ARTICLE


def seed_shaped(folder: Path, n: int) -> list[Path]:
    """Write ``n`` distinct seed-shaped articles (``000.txt`` ...) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        path = folder / f"{i:03}.txt"
        path.write_text(text.replace("Banyu Uwir", f"Penulis {i}"), encoding="utf-8")
        paths.append(path)
    return paths
