"""``kg extract ARTICLE``: print the statements the extractor finds in one article.

It reads the article, runs the extractor and prints; it never touches a store.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.errors import KgError

__all__ = ["extract"]


@click.command("extract")
@click.argument("article", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(["id", "en", "auto"]),
    default="auto",
    show_default=True,
    help="Language of the article; auto detects id/en from stopwords.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object {source, claims}.")
def extract(article: Path, lang: str, as_json: bool) -> None:
    """Extract claims (who said what, who denied it, exact spans) from ARTICLE.

    ARTICLE is a UTF-8 text file (first line = title, optional YAML front matter) or an HTML
    page. Nothing is written anywhere.
    """
    from kg.extract import extract_article, read_article

    try:
        result = extract_article(read_article(article), lang)
    except KgError as exc:
        click.echo(f"kg: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    for warning in result.warnings:
        click.echo(f"kg: warning: {warning}", err=True)
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
