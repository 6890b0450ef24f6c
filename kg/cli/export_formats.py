"""``kg export claimreview | csv | graphml | gexf | jsonld``: one subcommand per entry of the
format table (:data:`kg.export.formats.FORMATS`)."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import click

from kg.cli.options import out_folder_option, store_option
from kg.export.formats import FORMATS, ExportFormat
from kg.store import open_store

__all__ = ["commands"]

lang_option = click.option(
    "--lang", default="en", show_default=True, help="Language of labels (falls back to English)."
)


def _command(fmt: ExportFormat) -> click.Command:
    def run(exports: Path, store: str, lang: str = "en") -> None:
        with closing(open_store(store)) as target:
            paths = fmt.write(target, exports, lang)
        if len(paths) == 1:
            click.echo(f"wrote {paths[0]}")
        else:
            folder = exports / "claimreview" if fmt.name == "claimreview" else exports
            click.echo(f"wrote {len(paths)} {fmt.name} file(s) to {folder}")

    run.__doc__ = fmt.help
    command = store_option(out_folder_option(run))
    if fmt.lang:
        command = lang_option(command)
    return click.command(fmt.name, help=fmt.help)(command)


#: The subcommands, in the table's order.
commands = tuple(_command(fmt) for fmt in FORMATS)
