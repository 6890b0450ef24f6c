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


DATA = Path(__file__).resolve().parents[1] / "data" / "extract"


def as_json(path: Path) -> dict:
    result = CliRunner().invoke(extract, [str(path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def json_lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def corpus(tmp_path: Path) -> Path:
    """A folder of articles (text, Markdown, HTML, nested) and files a walk must pass over."""
    folder = tmp_path / "corpus"
    (folder / "b-nested").mkdir(parents=True)
    (folder / ".cache").mkdir()
    (folder / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    english = (DATA / "en_conflict_drone.txt").read_text(encoding="utf-8")
    (folder / "b-nested" / "drone.md").write_text(english, encoding="utf-8")
    title, _, body = (DATA / "en_politics_election.txt").read_text(encoding="utf-8").partition("\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    (folder / "c.html").write_text(
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    (folder / "a.claims.yaml").write_text("source: {}\n", encoding="utf-8")
    (folder / "README.md").write_text("# About this folder\n\nNot an article.\n")
    (folder / ".cache" / "old.txt").write_text(english, encoding="utf-8")
    (folder / ".hidden.txt").write_text(english, encoding="utf-8")
    return folder


def test_several_files_and_folders_give_one_json_line_per_article(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    english = DATA / "en_politics_election.txt"
    result = CliRunner().invoke(extract, [str(english), str(folder), str(SEED)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = json_lines(result.stdout)
    expected = [
        english,
        folder / "a.txt",
        folder / "b-nested" / "drone.md",
        folder / "c.html",
        SEED,
    ]
    assert len(lines) == len(expected)
    for line, path in zip(lines, expected, strict=True):
        assert line == as_json(path), path
    assert [line["source"]["language"] for line in lines] == ["en", "id", "en", "en", "id"]
    assert all(line["claims"] for line in lines)


def test_one_folder_is_json_lines_in_sorted_order(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    result = CliRunner().invoke(extract, [str(folder), "--lang", "auto"])
    assert result.exit_code == 0, result.output
    titles = [line["source"]["title"] for line in json_lines(result.stdout)]
    assert titles[0] == as_json(SEED)["source"]["title"]
    assert len(titles) == 3


def test_jsonl_flag_with_one_file_prints_the_json_object_on_one_line() -> None:
    result = CliRunner().invoke(extract, [str(SEED), "--jsonl"])
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1
    assert json_lines(result.stdout) == [as_json(SEED)]


def test_a_bad_file_is_named_and_the_rest_still_processed(tmp_path: Path) -> None:
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    french = tmp_path / "fr.txt"
    french.write_text(
        "Titre\n\nLe gouvernement a annoncé que les prix des carburants "
        "baisseront dans les prochains jours selon le ministre.\n"
    )
    missing = tmp_path / "missing.txt"
    empty_folder = tmp_path / "empty"
    empty_folder.mkdir()
    args = [binary, SEED, missing, french, empty_folder, DATA / "en_conflict_drone.txt"]
    result = CliRunner().invoke(extract, [str(p) for p in args])
    assert result.exit_code == 2
    assert [line["source"]["language"] for line in json_lines(result.stdout)] == ["id", "en"]
    errors = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert len(errors) == 5
    for line, bad in zip(errors, (binary, missing, french, empty_folder), strict=False):
        assert line.startswith(f"kg: error: {bad}: "), line
    assert errors[-1] == "kg: 4 failed, 2 extracted"


def test_one_directory_argument_was_refused_before_and_is_walked_now(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(extract, [str(folder)])
    assert result.exit_code == 0, result.output
    assert json_lines(result.stdout) == [as_json(folder / "seed.txt")]
