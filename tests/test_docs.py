"""The documentation site's generated references match the code.

The CLI reference (docs/reference/cli.md, rendered by mkdocs-click) names exactly the commands
`kg` has, every subcommand of a group included (the lazy group must resolve them); the
canned-query reference (docs/hooks.py) has a section for every public query and none for an
internal one. The whole site is built with `mkdocs build --strict` by `make docs`.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import click
import pytest

from kg.cli import main
from kg.queries import list_queries

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

pytest.importorskip("mkdocs_click", reason="the docs tools come with the dev extra")


def _real_commands(command: click.Command, path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every visible command path under ``command``, resolved the way click resolves it."""
    found = {path}
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                found |= _real_commands(sub, (*path, name))
    return found


def _documented_commands() -> set[tuple[str, ...]]:
    """Command paths as headings of the rendered CLI reference (h2 = kg, h3 = its commands...).

    mkdocs-click lists a group's ``commands`` when it holds any, else asks ``list_commands``:
    once a test ran one command through ``main`` in this process, the lazy group holds that one
    only, so every command is resolved first (``mkdocs build`` starts from none: the same)."""
    import markdown

    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        main.get_command(ctx, name)

    html = markdown.Markdown(extensions=["mkdocs-click", "toc"]).convert(
        (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    )
    stack: list[str] = []
    found = set()
    for level, title in re.findall(r"<h(\d)[^>]*>([^<]+)</h\1>", html):
        depth = int(level) - 2  # h2 is `kg` itself
        if depth < 0:
            continue
        stack = [*stack[:depth], title.strip()]
        found.add(tuple(stack[1:]))
    return found


def test_cli_reference_names_every_command_and_only_real_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # mkdocs-click lists a group's already-loaded commands when there are any: start from the
    # state of a fresh process (the docs build), whatever earlier tests ran in this one
    monkeypatch.setattr(main, "commands", {})
    documented = _documented_commands()
    real = _real_commands(main)
    assert ("export", "claimreview") in real and ("import", "rdf") in real
    assert documented - real == set(), "documented commands kg does not have"
    assert real - documented == set(), "commands missing from the CLI reference"


def _hooks():
    spec = importlib.util.spec_from_file_location("docs_hooks", DOCS / "hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_query_reference_has_every_public_query_and_no_internal_one() -> None:
    page = _hooks().queries_page()
    sections = set(re.findall(r"(?m)^## (\S+)$", page))
    public = {q.name for q in list_queries(internal=False)}
    assert "denials" in public
    assert sections == public
    for q in list_queries(internal=False):
        for param in q.params:
            assert f"--param {param}=" in page


def test_ontology_reference_lists_the_classes() -> None:
    page = _hooks().ontology_page()
    for term in ("cg:Claim", "cg:Statement", "cg:Span", "cg:denies"):
        assert f"| `{term}` |" in page
    assert "### cgsh:StatementShape" in page
