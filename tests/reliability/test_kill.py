"""SIGKILL during ingest: after restart the store holds only whole articles, and `kg check` passes.

Articles are written as copies of the seed and the test articles with distinct bylines, so each
is its own source. What a whole article holds is computed in-process (its statements, each
with a span); after each kill, every article graph found in the store must hold exactly that
many statements and spans and its source (no half article), the integrity checks must pass,
and ingesting again completes the rest; every article reported written before the kill is in
the store. With ``--jobs 1`` and ``--jobs 2`` (the writes in a thread of their own). Quads are
not compared one by one: claim linking makes an article's exact triples depend on which
articles were ingested before it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.curation.agents import AgentIndex, load_agents
from kg.extract import extract_article, read_article
from kg.ids import AGENTS_GRAPH, graph_iri, slug_of
from kg.ingest import extraction_to_bundle
from kg.integrity import check_store
from kg.store import EmbeddedStore
from tests.indexes import graph_docs, indexed_docs

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [
    ROOT / "seeds" / "000_eae76bf788f95f59.txt",
    *sorted((ROOT / "tests/data/extract").glob("*.txt")),
]


def write_articles(folder: Path, n: int) -> dict[str, int]:
    """Write ``n`` articles; return graph IRI -> expected number of statements."""
    index = AgentIndex(load_agents())
    expected = {}
    for i in range(n):
        template = TEMPLATES[i % len(TEMPLATES)]
        lines = template.read_text(encoding="utf-8").split("\n")
        lines.insert(1, f"\nReporter {i}\n")  # distinct text, so a distinct source
        path = folder / f"{i:04}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        article = read_article(path)
        bundle = extraction_to_bundle(extract_article(article), article, index)
        assert bundle.statements
        expected[str(bundle.graph)] = len(bundle.statements)
    return expected


WHOLE = """
SELECT ?g (COUNT(DISTINCT ?st) AS ?statements) (COUNT(DISTINCT ?span) AS ?spans)
       (COUNT(DISTINCT ?src) AS ?sources)
WHERE { GRAPH ?g { ?st a cg:Statement ; cg:span ?span ; prov:wasDerivedFrom ?src .
                   ?src a schema:NewsArticle ; schema:text ?text } }
GROUP BY ?g
"""


def graph_sizes(store_dir: Path) -> dict[str, int]:
    """Article graph -> statements, checking each has one span per statement and its source,
    and that the text index holds exactly what the graphs call for."""
    store = EmbeddedStore(store_dir)
    try:
        sizes = {}
        for g, statements, spans, sources in store.select(WHOLE):
            assert int(spans) == int(statements) and int(sources) == 1, g
            sizes[str(g)] = int(statements)
        problems = check_store(store, shacl=False)
        # opening re-indexed what the killed process wrote but had not committed to the index
        assert indexed_docs(store) == graph_docs(store)
    finally:
        store.close()
    assert problems == [], problems[:3]
    return sizes


def ingest(folder: Path, store_dir: Path, jobs: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "ingest", "-v", str(folder), "--store", str(store_dir)]
        + (["--jobs", jobs] if jobs else []),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


@pytest.mark.parametrize(
    "jobs",
    # one process (what 150 articles get by default), and two workers: the writes then run in a
    # thread of their own while the next article is linked (kg.ingest.overlap)
    ["", "2"],
)
def test_sigkill_at_random_points_leaves_only_whole_articles(tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    expected = write_articles(folder, 150)
    store_dir = tmp_path / "store"
    rng = random.Random(20261127)
    seen_partial_run = False
    for _round in range(4):
        proc = ingest(folder, store_dir, jobs)
        assert proc.stdout is not None
        # Kill after a random number of committed articles, a random instant into the next.
        reported = []
        for _ in range(rng.randint(1, 25)):
            line = proc.stdout.readline().decode("utf-8")
            if not line:
                break
            reported.append(str(graph_iri(slug_of(line.rsplit(" -> ", 1)[1].split(" (")[0]))))
        time.sleep(rng.uniform(0, 0.05))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        sizes = graph_sizes(store_dir)
        articles = {g: n for g, n in sizes.items() if g != str(AGENTS_GRAPH)}
        for graph, count in articles.items():
            assert count == expected[graph], f"{graph} is not whole: {count} != {expected[graph]}"
        assert set(reported) <= set(articles), "an article reported written is not in the store"
        seen_partial_run |= 0 < len(articles) < len(expected)
    assert seen_partial_run, "no kill landed in the middle of an ingest; the test proved nothing"
    proc = ingest(folder, store_dir, jobs)
    proc.communicate(timeout=300)
    assert proc.returncode == 0
    sizes = graph_sizes(store_dir)
    assert {g: n for g, n in sizes.items() if g != str(AGENTS_GRAPH)} == expected
