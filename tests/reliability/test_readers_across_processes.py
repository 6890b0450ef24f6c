"""Readers in one process while another process writes: only whole versions are ever seen.

A writer process holds the store (Oxigraph's one read-write handle) and replaces the seed
article's graph over and over, alternating the full article and a smaller version of it (its
denials removed). This process meanwhile opens the same folder read-only again and again
(``EmbeddedStore(path, read_only=True)``, Oxigraph's secondary read-only mode) and must see
the article's statement count of one version or the other, never a mix, and a store that
passes ``kg check`` (without SHACL, which is slow). pyoxigraph's read-only handle is a snapshot
taken when it is opened: it does not follow later writes, so each read opens a new one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rdflib import Dataset, URIRef

from kg.integrity import check_store
from kg.namespace import CG
from kg.store import EmbeddedStore
from kg.store.base import Store

ARTICLE = URIRef("https://w3id.org/claimgraph/id/graph/eae76bf788f95f59")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
ROUNDS = 15

WRITER = """
import sys
from pathlib import Path
from rdflib import Dataset
from kg.store import EmbeddedStore
full, small = (Dataset().parse(p, format="trig") for p in sys.argv[2:4])
store = EmbeddedStore(Path(sys.argv[1]))
print("ready", flush=True)
for _ in range(int(sys.argv[4])):
    store.replace_graphs(small)
    store.replace_graphs(full)
store.close()
print("done", flush=True)
"""


def article_version(dataset: Dataset, without_denials: bool) -> Dataset:
    """The seed article's graph; optionally without its denying statements."""
    out = Dataset()
    graph = out.graph(ARTICLE)
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if g is not None and str(g) == str(ARTICLE):
            graph.add((s, p, o))
    if without_denials:
        for statement in list(graph.subjects(CG.stance, CG.denies)):
            for span in list(graph.objects(statement, CG.span)):
                for selector in list(graph.objects(span, None)):
                    if str(selector).startswith(str(span)):
                        graph.remove((selector, None, None))
                graph.remove((span, None, None))
            graph.remove((statement, None, None))
            graph.remove((None, None, statement))
    return out


def article_count(store: Store) -> int:
    return int(store.select(COUNT, {"g": ARTICLE}).rows[0][0])  # type: ignore[arg-type]


def test_readers_in_another_process_see_whole_versions_only(
    tmp_path: Path, dataset: Dataset
) -> None:
    path = tmp_path / "store"
    full, small = article_version(dataset, False), article_version(dataset, True)
    store = EmbeddedStore(path)
    store.replace_graphs(dataset)
    counts = {}
    for name, version in (("small", small), ("full", full)):
        store.replace_graphs(version)
        counts[name] = article_count(store)
        assert check_store(store, shacl=False) == [], name
    store.close()
    assert counts["small"] < counts["full"]
    files = []
    for name, version in (("full", full), ("small", small)):
        files.append(tmp_path / f"{name}.trig")
        files[-1].write_text(version.serialize(format="trig"), encoding="utf-8")

    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), *map(str, files), str(ROUNDS)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    seen: list[int] = []
    problems: list[object] = []
    try:
        while writer.poll() is None:
            reader = EmbeddedStore(path, read_only=True)
            try:
                seen.append(article_count(reader))
                if len(seen) % 5 == 1:
                    problems += check_store(reader, shacl=False)
            finally:
                reader.close()
    finally:
        writer.wait(timeout=600)
        writer.stdout.close()
    assert writer.returncode == 0
    assert seen, "the reader never got to read"
    assert set(seen) <= {counts["small"], counts["full"]}, sorted(set(seen))
    assert problems == []
    print(f"reads: {len(seen)}, counts seen: {sorted(set(seen))}")
    final = EmbeddedStore(path, read_only=True)
    try:
        assert article_count(final) == counts["full"]
        assert check_store(final, shacl=False) == []
    finally:
        final.close()
