"""Untrusted files: each refused with a one-line error (or read safely), the store unchanged.

RDF/XML entities (billion laughs, external file and URL entities), JSON-LD with remote
contexts (sockets blocked: nothing may be fetched), YAML with custom tags, files that are huge,
binary or not UTF-8, for `kg import rdf|jsonld|claimreview`, `kg ingest` and `kg build`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset

from kg.curation.seeds import load_corpus
from kg.errors import InputError
from kg.imports import jsonld, rdf
from kg.imports.rdf import import_rdf
from kg.imports.rdf_dataset import import_jsonld
from kg.store import EmbeddedStore
from tests.conftest import SEED_ARTICLE, SEEDS
from tests.security.conftest import kg, one_line_error, quads

VALID_REVIEW = Path(__file__).resolve().parent.parent / "data" / "claimreview" / "valid"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:schema="https://schema.org/">
  <rdf:Description rdf:about="https://w3id.org/claimgraph/id/claim/lol">
    <schema:text>&lol9;</schema:text>
  </rdf:Description>
</rdf:RDF>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE r [ <!ENTITY xxe SYSTEM "{target}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:schema="https://schema.org/">
  <rdf:Description rdf:about="https://w3id.org/claimgraph/id/claim/xxe">
    <schema:text>&xxe;</schema:text>
  </rdf:Description>
</rdf:RDF>
"""
NOT_CONFORMING = """@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix schema: <https://schema.org/> .
<https://w3id.org/claimgraph/id/claim/bare> a cg:Claim, schema:Claim .
<https://w3id.org/claimgraph/id/statement/x/y> a cg:Statement ;
    cg:claim <https://w3id.org/claimgraph/id/claim/bare> .
"""


@pytest.fixture
def store_dir(tmp_path: Path, dataset: Dataset) -> Path:
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    store.replace_graphs(dataset)
    store.close()
    return path


def disk_quads(path: Path) -> list[tuple[str, ...]]:
    store = EmbeddedStore(path, read_only=True)
    try:
        return quads(store)
    finally:
        store.close()


# ------------------------------------------------------------------ RDF import


def test_valid_trig_imports_into_one_graph(tmp_path: Path, dataset: Dataset) -> None:
    path = tmp_path / "seed.trig"
    path.write_text(dataset.serialize(format="trig"), encoding="utf-8")
    store = EmbeddedStore()
    name, written = import_rdf(store, path)
    assert str(name).endswith("/id/graph/import/seed")
    assert written == len(dataset) and store.graphs() == [name]


@pytest.mark.parametrize(
    ("name", "text", "match"),
    [
        ("lol.rdf", BILLION_LAUGHS, "DOCTYPE and ENTITY declarations are refused"),
        ("xxe.rdf", XXE.format(target="file:///etc/passwd"), "DOCTYPE and ENTITY"),
        ("xxe-http.rdf", XXE.format(target="http://127.0.0.1:9/x"), "DOCTYPE and ENTITY"),
        ("lower.xml", BILLION_LAUGHS.replace("<!DOCTYPE", "<! doctype"), "DOCTYPE and ENTITY"),
        ("bad.ttl", "<a> <b> .", "not valid turtle"),
        ("empty.ttl", "# nothing\n", "no triples"),
        ("shapes.ttl", NOT_CONFORMING, "does not conform to the SHACL shapes"),
        ("what.txt", "<urn:a> <urn:b> <urn:c> .", "unknown RDF file type"),
    ],
)
def test_rdf_import_refuses_with_one_line(
    store_dir: Path, tmp_path: Path, name: str, text: str, match: str, no_network: list[Any]
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    before = disk_quads(store_dir)
    result = kg("import", "rdf", str(path), "--store", str(store_dir))
    line = one_line_error(result, 3 if "SHACL" in match else 2)
    assert match in line
    assert disk_quads(store_dir) == before
    assert no_network == []


def test_rdf_import_refuses_binary_non_utf8_and_huge_files(
    store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = disk_quads(store_dir)
    binary = tmp_path / "bin.ttl"
    binary.write_bytes(b"\x7fELF\x00\x01\x02" * 100)
    latin = tmp_path / "latin.ttl"
    latin.write_bytes('<urn:a> <urn:b> "caf\u00e9" .'.encode("latin-1"))
    utf16 = tmp_path / "utf16.rdf"
    utf16.write_bytes(BILLION_LAUGHS.encode("utf-16"))
    for path, match in ((binary, "binary file"), (latin, "not UTF-8"), (utf16, "binary file")):
        assert match in one_line_error(kg("import", "rdf", str(path), "--store", str(store_dir)), 2)
    huge = tmp_path / "huge.nq"
    huge.write_text("<urn:a> <urn:b> <urn:c> <urn:g> .\n" * 100, encoding="utf-8")
    monkeypatch.setattr(rdf, "MAX_BYTES", 1000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read before size check"))
    line = one_line_error(kg("import", "rdf", str(huge), "--store", str(store_dir)), 2)
    assert "over the 1000 byte limit" in line
    assert disk_quads(store_dir) == before


# -------------------------------------------------------------- JSON-LD import


@pytest.mark.parametrize(
    "context",
    [
        "http://127.0.0.1:9/context.jsonld",
        "file:///etc/passwd",
        ["https://schema.org", "https://evil.example/ctx"],
        {"@import": "https://evil.example/ctx"},
        {"@vocab": "https://schema.org/", "x": {"@id": "x", "@context": "https://evil.example/"}},
        # a context object holding a @context of its own: rdflib read it as a file path
        # relative to the document ("0" -> FileNotFoundError, found by the fuzzer)
        {"@context": "0"},
        {"@vocab": "https://schema.org/", "@context": "/etc/passwd"},
    ],
)
def test_jsonld_with_a_remote_context_is_refused_without_network(
    seeded: EmbeddedStore, tmp_path: Path, context: object, no_network: list[Any]
) -> None:
    doc = {"@context": context, "@id": "https://example.org/x", "name": "x"}
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = quads(seeded)
    with pytest.raises(InputError, match=r"@context|@import"):
        import_jsonld(seeded, path)
    review = tmp_path / "review.json"
    review.write_text(
        json.dumps({**json.loads((VALID_REVIEW / "single.json").read_text("utf-8")),
                    "@context": context}), encoding="utf-8")  # fmt: skip
    result = kg("import", "claimreview", str(review), "--store", str(tmp_path / "s"))
    assert "@context" in one_line_error(result, 2) or "@import" in result.stderr
    assert quads(seeded) == before
    assert no_network == []


def test_nested_remote_context_deep_inside_is_refused(
    seeded: EmbeddedStore, tmp_path: Path
) -> None:
    doc: dict[str, Any] = {"@context": "https://schema.org", "@graph": [{"@type": "Thing"}]}
    doc["@graph"][0]["about"] = {"@context": "http://127.0.0.1:9/c", "name": "x"}
    path = tmp_path / "deep.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError, match="unknown remote @context"):
        import_jsonld(seeded, path)


def test_json_huge_deep_binary_and_non_utf8_files_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "s"
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    binary = tmp_path / "bin.json"
    binary.write_bytes(bytes(range(256)) * 4)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"name": "caf\u00e9"}'.encode("latin-1"))
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"name": "x" * 5000}), encoding="utf-8")
    cases = [(deep, "nested too deeply"), (binary, "not UTF-8"), (latin, "not UTF-8")]
    for path, match in [*cases, (big, "over the 1000 byte limit")]:
        if path is big:
            monkeypatch.setattr(jsonld, "MAX_JSON_BYTES", 1000)
        for command in ("claimreview", "jsonld"):
            line = one_line_error(kg("import", command, str(path), "--store", str(store)), 2)
            assert match in line, (command, line)


# ----------------------------------------------------------- YAML and articles


def test_yaml_custom_tags_are_refused_and_never_run(seeds_copy: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    claims = next(seeds_copy.glob("*.claims.yaml"))
    text = claims.read_text(encoding="utf-8")
    claims.write_text(
        f"evil: !!python/object/apply:os.system ['touch {marker}']\n" + text, encoding="utf-8"
    )
    store, exports = tmp_path / "store", tmp_path / "exports"
    result = kg("build", "--seeds", str(seeds_copy), "--exports", str(exports),
                "--store", str(store))  # fmt: skip
    line = one_line_error(result, 2)
    assert claims.name in line
    assert not marker.exists()
    assert not exports.exists() or not any(exports.iterdir())


def test_front_matter_custom_tags_are_refused(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    article = tmp_path / "a.txt"
    article.write_text(
        f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\n"
        + SEED_ARTICLE.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = kg("ingest", str(article), "--store", str(tmp_path / "store"))
    assert result.exit_code == 2
    assert not marker.exists()


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"\x00\x01\x02binary\xff\xfe" * 50, ""),
        ("Berita caf\u00e9 ".encode("latin-1") * 50, "UTF-8"),
    ],
)
def test_ingest_refuses_binary_and_non_utf8_and_keeps_the_store(
    store_dir: Path, tmp_path: Path, content: bytes, match: str
) -> None:
    article = tmp_path / "bad.txt"
    article.write_bytes(content)
    before = disk_quads(store_dir)
    result = kg("ingest", str(article), "--store", str(store_dir))
    assert result.exit_code == 2, result.output
    assert match in result.stderr
    assert disk_quads(store_dir) == before


def test_ingest_refuses_a_huge_file_before_reading(
    store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.extract import reader

    article = tmp_path / "huge.txt"
    article.write_text("Kata. " * 400, encoding="utf-8")
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    before = disk_quads(store_dir)
    result = kg("ingest", str(article), "--store", str(store_dir))
    assert result.exit_code == 2 and "limit" in result.stderr
    assert disk_quads(store_dir) == before


@pytest.mark.parametrize(
    "content", [b"\x00\x01binary\xff" * 50, "caf\u00e9 ".encode("latin-1") * 50]
)
def test_build_refuses_binary_or_non_utf8_article(
    seeds_copy: Path, tmp_path: Path, content: bytes
) -> None:
    article = next(p for p in seeds_copy.glob("*.txt"))
    article.write_bytes(content)
    store = tmp_path / "store"
    line = one_line_error(kg("build", "--seeds", str(seeds_copy), "--exports",
                             str(tmp_path / "exports"), "--store", str(store)), 2)  # fmt: skip
    assert article.name in line
    assert not (tmp_path / "exports").exists() or not any((tmp_path / "exports").iterdir())


def test_seed_corpus_still_loads() -> None:
    """The refusals above are not refusing everything: the real seeds load."""
    assert len(load_corpus(SEEDS).dataset()) > 0
