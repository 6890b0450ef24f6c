"""``kg extract ARTICLE...``: print the statements the extractor finds in articles.

One file: a table (or, with ``--json``, one indented JSON object). Several files or folders:
JSON Lines, one object per article, so a corpus pays the start-up once. A file that cannot be
read or extracted is a one-line error naming it; the others are still processed, and the exit
status is non-zero at the end. It reads articles, runs the extractor and prints; it never
touches a store.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.errors import InputError, KgError
from kg.fsutil import files_under

if TYPE_CHECKING:
    from kg.extract import Extraction

__all__ = ["ARTICLE_SUFFIXES", "extract", "find_article_files"]

#: The files a folder is walked for (README.md, hidden files and folders are left out).
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".xhtml")


def find_article_files(paths: tuple[Path, ...]) -> Iterator[Path | InputError]:
    """Files as given and folders walked (sorted); a missing path or an empty folder is an
    InputError in the stream, in its place."""
    for path in paths:
        if path.is_dir():
            files = files_under(path, ARTICLE_SUFFIXES, skip={"README.md"})
            if not files:
                suffixes = ", ".join(ARTICLE_SUFFIXES)
                yield InputError(f"{path}: folder holds no article files ({suffixes})")
            yield from files
        else:
            yield path  # the reader names a missing or unreadable file


def _named(path: Path, exc: KgError) -> str:
    message = str(exc)
    return message if message.startswith(str(path)) else f"{path}: {message}"


def _extract_one(path: Path, lang: str) -> Extraction:
    from kg.extract import extract_article, read_article

    result = extract_article(read_article(path), lang)
    for warning in result.warnings:
        click.echo(f"kg: warning: {path}: {warning}", err=True)
    return result


@click.command("extract")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(["id", "en", "auto"]),
    default="auto",
    show_default=True,
    help="Language of the articles; auto detects id/en from stopwords, per article.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="One article: print one JSON object {source, claims}."
)
@click.option(
    "--jsonl",
    is_flag=True,
    help="Print JSON Lines (one object per article) even for one file; the default for several.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["nquads"]),
    help="nquads: print the N-Quads `kg ingest` would write for the articles, before linking "
    "across articles (the agent registry's graph first); load them with `kg load`.",
)
def extract(
    articles: tuple[Path, ...], lang: str, as_json: bool, jsonl: bool, fmt: str | None
) -> None:
    """Extract claims (who said what, who denied it, exact spans) from article files and folders.

    Each ARTICLE is a UTF-8 text file (first line = title, optional YAML front matter), an
    HTML page, or a folder walked for .txt, .md and .html files in sorted order. With one file
    it prints a table (or --json); with several, or a folder, JSON Lines: one --json object per
    article, in order. A bad file is a one-line error on stderr naming it; the rest are still
    processed and the exit status is that of the first error. Nothing is written anywhere.
    """
    if fmt == "nquads":
        _nquads(articles, lang)
        return
    if len(articles) == 1 and not jsonl and not articles[0].is_dir():
        _single(articles[0], lang, as_json)
        return
    failed: list[KgError] = []
    done = 0
    for item in find_article_files(articles):
        if isinstance(item, InputError):
            failed.append(item)
            click.echo(f"kg: error: {item}", err=True)
            continue
        try:
            result = _extract_one(item, lang)
        except KgError as exc:
            failed.append(exc)
            click.echo(f"kg: error: {_named(item, exc)}", err=True)
            continue
        done += 1
        click.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
    _finish(failed, done)


def _finish(failed: list[KgError], done: int) -> None:
    if failed:
        click.echo(f"kg: {len(failed)} failed, {done} extracted", err=True)
        sys.exit(failed[0].exit_code)


def _nquads(articles: tuple[Path, ...], lang: str) -> None:
    """The N-Quads of the articles, as ``kg ingest`` finds them (its own file walk)."""
    from kg.ingest import find_articles
    from kg.ingest.linkpass import article_nquads, registry_nquads

    try:
        files, _passed = find_articles(articles)
    except InputError as exc:
        click.echo(f"kg: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    failed: list[KgError] = []
    out = sys.stdout.buffer
    out.write(registry_nquads().encode("utf-8"))
    for path in files:
        try:
            out.write(article_nquads(str(path), lang).encode("utf-8"))
        except KgError as exc:
            failed.append(exc)
            click.echo(f"kg: error: {_named(path, exc)}", err=True)
        except Exception as exc:  # an error of the extractor itself fails its file only
            failed.append(InputError(f"{path}: could not be processed ({type(exc).__name__})"))
            click.echo(f"kg: error: {failed[-1]}", err=True)
    out.flush()
    _finish(failed, len(files) - len(failed))


def _single(article: Path, lang: str, as_json: bool) -> None:
    """One file, as ``kg extract FILE`` always printed it."""
    try:
        result = _extract_one(article, lang)
    except KgError as exc:
        click.echo(f"kg: error: {_named(article, exc)}", err=True)
        sys.exit(exc.exit_code)
    if as_json:
        click.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    src = result.source
    click.echo(f"{src.title or article.name}  [{src.language}, {len(result.claims)} statements]")
    for st in result.claims:
        flags = "".join(
            f for f, on in (("Q", st.quote), ("H", st.hedged), ("T", bool(st.targets))) if on
        )
        targets = f" -> {','.join(st.targets)}" if st.targets else ""
        click.echo(
            f"{st.id:>4} {st.kind:<10} {st.claimant.id:<30} {flags:<3} "
            f"[{st.start}:{st.end}]{targets} {st.text[:70]}"
        )
