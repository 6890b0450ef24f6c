"""No import, ingest or retraction may write the store's internal graphs.

On a remote store the summaries live in the named graph ``…/graph/stats``: a JSON-LD document
naming that graph used to replace it, wiping every count (issue 14, item 7). Each backend now
refuses, with one line naming the file, before anything is written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef

from kg.cli import main
from kg.errors import InputError, StoreError
from kg.imports.rdf_dataset import import_jsonld
from kg.queries import load_query
from kg.store import EmbeddedStore, RemoteStore
from kg.store.base import Store
from kg.store.writes import STATS_GRAPH

CLAIM = "https://w3id.org/claimgraph/id/claim/containers-shipped"


def summaries(store: Store) -> list[tuple[str, ...]]:
    """What the summaries say (the canned query that reads them), and the data quads."""
    rows = store.select(load_query("contested").text)
    return [*sorted(tuple(str(t) for t in row) for row in rows), (str(len(store)),)]


def document(tmp_path: Path, graph: str) -> Path:
    path = tmp_path / "doc.jsonld"
    body = {"@id": CLAIM, "https://schema.org/name": "overwritten"}
    path.write_text(json.dumps({"@context": {}, "@graph": [{"@id": graph, "@graph": [body]}]}))
    return path


@pytest.mark.parametrize("graph", [str(STATS_GRAPH), "http://www.openlinksw.com/schemas/virtrdf#"])
def test_importing_into_an_internal_graph_is_refused(
    store: Store, dataset: Dataset, tmp_path: Path, graph: str
) -> None:
    store.replace_graphs(dataset)
    before = summaries(store)
    assert before[0]  # there are summaries to lose
    path = document(tmp_path, graph)
    with pytest.raises(InputError) as refused:
        import_jsonld(store, path)
    assert str(path) in str(refused.value) and graph in str(refused.value)
    assert "\n" not in str(refused.value)
    assert summaries(store) == before


def test_the_store_refuses_to_replace_or_drop_its_summaries(store: Store, dataset: Dataset) -> None:
    store.replace_graphs(dataset)
    before = summaries(store)
    intruder = Dataset()
    first = next(g.identifier for g in dataset.graphs() if len(g))
    intruder.graph(URIRef(str(first))).add((URIRef(CLAIM), URIRef("urn:p"), URIRef("urn:o")))
    intruder.graph(STATS_GRAPH).add((URIRef(CLAIM), URIRef("urn:p"), URIRef("urn:o")))
    with pytest.raises(StoreError, match="internal graph"):
        store.replace_graphs(intruder)  # refused whole: the first graph is not written either
    with pytest.raises(StoreError, match="internal graph"):
        store.drop_graph(STATS_GRAPH)
    with pytest.raises(StoreError, match="internal graph"):
        store.add_triples(STATS_GRAPH, [(URIRef(CLAIM), URIRef("urn:p"), URIRef("urn:o"))])
    assert summaries(store) == before


def test_cli_import_exits_2_with_one_line(store: Store, dataset: Dataset, tmp_path: Path) -> None:
    if isinstance(store, RemoteStore):
        target, own = store.query_url, store
    else:  # the fixture's handle holds its folder's lock: a store of the test's own
        own = EmbeddedStore(tmp_path / "store")
        target = str(tmp_path / "store")
    own.replace_graphs(dataset)
    before = summaries(own)
    if isinstance(own, EmbeddedStore):
        own.close()
    result = CliRunner().invoke(
        main, ["import", "jsonld", str(document(tmp_path, str(STATS_GRAPH))), "--store", target]
    )
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "internal to the store" in result.stderr
    if isinstance(own, EmbeddedStore):
        own = EmbeddedStore(tmp_path / "store")
    assert summaries(own) == before
    if isinstance(own, EmbeddedStore):
        own.close()
