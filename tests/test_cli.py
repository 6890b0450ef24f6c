"""Every command and subcommand has help text, and --help works for each."""

from __future__ import annotations

import click
from click.testing import CliRunner

from kg.cli import main


def walk(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # commands are loaded lazily: ask, don't read .commands
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out.extend(walk(cmd, (*prefix, name)))
    return out


def test_every_command_has_help() -> None:
    paths = walk(main)
    assert ("build",) in paths and ("validate",) in paths
    for path in paths:
        cmd: click.Command = main
        for part in path:
            assert isinstance(cmd, click.Group)
            sub = cmd.get_command(click.Context(cmd), part)
            assert sub is not None
            cmd = sub
        assert cmd.help and cmd.help.strip(), f"kg {' '.join(path)} has no help text"
        result = CliRunner().invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Usage:" in result.output


def test_version() -> None:
    from kg import __version__

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_the_readme_points_to_the_generated_cli_reference() -> None:
    """The CLI reference is generated from the commands (docs/reference/cli.md, mkdocs-click;
    tests/test_docs.py holds it to the command tree); the README links to it instead of keeping
    a hand-written table that drifts."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "docs/reference/cli.md" in readme
    assert "::: mkdocs-click" in (root / "docs" / "reference" / "cli.md").read_text()
