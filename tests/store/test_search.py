"""The embedded store's text index (Tantivy) on the seed graph: matching, ranking, batched
commits, and what a crash or a lost index leaves."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rdflib import RDF, SDO, Dataset, Literal, URIRef

from kg.errors import StoreError
from kg.ids import graph_iri
from kg.namespace import CG
from kg.store import EmbeddedStore
from kg.store.embedded import search_path
from kg.store.search import COMMIT_AFTER, SearchIndex

ARTICLE = graph_iri("eae76bf788f95f59")


@pytest.fixture
def seeded(tmp_path: Path, dataset: Dataset) -> Path:
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graphs(dataset)
    store.close()
    return tmp_path / "store"


def _iris(store: EmbeddedStore, text: str) -> list[str]:
    return [h.iri for h in store.search(text, 50)]


def test_every_word_must_occur_whole_words_first(seeded: Path) -> None:
    store = EmbeddedStore(seeded)
    try:
        both = _iris(store, "kontainer amunisi")
        assert both and set(both) <= set(_iris(store, "kontainer"))
        assert set(both) <= set(_iris(store, "amunisi"))
        assert _iris(store, "kontainer zzzqqq") == []
        # a prefix finds what the whole word finds, and whole-word hits rank above prefix-only
        assert set(_iris(store, "kontainer")) <= set(_iris(store, "kontain"))
        hits = store.search("korea", 50)
        whole = [h.score for h in hits if "korea" in h.text.lower().split()]
        prefix_only = [h.score for h in hits if "korea" not in h.text.lower().split()]
        assert whole and min(whole) >= max(prefix_only, default=0)
    finally:
        store.close()


def test_case_and_diacritics_fold_and_syntax_is_text(seeded: Path) -> None:
    store = EmbeddedStore(seeded)
    try:
        assert _iris(store, "KREMLIN") == _iris(store, "kremlin") != []
        assert _iris(store, "Krémlin") == _iris(store, "kremlin")
        for text in ['") OR 1=1 --', "text:*", "kremlin AND NOT x", "*", ""]:
            store.search(text)  # never a syntax error
        assert _iris(store, "kremlin AND") == []  # "and" is a word like any other
    finally:
        store.close()


def test_a_write_is_searchable_at_once_here_and_soon_elsewhere(seeded: Path) -> None:
    store = EmbeddedStore(seeded)
    reader = SearchIndex(search_path(seeded), read_only=True)
    try:
        ds = Dataset()
        g = ds.graph(URIRef("urn:x-test:late"))
        g.add((URIRef("urn:x-test:c"), SDO.text, Literal("Zebra menyeberang jalan", lang="id")))
        g.add((URIRef("urn:x-test:c"), RDF.type, CG.Claim))
        store.replace_graphs(ds)
        assert reader.search("zebra") == []  # not committed yet: other readers do not see it
        assert _iris(store, "zebra") == ["urn:x-test:c"]  # this process commits before it searches
        assert [h.iri for h in reader.search("zebra")] == ["urn:x-test:c"]
        store.drop_graph(URIRef("urn:x-test:late"))
        deadline = time.monotonic() + COMMIT_AFTER * 20
        while reader.search("zebra") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert reader.search("zebra") == []  # committed by the timer, with no search here
    finally:
        reader.close()
        store.close()


_CRASH = """
import os, sys
from pathlib import Path
from rdflib import RDF, SDO, Dataset, Literal, URIRef
from kg.namespace import CG
from kg.store import EmbeddedStore
store = EmbeddedStore(Path(sys.argv[1]))
ds = Dataset()
g = ds.graph(URIRef(sys.argv[2]))
g.add((URIRef("urn:x-test:c"), SDO.text, Literal("Zebra menyeberang jalan", lang="id")))
g.add((URIRef("urn:x-test:c"), RDF.type, CG.Claim))
store.replace_graphs(ds)
os._exit(0)  # dies before any commit of the text index
"""


def test_a_process_killed_before_its_commit_loses_nothing(seeded: Path) -> None:
    # the seed article is overwritten by a process that dies before the index commits
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(_CRASH), str(seeded),
                           str(ARTICLE)], capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    index = SearchIndex(search_path(seeded), read_only=True)
    assert index.pending() == [str(ARTICLE)]
    assert index.search("zebra") == [] and index.search("kontainer")  # the index is stale
    index.close()
    store = EmbeddedStore(seeded)  # re-reads the pending graph
    try:
        assert _iris(store, "zebra") == ["urn:x-test:c"]
        assert _iris(store, "kontainer") == []
        assert store.index.pending() == []
    finally:
        store.close()


def test_a_lost_or_old_index_is_rebuilt_when_the_store_opens(seeded: Path) -> None:
    store = EmbeddedStore(seeded)
    before = sorted(store.index.rows())
    store.close()
    assert before
    old = seeded.with_name(seeded.name + ".search.sqlite")  # earlier versions' FTS5 file
    old.write_bytes(b"")
    shutil.rmtree(search_path(seeded))
    store = EmbeddedStore(seeded)
    try:
        assert sorted(store.index.rows()) == before
        assert not old.exists()
    finally:
        store.close()


def test_a_damaged_index_is_named_with_the_way_out(seeded: Path) -> None:
    (search_path(seeded) / "meta.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        EmbeddedStore(seeded)
    message = str(caught.value)
    assert str(search_path(seeded)) in message and "delete that folder" in message
    assert "\n" not in message
    shutil.rmtree(search_path(seeded))  # the way out: the store reopens with it rebuilt
    store = EmbeddedStore(seeded)
    try:
        assert _iris(store, "kontainer")
    finally:
        store.close()
