"""The networkx projection, --around and the index analytics, on the seed graph."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.curation.seeds import Corpus
from kg.errors import InputError
from kg.export.graph import analytics, around, find_node, to_networkx
from kg.export.layout import layout
from kg.store import EmbeddedStore
from kg.view import View
from tests.web.conftest import CLAIM, NORTH_KOREA, RUSSIA, US


def test_projection_has_kinds_and_plain_attributes(seed_view: View) -> None:
    g = to_networkx(seed_view)
    assert isinstance(g, nx.MultiDiGraph)
    kinds = {k for _, k in g.nodes(data="kind")}
    assert kinds == {"claim", "agent", "source"}
    for _, data in g.nodes(data=True):
        assert all(isinstance(v, str | int | float) for v in data.values())
    stances = {(u, k) for u, v, k in g.edges(data="kind") if v == CLAIM}
    assert stances == {(US, "asserts"), (NORTH_KOREA, "denies"), (RUSSIA, "denies")}
    assert any(k == "reported-in" for _, _, k in g.out_edges(CLAIM, data="kind"))
    assert any(k == "about" for _, _, k in g.out_edges(CLAIM, data="kind"))
    nx.write_graphml(g, __import__("io").BytesIO())  # GraphML can hold every attribute


@pytest.mark.parametrize("name", [RUSSIA, "russia", "Kremlin", "pemerintah rusia"])
def test_around_finds_a_node_by_iri_slug_label_or_alias(seed_view: View, name: str) -> None:
    g = to_networkx(seed_view)
    assert find_node(g, seed_view, name) == RUSSIA
    sub = around(g, seed_view, name, depth=1)
    assert RUSSIA in sub and CLAIM in sub and US not in sub
    assert US in around(g, seed_view, name, depth=2)


def test_around_unknown_name_is_an_input_error(seed_view: View) -> None:
    with pytest.raises(InputError, match="no claim, agent or source"):
        around(to_networkx(seed_view), seed_view, "Atlantis")


def test_analytics_on_the_seed(seed_view: View) -> None:
    facts = analytics(to_networkx(seed_view))
    assert facts.contested[0] == (CLAIM, 2) or facts.contested[1] == (CLAIM, 2)
    pairs = {(d, a) for d, a, _, _ in facts.mutual_deniers}
    assert pairs == {(NORTH_KOREA, US), (RUSSIA, US)}
    assert CLAIM in facts.single_source and len(facts.single_source) == len(seed_view.claims)


def test_layout_is_deterministic_and_covers_every_node(seed_view: View) -> None:
    g = to_networkx(seed_view)
    first, second = layout(g), layout(g)
    assert first == second and set(first) == set(g.nodes)


def test_the_graph_page_counts_in_the_singular_for_one(seed_view: View) -> None:
    from kg.export.html_graph import graph_html

    page = graph_html(seed_view, centre="containers-shipped", depth=0)
    assert "each source. 1 claim</p>" in page  # one node: the claim itself


def test_exports_take_a_language(tmp_path: Path, corpus: Corpus) -> None:
    from tests.security.conftest import kg

    store_dir = tmp_path / "store"
    disk = EmbeddedStore(store_dir)
    disk.replace_graphs(corpus.dataset())
    disk.close()
    graph = tmp_path / "graph.html"
    result = kg("export", "html", "--lang", "id", "--out", str(graph), "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    assert '<html lang="id">' in graph.read_text(encoding="utf-8")
    site = tmp_path / "site"
    result = kg("export", "site", "--lang", "id", "--out", str(site), "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    page = (site / "claim" / "containers-shipped.html").read_text(encoding="utf-8")
    assert "<h1>Korea Utara telah mengirimkan lebih dari 1.000 kontainer" in page
    bad = kg("export", "html", "--lang", "xx", "--out", str(graph), "--store", str(store_dir))
    assert bad.exit_code != 0 and "--lang" in bad.output
