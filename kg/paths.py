"""Where claimgraph finds its ontology and writes by default.

The ontology, SHACL shapes and JSON-LD contexts are package data in ``kg/ontology/`` and are
read with :mod:`importlib.resources`, so a wheel installed anywhere carries them. The
top-level ``ontology/`` of the repository is the published copy for people browsing it;
``tests/test_package_data.py`` keeps the two identical.
"""

from __future__ import annotations

import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = [
    "AGENTS_PATH",
    "CONTEXT_PATH",
    "ONTOLOGY_DIR",
    "ONTOLOGY_FILES",
    "ONTOLOGY_PATH",
    "SCHEMA_CONTEXT_PATH",
    "SHAPES_PATH",
    "default_exports_dir",
    "default_seeds_dir",
    "default_store_dir",
    "ontology_text",
]

#: The ontology folder inside the installed package (a Traversable, not necessarily a Path).
ONTOLOGY_DIR: Traversable = resources.files("kg") / "ontology"
ONTOLOGY_PATH = ONTOLOGY_DIR / "claimgraph.ttl"
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"
CONTEXT_PATH = ONTOLOGY_DIR / "context.jsonld"
SCHEMA_CONTEXT_PATH = ONTOLOGY_DIR / "schemaorg-context.jsonld"
#: The shared agent registry (kg/data/agents.yaml), the one file both the extractor's name
#: index (:class:`kg.extract.agents.AgentRegistry`) and the curated agents
#: (:func:`kg.curation.agents.load_agents`) read.
AGENTS_PATH: Traversable = resources.files("kg") / "data" / "agents.yaml"
#: Every file of the ontology folder, as published in the repository's ``ontology/``.
ONTOLOGY_FILES = ("claimgraph.ttl", "context.jsonld", "schemaorg-context.jsonld", "shapes.ttl")


def ontology_text(name: str) -> str:
    """The text of ``kg/ontology/<name>`` (one of :data:`ONTOLOGY_FILES`).

    >>> "sh:NodeShape" in ontology_text("shapes.ttl")
    True
    """
    return (ONTOLOGY_DIR / name).read_text(encoding="utf-8")


def default_seeds_dir() -> Path:
    """``seeds/`` in the current directory."""
    return Path("seeds")


def default_exports_dir() -> Path:
    """``exports/`` in the current directory."""
    return Path("exports")


def default_store_dir() -> Path:
    """The embedded store's folder: ``$KG_STORE_DIR`` or ``.kg/store``."""
    return Path(os.environ.get("KG_STORE_DIR", ".kg/store"))
