"""Start-up budget: `kg --help` and `kg extract FILE` import no heavy module.

The budget (under 0.3 s of imports) is held by what is imported, not by a clock: each command
runs under ``python -X importtime`` and the modules it loaded are checked against the heavy
ones. Wall-clock figures are in ``bench/startup_bench.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.cli import COMMANDS, load_command, main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_eae76bf788f95f59.txt"

#: Imported by no start-up path: the store, RDF, SHACL, graphs, web and HTML layers.
HEAVY = (
    "rdflib",
    "pyoxigraph",
    "oxrdflib",
    "pyshacl",
    "pyshacl_turbo",
    "pyvis",
    "networkx",
    "starlette",
    "uvicorn",
    "httpx",
    "tantivy",
    "trafilatura",
    "lxml",
    "scipy",
    "numpy",
    "jinja2",
    "pyparsing",
)


def with_root_on_path() -> str:
    """PYTHONPATH with this checkout first, so the subprocess runs the code under test."""
    return os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])


def imported_modules(*args: str) -> tuple[list[str], int]:
    """What ``python -X importtime -m kg ARGS`` imported, and the total import time in us."""
    env = {**os.environ, "PYTHONPATH": with_root_on_path()}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kg", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules, total = [], 0
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, name = line.removeprefix("import time:").split("|")
        total += int(self_us)
        modules.append(name.strip())
    return modules, total


def heavy(modules: list[str], extra: tuple[str, ...] = ()) -> list[str]:
    return sorted({m for m in modules if m.split(".")[0] in (*HEAVY, *extra)})


def test_help_imports_no_subcommand_and_no_heavy_module() -> None:
    modules, total_us = imported_modules("--help")
    assert "kg.cli" in modules
    assert heavy(modules, ("pydantic", "yaml")) == [], f"{total_us / 1e6:.2f} s of imports"
    loaded = [m for m in modules if m.startswith("kg.") and m not in ("kg.cli", "kg.errors")]
    assert loaded == [], loaded


@pytest.mark.parametrize("flags", [[], ["--json"]])
def test_extract_imports_the_extractor_only(flags: list[str]) -> None:
    modules, total_us = imported_modules("extract", *flags, str(SEED))
    assert "kg.extract.rules" in modules
    assert heavy(modules) == [], f"{total_us / 1e6:.2f} s of imports"
    others = [
        m
        for m in modules
        if m.startswith("kg.")
        and not m.startswith(("kg.extract", "kg.cli.extract"))
        and m
        not in (
            "kg.cli",
            "kg.errors",
            "kg.fsutil",
            "kg.paths",
            "kg.slugs",
            "kg.stance",
            "kg.yamlsafe",
        )
    ]
    assert others == [], others


def test_every_command_short_help_matches_the_command() -> None:
    for name, entry in COMMANDS.items():
        command = load_command(name)
        assert command.name == name
        assert entry.short_help == command.get_short_help_str(limit=10_000), (
            f"COMMANDS[{name!r}].short_help in kg/cli/__init__.py differs from the command's "
            f"help: {command.get_short_help_str(limit=10_000)!r}"
        )


def test_lazy_help_is_the_help_of_the_loaded_commands() -> None:
    lazy = type(main)(name="kg", help=main.help, params=main.params)
    eager = click.Group(name="kg", help=main.help, params=main.params)
    for name in COMMANDS:
        eager.add_command(load_command(name), name)
    outputs = []
    for group in (lazy, eager):
        result = CliRunner().invoke(group, ["--help"], prog_name="kg", terminal_width=100)
        assert result.exit_code == 0
        outputs.append(result.output)
    assert not lazy.commands  # --help loaded no subcommand
    assert outputs[0] == outputs[1]
    assert "extract     Extract claims" in outputs[0]


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command 'no-such-command'" in result.output
