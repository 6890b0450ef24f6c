"""Remote ingest throughput: articles/s into the Oxigraph server and Virtuoso, by batch size.

For each server (started as the tests start them, ``tests/servers.py``: free loopback ports,
a temporary folder, a fresh database per run) the same seed-shaped articles are ingested
(extract, link, write) once per way of writing: ``before`` is the code before batches (one
update request per article, its graph and summaries, after reading what the replacement keeps
and touches: :func:`kg.ingest.run.ingest_each`; and one link query per agent and per number of
the article's claims), ``each`` the same writes with the link queries combined (one for the
agents, one for the numbers), then ``kg ingest --batch-size N`` for each N given.
Every run prints its seconds, articles/s, and where the time went: the update requests and the
queries, their number per article and mean latency; then each run's rate as a ratio to the
first one's on the same server, in the same process. Every run extracts the articles too (one
process; the extractor is loaded before the first run), as ``kg ingest`` does.
Usage: python bench/remote_ingest_bench.py [--articles 60] [--sizes 1,20]
       [--servers oxigraph,virtuoso]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kg.track.link as link  # noqa: E402
from bench.ingest_bench import make_articles  # noqa: E402
from kg.ingest import find_articles, ingest_files  # noqa: E402
from kg.ingest.prepare import prepare_file  # noqa: E402
from kg.ingest.run import ingest_each  # noqa: E402
from kg.store import RemoteStore  # noqa: E402
from tests.servers import Server, oxigraph_server, virtuoso_server  # noqa: E402

STARTS: dict[str, Callable[[Path], Iterator[Server]]] = {
    "oxigraph": oxigraph_server,
    "virtuoso": virtuoso_server,
}


class Timed(RemoteStore):
    """A remote store that counts its requests and their time (the answer read whole)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.spent = {"update": [0, 0.0], "query": [0, 0.0]}

    def _post(self, url: str, data: dict[str, str], *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        response = super()._post(url, data, *args, **kwargs)
        if kwargs.get("stream", args[-1] if args else False):
            response.read()
        kind = "update" if "update" in data else "query"
        self.spent[kind][0] += 1
        self.spent[kind][1] += time.perf_counter() - start
        return response


def run(start: Callable[[Path], Iterator[Server]], files: list[Path], size: int | str) -> dict:
    """One ingest of ``files`` into a fresh server (``size`` "before" or "each": one write per
    article, with the link queries of before or combined)."""
    with tempfile.TemporaryDirectory() as tmp:
        servers = start(Path(tmp))
        server = next(servers)
        try:
            store = Timed(server.query_url)
            combined = link._prefetch_each
            if size == "before":
                link._prefetch_each = lambda *_args: None  # type: ignore[assignment]
            began = time.perf_counter()
            try:
                if isinstance(size, str):
                    report = ingest_each(files, store)
                else:
                    report = ingest_files(files, store, batch_size=size)
            finally:
                link._prefetch_each = combined  # type: ignore[assignment]
            seconds = time.perf_counter() - began
            assert len(report.ingested) == len(files), report.failed
            spent = store.spent
            store.close()
        finally:
            servers.close()
    return {"seconds": seconds, **spent}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--sizes", default="1,20", help="comma-separated batch sizes")
    parser.add_argument("--servers", default="oxigraph,virtuoso")
    args = parser.parse_args()
    n = args.articles
    ways: list[int | str] = ["before", "each", *(int(s) for s in args.sizes.split(","))]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        make_articles(folder, n)
        files, _ = find_articles([folder])
        prepare_file(files[0])  # load the extractor's data before the first timed run
        print(f"articles: {n} seed-shaped, one writer process")
        head = f"{'server':<10}{'writes':<14}{'seconds':>8}{'art/s':>7}"
        print(head + f"{'updates/art':>13}{'ms/update':>11}{'queries/art':>13}{'ms/query':>10}")
        for name in args.servers.split(","):
            rates: list[tuple[str, float]] = []
            for size in ways:
                label = size if isinstance(size, str) else f"batch {size}"
                r = run(STARTS[name], files, size)
                (updates, update_s), (queries, query_s) = r["update"], r["query"]
                rates.append((label, n / r["seconds"]))
                print(
                    f"{name:<10}{label:<14}{r['seconds']:>8.1f}{n / r['seconds']:>7.2f}"
                    f"{updates / n:>13.2f}{update_s / max(updates, 1) * 1000:>11.0f}"
                    f"{queries / n:>13.2f}{query_s / max(queries, 1) * 1000:>10.1f}"
                )
            base_label, base = rates[0]
            ratios = ", ".join(f"{label} {rate / base:.2f}x" for label, rate in rates[1:])
            print(f"{name:<10}ratio to {base_label}: {ratios}")


if __name__ == "__main__":
    main()
