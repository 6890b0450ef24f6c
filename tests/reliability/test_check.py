"""`kg check` finds real corruption and passes a sound store."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.curation.seeds import Corpus
from kg.integrity import check_store
from kg.store import EmbeddedStore

OA = "http://www.w3.org/ns/oa#"


@pytest.fixture
def store(corpus: Corpus) -> EmbeddedStore:
    s = EmbeddedStore()
    s.replace_graphs(corpus.dataset())
    return s


def test_sound_store_has_no_problems(store: EmbeddedStore) -> None:
    assert check_store(store) == []


def test_shifted_span_is_found(store: EmbeddedStore) -> None:
    store._store.update(
        f"DELETE {{ GRAPH ?g {{ ?p <{OA}start> ?o }} }}"
        f" INSERT {{ GRAPH ?g {{ ?p <{OA}start> 3 }} }}"
        f" WHERE {{ GRAPH ?g {{ ?p <{OA}start> ?o }} FILTER(CONTAINS(STR(?p), 'kremlin-denial')) }}"
    )
    problems = check_store(store)
    assert any("kremlin-denial" in p.focus and "span text" in p.problem for p in problems)
    assert any(p.focus == "store" and "SHACL" in p.problem for p in problems)


def test_missing_claim_is_found(store: EmbeddedStore) -> None:
    store._store.update(
        "DELETE WHERE { GRAPH ?g {"
        " <https://w3id.org/claimgraph/id/claim/containers-shipped> ?p ?o } }"
    )
    problems = check_store(store, shacl=False)
    focus = {p.focus.rsplit("/", 1)[-1] for p in problems}
    assert {"us-containers-claim", "north-korea-denial", "kremlin-denial"} <= focus


def test_cli_exit_codes(tmp_path: Path, corpus: Corpus) -> None:
    s = EmbeddedStore(tmp_path / "store")
    s.replace_graphs(corpus.dataset())
    s.close()
    ok = CliRunner().invoke(main, ["check", "--store", str(tmp_path / "store")])
    assert ok.exit_code == 0, ok.stderr
    assert "no integrity problems" in ok.stdout
    s = EmbeddedStore(tmp_path / "store")
    s._store.update(
        "DELETE WHERE { GRAPH ?g { ?st <http://www.w3.org/ns/prov#wasAttributedTo> ?a } }"
    )
    s.close()
    bad = CliRunner().invoke(main, ["check", "--no-shacl", "--store", str(tmp_path / "store")])
    assert bad.exit_code == 3
    assert "has no claimant" in bad.stderr


def test_a_text_index_out_of_step_is_found_and_reindex_mends_it(store: EmbeddedStore) -> None:
    claim = "https://w3id.org/claimgraph/id/claim/containers-shipped"
    # a change behind the index's back: the claim's text rewritten in the graphs only
    store._store.update(
        f"DELETE {{ GRAPH ?g {{ <{claim}> <https://schema.org/text> ?t }} }}"
        f" INSERT {{ GRAPH ?g {{ <{claim}> <https://schema.org/text> 'rewritten'@en }} }}"
        f" WHERE {{ GRAPH ?g {{ <{claim}> <https://schema.org/text> ?t }} }}"
    )
    problems = [p for p in check_store(store, shacl=False) if "text index" in p.problem]
    assert problems and all("run kg reindex" in p.problem for p in problems)
    assert {p.focus for p in problems} == {
        str(g) for (g,) in store.select(f"SELECT DISTINCT ?g {{ GRAPH ?g {{ <{claim}> a ?c }} }}")
    }
    store.reindex()
    assert check_store(store, shacl=False) == []
    assert [h.iri for h in store.search("rewritten")] == [claim]
