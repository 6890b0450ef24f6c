"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

from kg.paths import default_exports_dir, default_seeds_dir

__all__ = ["exports_option", "out_folder_option", "seeds_option", "store_option"]

store_option = click.option(
    "--store",
    "store",
    envvar="KG_STORE",
    default=".kg/store",
    show_default=True,
    help="Store: a folder (embedded Oxigraph) or a SPARQL endpoint URL. Env: KG_STORE.",
)
seeds_option = click.option(
    "--seeds",
    type=click.Path(path_type=Path, file_okay=False),
    default=default_seeds_dir,
    show_default="seeds",
    help="Folder of article texts and their .claims.yaml files.",
)
exports_option = click.option(
    "--exports",
    type=click.Path(path_type=Path, file_okay=False),
    default=default_exports_dir,
    show_default="exports",
    help="Folder the exports are written to.",
)
# Exports take --out, as `kg export html` and `kg export site` do; --exports stays as an alias.
out_folder_option = click.option(
    "--out",
    "--exports",
    "exports",
    type=click.Path(path_type=Path, file_okay=False),
    default=default_exports_dir,
    show_default="exports",
    help="Folder the files are written to (--exports: the same, its older name).",
)
