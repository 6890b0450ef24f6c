"""Where claimgraph finds its ontology and writes by default.

claimgraph runs from a checkout (``pip install -e .``): the ontology, SHACL shapes and JSON-LD
context stay in ``ontology/`` at the top of the repository, one copy only.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "CONTEXT_PATH",
    "ONTOLOGY_DIR",
    "ONTOLOGY_PATH",
    "SHAPES_PATH",
    "default_exports_dir",
    "default_seeds_dir",
    "default_store_dir",
]

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_PATH = ONTOLOGY_DIR / "claimgraph.ttl"
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"
CONTEXT_PATH = ONTOLOGY_DIR / "context.jsonld"


def default_seeds_dir() -> Path:
    """``seeds/`` in the current directory."""
    return Path("seeds")


def default_exports_dir() -> Path:
    """``exports/`` in the current directory."""
    return Path("exports")


def default_store_dir() -> Path:
    """The embedded store's folder: ``$KG_STORE_DIR`` or ``.kg/store``."""
    return Path(os.environ.get("KG_STORE_DIR", ".kg/store"))
