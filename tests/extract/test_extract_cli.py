"""`kg extract` through click's CliRunner (the command object, not the installed script)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli.extract import extract

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_eae76bf788f95f59.txt"


def test_json_output_contract() -> None:
    result = CliRunner().invoke(extract, [str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"source", "claims"}
    src = data["source"]
    assert src["language"] == "id" and len(src["sha256"]) == 64
    assert src["length"] == len(SEED.read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    keys = {
        "id",
        "text",
        "start",
        "end",
        "claimant",
        "kind",
        "targets",
        "quote",
        "hedged",
        "quantities",
        "attributed",
        "confidence",
    }
    for c in data["claims"]:
        assert keys <= set(c)
        assert text[c["start"] : c["end"]] == c["text"]
        assert {"id", "label"} <= set(c["claimant"])
        assert c["kind"] in {"assertion", "denial", "dispute", "support", "accusation"}


def test_lang_option_and_text_output() -> None:
    result = CliRunner().invoke(extract, [str(SEED), "--lang", "id"])
    assert result.exit_code == 0
    assert "oleg-burmistrov" in result.output


def test_bad_inputs_are_one_line_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    french = tmp_path / "fr.txt"
    french.write_text(
        "Titre\n\nLe gouvernement a annoncé que les prix des carburants "
        "baisseront dans les prochains jours selon le ministre.\n"
    )
    for path in (empty, binary, french, tmp_path / "missing.txt"):
        result = CliRunner().invoke(extract, [str(path), "--json"])
        assert result.exit_code == 2, (path, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        assert result.output.strip().count("\n") == 0
        assert result.output.startswith("kg: error:")


def test_unknown_lang_choice_is_rejected() -> None:
    result = CliRunner().invoke(extract, [str(SEED), "--lang", "fr"])
    assert result.exit_code == 2
