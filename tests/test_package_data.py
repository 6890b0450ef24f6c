"""The package carries its data: ontology, shapes, contexts, queries, templates, language files."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

from kg.paths import ONTOLOGY_DIR, ONTOLOGY_FILES, ontology_text

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "ontology"


def test_published_ontology_is_identical_to_the_package_copy() -> None:
    published = sorted(p.name for p in PUBLISHED.iterdir() if p.is_file())
    packaged = sorted(p.name for p in ONTOLOGY_DIR.iterdir() if p.name != "__pycache__")
    assert published == packaged == sorted(ONTOLOGY_FILES)
    for name in ONTOLOGY_FILES:
        assert (PUBLISHED / name).read_text(encoding="utf-8") == ontology_text(name), (
            f"ontology/{name} differs from kg/ontology/{name}: copy the package file over it"
        )


def test_every_data_file_in_the_package_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    kg = ROOT / "kg"
    data = [
        p
        for p in kg.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert any(p.suffix == ".ttl" for p in data)
    missing = [
        str(p.relative_to(ROOT))
        for p in data
        if not any(fnmatch.fnmatch(p.name, pattern) for pattern in patterns)
    ]
    assert missing == [], f"not listed in [tool.setuptools.package-data]: {missing}"
