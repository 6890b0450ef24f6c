"""The export formats of ``kg export`` other than the browsable ones (html, site), in one table.

Each entry names the format, says what it writes (the command's help), and writes it from a
store into a folder, returning the files written; ``lang`` says whether it takes ``--lang``.
``kg export`` makes one subcommand per entry (:mod:`kg.cli.export_formats`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.store import Store

__all__ = ["FORMATS", "STORE_JSONLD", "STORE_NQUADS", "ExportFormat"]

#: File name of ``kg export jsonld`` (the whole store; ``kg build`` writes claims.jsonld).
STORE_JSONLD = "graph.jsonld"
#: File name of ``kg export nquads``.
STORE_NQUADS = "graph.nq"


@dataclass(frozen=True)
class ExportFormat:
    name: str
    help: str
    write: Callable[[Store, Path, str], list[Path]]
    lang: bool = False


def _claimreview(store: Store, folder: Path, lang: str) -> list[Path]:
    from kg.export.claimreview import write_claimreviews

    return list(write_claimreviews(store, folder / "claimreview"))


def _csv(store: Store, folder: Path, lang: str) -> list[Path]:
    from kg.export.csv_tables import write_csv_tables

    return list(write_csv_tables(store, folder, lang))


def _graphml(store: Store, folder: Path, lang: str) -> list[Path]:
    from kg.export.graph_files import write_graphml

    return [write_graphml(store, folder, lang)]


def _gexf(store: Store, folder: Path, lang: str) -> list[Path]:
    from kg.export.graph_files import write_gexf

    return [write_gexf(store, folder, lang)]


def _jsonld(store: Store, folder: Path, lang: str) -> list[Path]:
    from kg.export.rdf_files import write_store_jsonld
    from kg.fsutil import safe_child

    path = safe_child(folder, STORE_JSONLD)
    write_store_jsonld(store, path)
    return [path]


def _nquads(store: Store, folder: Path, lang: str) -> list[Path]:
    from kg.export.nquads import write_nquads
    from kg.fsutil import safe_child

    path = safe_child(folder, STORE_NQUADS)
    write_nquads(store, path)
    return [path]


FORMATS = (
    ExportFormat(
        "claimreview",
        "Write one schema.org ClaimReview JSON-LD file per reviewed claim to OUT/claimreview/.",
        _claimreview,
    ),
    ExportFormat(
        "csv",
        "Write claims.csv and statements.csv (UTF-8 with BOM, formula-injection safe).",
        _csv,
        lang=True,
    ),
    ExportFormat(
        "graphml",
        "Write the claim network as GraphML (node kinds, edge stances as attributes).",
        _graphml,
        lang=True,
    ),
    ExportFormat(
        "gexf",
        "Write the claim network as GEXF for Gephi (node kinds, edge stances as attributes).",
        _gexf,
        lang=True,
    ),
    ExportFormat(
        "jsonld",
        "Write every named graph of the store as JSON-LD (local context inlined) to graph.jsonld.",
        _jsonld,
    ),
    ExportFormat(
        "nquads",
        "Write every named graph of the store as N-Quads to graph.nq (for `kg load` or a "
        "server's bulk loader; the summaries are left out).",
        _nquads,
    ),
)
