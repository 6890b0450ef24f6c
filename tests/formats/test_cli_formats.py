"""The format commands end to end on an on-disk store."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rdflib import Dataset

from kg.cli import main
from kg.store import EmbeddedStore
from tests.formats.conftest import VALID


def test_review_export_import_commands(tmp_path: Path, dataset: Dataset) -> None:
    location, exports = str(tmp_path / "store"), tmp_path / "exports"
    disk = EmbeddedStore(Path(location))
    disk.replace_graphs(dataset)
    disk.close()
    runner = CliRunner()

    def kg(*args: str) -> str:
        result = runner.invoke(main, [*args, "--store", location])
        assert result.exit_code == 0, (args, result.output)
        return result.output

    kg("review", "containers-shipped", "--rating", "False", "--by", "AFP", "--date", "2024-06-01")
    kg("import", "claimreview", str(VALID))
    for fmt in ("claimreview", "csv", "graphml", "gexf", "jsonld"):
        kg("export", fmt, "--exports", str(exports))
    names = {p.name for p in exports.iterdir()}
    assert {
        "claims.csv",
        "statements.csv",
        "claims.graphml",
        "claims.gexf",
        "graph.jsonld",
    } <= names
    assert (exports / "claimreview" / "containers-shipped.jsonld").is_file()
    other = str(tmp_path / "other")
    result = runner.invoke(
        main, ["import", "jsonld", str(exports / "graph.jsonld"), "--store", other]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        main, ["import", "claimreview", str(exports / "claimreview"), "--store", other]
    )
    assert result.exit_code == 0, result.output


def test_every_export_takes_out_and_the_old_exports_name(tmp_path: Path, dataset: Dataset) -> None:
    location = str(tmp_path / "store")
    disk = EmbeddedStore(Path(location))
    disk.replace_graphs(dataset)
    disk.close()
    runner = CliRunner()
    review = [
        "review",
        "containers-shipped",
        "--rating",
        "False",
        "--by",
        "AFP",
        "--date",
        "2024-06-01",
    ]
    assert runner.invoke(main, [*review, "--store", location]).exit_code == 0
    for fmt in ("claimreview", "csv", "graphml", "gexf", "jsonld"):
        made = {}
        for option in ("--out", "--exports"):
            folder = tmp_path / fmt / option.strip("-")
            result = runner.invoke(main, ["export", fmt, option, str(folder), "--store", location])
            assert result.exit_code == 0, (fmt, option, result.output)
            made[option] = sorted(
                str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()
            )
        assert made["--out"] and made["--out"] == made["--exports"], fmt
