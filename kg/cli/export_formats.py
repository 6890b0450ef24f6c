"""``kg export claimreview | csv | graphml | gexf | jsonld``: the field's formats."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import click

from kg.cli.options import out_folder_option, store_option
from kg.export.claimreview import write_claimreviews
from kg.export.csv_tables import write_csv_tables
from kg.export.graph_files import write_gexf, write_graphml
from kg.fsutil import safe_child
from kg.imports.rdf_dataset import write_store_jsonld
from kg.store import open_store

__all__ = ["claimreview_cmd", "csv_cmd", "gexf_cmd", "graphml_cmd", "jsonld_cmd"]

#: File name of ``kg export jsonld`` (the whole store; ``kg build`` writes claims.jsonld).
STORE_JSONLD = "graph.jsonld"

lang_option = click.option(
    "--lang", default="en", show_default=True, help="Language of labels (falls back to English)."
)


@click.command("claimreview")
@out_folder_option
@store_option
def claimreview_cmd(exports: Path, store: str) -> None:
    """Write one schema.org ClaimReview JSON-LD file per reviewed claim to EXPORTS/claimreview/."""
    with closing(open_store(store)) as target:
        paths = write_claimreviews(target, exports / "claimreview")
    click.echo(f"wrote {len(paths)} ClaimReview document(s) to {exports / 'claimreview'}")


@click.command("csv")
@out_folder_option
@store_option
@lang_option
def csv_cmd(exports: Path, store: str, lang: str) -> None:
    """Write claims.csv and statements.csv (UTF-8 with BOM, formula-injection safe)."""
    with closing(open_store(store)) as target:
        paths = write_csv_tables(target, exports, lang)
    click.echo("wrote " + ", ".join(str(p) for p in paths))


@click.command("graphml")
@out_folder_option
@store_option
@lang_option
def graphml_cmd(exports: Path, store: str, lang: str) -> None:
    """Write the claim network as GraphML (node kinds, edge stances as attributes)."""
    with closing(open_store(store)) as target:
        path = write_graphml(target, exports, lang)
    click.echo(f"wrote {path}")


@click.command("gexf")
@out_folder_option
@store_option
@lang_option
def gexf_cmd(exports: Path, store: str, lang: str) -> None:
    """Write the claim network as GEXF for Gephi (node kinds, edge stances as attributes)."""
    with closing(open_store(store)) as target:
        path = write_gexf(target, exports, lang)
    click.echo(f"wrote {path}")


@click.command("jsonld")
@out_folder_option
@store_option
def jsonld_cmd(exports: Path, store: str) -> None:
    """Write every named graph of the store as JSON-LD (local context inlined) to graph.jsonld."""
    with closing(open_store(store)) as target:
        path = safe_child(exports, STORE_JSONLD)
        graphs = write_store_jsonld(target, path)
    click.echo(f"wrote {path} ({graphs} graphs)")
