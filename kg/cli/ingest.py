"""``kg ingest``: extract claims from articles into the store."""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path

import click

from kg.cli.options import store_option
from kg.ingest import find_articles, ingest_files
from kg.store import open_store

__all__ = ["ingest_cmd"]


def _print_done(path: Path, source: str, statements: int) -> None:
    click.echo(f"ingested {path} -> {source} ({statements} statements)")
    sys.stdout.flush()


#: Show a progress bar from this many files on.
PROGRESS_FROM = 10
#: Without --jobs, one worker process per this many articles (up to the cores): starting a
#: worker (it loads the language data) cost more than it saved on 300 articles.
MIN_PER_WORKER = 250
#: New articles per update request on a SPARQL server (docs/explanation/performance.md).
DEFAULT_BATCH = 20


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(["auto", "id", "en"]),
    default="auto",
    show_default=True,
    help="Language of the articles; auto = front matter, then detection.",
)
@click.option("-v", "--verbose", is_flag=True, help="Print each article as it is written.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes that read and extract articles (default: the number of cores, one "
    "per 250 articles at most); one process writes, in input order, so the result does not "
    "depend on it.",
)
@click.option(
    "--batch-size",
    type=int,
    envvar="KG_STORE_BATCH",
    default=DEFAULT_BATCH,
    show_default=True,
    help="On a SPARQL server: new articles sent in one update request (one transaction on "
    "the Oxigraph server), reported written once it is acknowledged. Env: KG_STORE_BATCH.",
)
@store_option
def ingest_cmd(
    paths: tuple[Path, ...],
    lang: str,
    verbose: bool,
    jobs: int | None,
    batch_size: int,
    store: str,
) -> None:
    """Extract claims from article files or folders and add them to the store.

    Each article becomes one named graph, marked as machine-extracted, written in its own
    transaction in the order given; re-ingesting the same article replaces it. Articles a
    curated claim file covers are skipped. Bad files are reported and skipped; the exit code
    is 2 if any file could not be ingested.
    """
    from kg.ingest.batch import check_batch_size
    from kg.ingest.prepare import default_jobs

    check_batch_size(batch_size)
    files, passed = find_articles(paths)
    if jobs is None:  # the cores, when the batch is long enough to pay for their start
        workers = max(1, min(default_jobs(), len(files) // MIN_PER_WORKER))
    else:
        workers = max(1, min(jobs, len(files)))
    with closing(open_store(store)) as target:
        if verbose:
            report = ingest_files(
                files, target, lang, done=_print_done, jobs=workers, batch_size=batch_size
            )
        elif len(files) >= PROGRESS_FROM:
            with click.progressbar(length=len(files), label="ingesting", file=sys.stderr) as bar:
                report = ingest_files(
                    files,
                    target,
                    lang,
                    progress=lambda _path: bar.update(1),
                    jobs=workers,
                    batch_size=batch_size,
                )
        else:
            report = ingest_files(files, target, lang, jobs=workers, batch_size=batch_size)
    for path, why in [*passed, *report.skipped]:
        click.echo(f"skipped {path}: {why}", err=True)
    for _path, why in report.failed:
        click.echo(f"kg: error: {why}", err=True)
    click.echo(
        f"ingested {len(report.ingested)} article(s), {report.statements} statement(s); "
        f"skipped {len(passed) + len(report.skipped)}, failed {len(report.failed)}"
    )
    if report.failed:
        sys.exit(2)
