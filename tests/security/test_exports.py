"""Exports of untrusted text: file names never come from titles and never leave the folder;
CSV, GraphML and GEXF keep `<script>` labels as data. (HTML pages and the interactive graph
are tested in tests/web/test_safety.py.)
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import lxml.etree
import pytest
from rdflib import Dataset, URIRef

from kg.export.csv_tables import write_csv_tables
from kg.export.graph_files import write_gexf, write_graphml
from kg.model import Agent, Bundle, Claim, Source, Span, Statement, content_hash
from kg.namespace import SDO
from kg.store import EmbeddedStore
from kg.view.read import read_view
from kg.web.site import write_site
from tests.web.evil import SCRIPT, evil_store

BASE = "https://w3id.org/claimgraph/id/"
TITLE = "../../../../tmp/pwned/<script>alert(1)</script>/..\\..\\x"


def traversal_store() -> EmbeddedStore:
    """A source, agent and claim whose IRIs end in `..`-like segments and whose titles and
    labels are paths that climb out of any folder."""
    text = f"{TITLE}\n\nThe agent said ../../etc/passwd loudly."
    start = text.index("../../etc")
    source = BASE + "source/.."
    claim = BASE + "claim/..%2F..%2Fescape"
    agent = BASE + "agent/%2E%2E"
    bundle = Bundle(
        source=Source(id=source, title=TITLE, language="en", text=text,
                      content_hash=content_hash(text)),
        agents=[Agent(id=agent, kind="person", labels={"en": TITLE})],
        claims=[Claim(id=claim, text={"en": TITLE})],
        statements=[Statement(
            id=BASE + "statement/x/..", claims=[claim], claimant=agent, stance="asserts",
            source=source,
            span=Span.locate(source, text, start, start + len("../../etc/passwd")),
        )],
    )  # fmt: skip
    dataset = Dataset()
    bundle.add_to(dataset)
    # a URL the models refuse (kg.urls), as a store written before the rule may hold
    dataset.graph(URIRef(source)).add((URIRef(source), SDO.url, URIRef("javascript:alert(1)")))
    store = EmbeddedStore()
    store.replace_graphs(dataset)
    return store


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def test_site_file_names_never_come_from_titles_or_escape(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "site"
    before = files_under(tmp_path)
    written = write_site(read_view(traversal_store()), out)
    assert written
    assert files_under(tmp_path) - before == set(written)
    for path in written:
        assert path.resolve().is_relative_to(out.resolve()), path
        assert "pwned" not in path.name and "script" not in path.name and ".." not in path.stem


def test_cli_site_export_stays_in_its_folder(tmp_path: Path) -> None:
    from tests.security.conftest import kg

    store_dir = tmp_path / "store"
    dataset = Dataset()
    store = traversal_store()
    for g in store.graphs():
        for s, p, o in store.select(
            "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": g}
        ).rows:
            dataset.graph(g).add((s, p, o))  # type: ignore[arg-type]
    disk = EmbeddedStore(store_dir)
    disk.replace_graphs(dataset)
    disk.close()
    out = tmp_path / "site"
    result = kg("export", "site", "--out", str(out), "--store", str(store_dir))
    assert result.exit_code == 0, result.output + result.stderr
    outside = {p for p in files_under(tmp_path) if not p.is_relative_to(out)}
    # the store and the indexes beside it (store.search/, store.claims.sqlite) only
    assert all(p.relative_to(tmp_path).parts[0].startswith("store") for p in outside)


@pytest.mark.parametrize("writer", [write_graphml, write_gexf])
def test_graph_files_keep_script_labels_as_text(tmp_path: Path, writer: object) -> None:
    path = writer(evil_store(), tmp_path)  # type: ignore[operator]
    tree = lxml.etree.parse(str(path), lxml.etree.XMLParser(resolve_entities=False))
    assert not [e for e in tree.iter() if isinstance(e.tag, str) and e.tag.endswith("script")]
    texts = [t for t in tree.xpath("//text()") + tree.xpath("//@*") if SCRIPT in str(t)]
    assert texts, "the evil label should be there, as text"


def test_csv_keeps_script_labels_as_text_and_neutralises_formulas(tmp_path: Path) -> None:
    for path in write_csv_tables(evil_store(), tmp_path):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        width = len(rows[0])
        assert all(len(row) == width for row in rows), path  # quoting held: no split rows
        cells = [cell for row in rows[1:] for cell in row]
        assert any(SCRIPT in cell for cell in cells), path
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in cells), path
