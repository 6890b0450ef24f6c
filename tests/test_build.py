"""`kg build` / `kg validate` end to end on the real seed, and every bad input it must refuse."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import to_isomorphic

from kg.cli import main
from kg.errors import ValidationError
from kg.ids import claim_iri
from kg.namespace import OA
from kg.queries import load_query
from kg.store import EmbeddedStore
from kg.validate import check_conforms, union_graph


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def build_into(tmp: Path, seeds: Path) -> tuple[int, str, str]:
    return run(
        "build", "--seeds", str(seeds), "--exports", str(tmp / "exports"),
        "--store", str(tmp / "store"),
    )  # fmt: skip


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("built")
    code, out, err = build_into(tmp, Path(__file__).parent.parent / "seeds")
    assert code == 0, err
    assert "1 sources, 14 claims, 16 statements" in out and "2 denials" in out
    return tmp


def test_build_writes_store_and_both_exports(built: Path) -> None:
    trig, jsonld = Dataset(), Dataset()
    trig.parse(built / "exports" / "claims.trig", format="trig")
    jsonld.parse(built / "exports" / "claims.jsonld", format="json-ld")
    assert len(trig) > 500
    assert to_isomorphic(union_graph(trig)) == to_isomorphic(union_graph(jsonld))
    graphs = {str(g.identifier) for g in trig.graphs() if len(g)}
    assert "https://w3id.org/claimgraph/id/graph/eae76bf788f95f59" in graphs
    assert "https://w3id.org/claimgraph/id/graph/agents" in graphs
    store = EmbeddedStore(built / "store")
    try:
        assert len(store) == len(trig)
    finally:
        store.close()


def test_jsonld_export_uses_the_local_context(built: Path) -> None:
    text = (built / "exports" / "claims.jsonld").read_text(encoding="utf-8")
    assert '"@context": {' in text and "http" not in text.split('"@context"')[0]
    assert '"directQuote"' in text


def test_exports_conform_to_shacl(built: Path) -> None:
    trig = Dataset()
    trig.parse(built / "exports" / "claims.trig", format="trig")
    check_conforms(trig)


def test_building_twice_gives_an_isomorphic_graph(built: Path, tmp_path: Path) -> None:
    code, _, err = build_into(tmp_path, Path(__file__).parent.parent / "seeds")
    assert code == 0, err
    first, second = Dataset(), Dataset()
    first.parse(built / "exports" / "claims.trig", format="trig")
    second.parse(tmp_path / "exports" / "claims.trig", format="trig")
    assert to_isomorphic(union_graph(first)) == to_isomorphic(union_graph(second))


def test_who_denies_the_container_claim(built: Path) -> None:
    query = load_query("deniers")
    store = EmbeddedStore(built / "store")
    try:
        rows = store.select(query.text, {"claim": claim_iri("containers-shipped")})
    finally:
        store.close()
    labels = sorted(str(r["denierLabel"]) for r in rows.dicts())
    assert labels == ["Government of North Korea", "Government of Russia"]
    assert {str(r["exact"]) for r in rows.dicts()} == {
        "Tuduhan AS telah dibantah oleh Korea Utara dan Kremlin"
    }


def test_validate_checks_seeds_and_exports(built: Path) -> None:
    code, out, err = run(
        "validate", "--seeds", str(Path(__file__).parent.parent / "seeds"),
        "--exports", str(built / "exports"),
    )  # fmt: skip
    assert code == 0, err
    assert "claims.trig" in out and "claims.jsonld" in out


def test_shacl_catches_a_span_that_does_not_match_its_offsets(dataset: Dataset) -> None:
    broken = Dataset()
    for quad in dataset.quads((None, None, None, None)):
        broken.add(quad)
    selector, _, start, graph = next(broken.quads((None, OA.start, None, None)))
    broken.remove((selector, OA.start, start, graph))
    broken.add((selector, OA.start, Literal(int(start) + 1), graph))
    with pytest.raises(ValidationError, match="offsets"):
        check_conforms(broken)


# ----------------------------------------------------------------- bad input

CLAIMS = "000_eae76bf788f95f59.claims.yaml"


def _edit(seeds: Path, old: str, new: str) -> None:
    path = seeds / CLAIMS
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD_INPUTS = {
    "yaml-error": (
        "  - id: containers-shipped\n",
        "  - id: containers-shipped\n   bad: [\n",
        r"claims\.yaml:\d+: YAML error",
    ),
    "unknown-agent": (
        "claimant: north-korea",
        "claimant: atlantis",
        r"claims\.yaml:\d+: statement 'north-korea-denial': unknown agent 'atlantis'",
    ),
    "span-not-in-article": (
        "span: Tuduhan AS telah dibantah",
        "span: Tuduhan AS tidak pernah dibantah",
        r"claims\.yaml:\d+: statement 'north-korea-denial': span text not found in the article",
    ),
    "duplicate-id": (
        "  - id: kremlin-denial\n",
        "  - id: north-korea-denial\n",
        r"claims\.yaml:\d+: duplicate statement id 'north-korea-denial'",
    ),
    "bad-stance": (
        "stance: accuses",
        "stance: mocks",
        r"claims\.yaml:\d+: statement 'official-blames-ukraine': stance 'mocks' is not one of",
    ),
    "unknown-claim": (
        "claim: gaza-strike-crime",
        "claim: gaza-strike-crimes",
        r"claims\.yaml:\d+: statement 'mfa-gaza-crime': unknown claim 'gaza-strike-crimes'",
    ),
    "python-tag": (
        "source:\n",
        "evil: !!python/object/apply:os.system ['true']\nsource:\n",
        r"claims\.yaml:\d+: YAML error",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_claim_file_stops_build_and_changes_nothing(
    case: str, built: Path, seeds_copy: Path, tmp_path: Path
) -> None:
    # A good build first, so there is a store and exports that must survive.
    work = tmp_path / "work"
    code, _, err = build_into(work, seeds_copy)
    assert code == 0, err
    before = snapshot(work / "exports")
    store = EmbeddedStore(work / "store")
    quads_before = sorted(map(str, store._store))  # exact content, not just a count
    store.close()

    old, new, pattern = BAD_INPUTS[case]
    _edit(seeds_copy, old, new)
    code, _out, err = build_into(work, seeds_copy)

    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("kg: error: ")
    assert CLAIMS in lines[0]
    assert re.search(pattern, lines[0]), lines[0]
    assert snapshot(work / "exports") == before
    store = EmbeddedStore(work / "store")
    assert sorted(map(str, store._store)) == quads_before
    store.close()
    # validate refuses it too, without writing
    code, _, err = run("validate", "--seeds", str(seeds_copy), "--exports", str(work / "exports"))
    assert code == 2 and CLAIMS in err


def test_article_without_claim_file_is_refused(seeds_copy: Path, tmp_path: Path) -> None:
    (seeds_copy / "001_orphan.txt").write_text("Title\n\nBody.", encoding="utf-8")
    code, _, err = build_into(tmp_path, seeds_copy)
    assert code == 2 and "001_orphan.txt: no claim file" in err
    assert not (tmp_path / "exports").exists()


def test_article_not_utf8_is_refused(seeds_copy: Path, tmp_path: Path) -> None:
    article = seeds_copy / "000_eae76bf788f95f59.txt"
    article.write_bytes(article.read_bytes().replace(b"Rusia", b"R\xffsia", 1))
    code, _, err = build_into(tmp_path, seeds_copy)
    assert code == 2 and "not UTF-8" in err and "000_eae76bf788f95f59.txt" in err


def test_stale_export_is_reported_by_validate(built: Path, tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    trig = Dataset()
    trig.parse(built / "exports" / "claims.trig", format="trig")
    g = next(g for g in trig.graphs() if "eae76" in str(g.identifier))
    g.remove((None, URIRef("https://schema.org/author"), None))
    (exports / "claims.trig").write_bytes(trig.serialize(format="trig", encoding="utf-8"))
    code, _, err = run(
        "validate", "--seeds", str(Path(__file__).parent.parent / "seeds"),
        "--exports", str(exports),
    )  # fmt: skip
    assert code == 3 and "out of date" in err
