"""Store benchmark: ingest and query latency of the embedded store against rdflib in memory.

Usage: python bench/store_bench.py [--sizes 100k,1M,3M] [--backends embedded,oxigraph-mem,rdflib]
                                   [--runs 3] [--rdflib-timeout 60]

For each size, a synthetic corpus (bench/synth.py) is written once to a temporary folder; each
backend then runs in its own subprocess, so that its peak memory (ru_maxrss) is its own. Each
prints: ingest time and rate (including the write-time summaries and the text index for the
embedded store), peak memory, and the median latency over ``--runs`` runs of every canned
query's first page (100 rows) and of the workload queries in bench/queries/. rdflib queries
slower than ``--rdflib-timeout`` are stopped (SIGALRM) and shown as ">N s". The query
parameters (a denied claim, an agent who asserted it) are picked by the first backend and
handed to the others, so that rdflib never runs that search without a limit.
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal, URIRef

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import write as synthesize  # noqa: E402
from kg.namespace import PREFIXES  # noqa: E402
from kg.queries import load_query  # noqa: E402
from kg.queries.run import run_canned  # noqa: E402
from kg.store.binding import bind  # noqa: E402
from kg.store.embedded import EmbeddedStore  # noqa: E402
from kg.store.writes import stats_all_update  # noqa: E402

CANNED = ["denials", "claims-by", "denied-by", "sources-for", "contested", "unattributed",
          "single-source", "quotes", "timeline", "quantities", "agents"]  # fmt: skip
WORKLOAD = ["all-claims", "claims-per-claimant", "about-claim", "denied-3-hops",
            "contains-search"]  # fmt: skip
SIZES = {"100k": 100_000, "1M": 1_000_000, "3M": 3_000_000}
SEARCH = "rudal"


class Timeout(Exception):
    """A query ran past its time."""


def workload(name: str) -> str:
    return (ROOT / "bench" / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def median_ms(fn: Callable[[], int], runs: int, limit: float | None = None) -> tuple[float, int]:
    """Median wall time of ``fn`` in ms (and its row count); one run if the first is slow."""
    times, rows = [], 0
    for i in range(runs):
        if limit:
            signal.alarm(int(limit))
        start = time.perf_counter()
        try:
            rows = fn()
        finally:
            signal.alarm(0)
        times.append((time.perf_counter() - start) * 1000)
        if i == 0 and times[0] > 5000:
            break
    return statistics.median(times), rows


def pick_params(run: Callable[[str, dict[str, Any]], list[Any]]) -> dict[str, str]:
    """A denied claim, an agent who asserted it, and that agent's label (the benchmark's
    parameters), found by ``bench/queries/denied-claim.rq``."""
    claim, agent = run(workload("denied-claim"), {})[0]
    n = str(agent).rsplit("/a", 1)[1]
    return {"claim": str(claim), "agent": str(agent), "label": f"OFFICE{n}"}


def params_for(picked: dict[str, str]) -> dict[str, dict[str, Any]]:
    claim, agent, label = URIRef(picked["claim"]), URIRef(picked["agent"]), Literal(picked["label"])
    return {
        "claims-by": {"agent": label}, "denied-by": {"agent": label},
        "sources-for": {"claim": claim}, "about-claim": {"claim": claim},
        "denied-3-hops": {"agent": agent}, "contains-search": {"q": Literal(SEARCH)},
    }  # fmt: skip


def child_embedded(
    path: Path, runs: int, in_memory: bool, picked: dict[str, str] | None
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        start = time.perf_counter()
        store = EmbeddedStore(None if in_memory else Path(tmp) / "store")
        store.bulk_load(path)
        ingest = time.perf_counter() - start
        size = len(store)

        def rows(text: str, params: dict[str, Any]) -> list[Any]:
            return list(store.select(text, params))

        picked = picked or pick_params(rows)
        params = params_for(picked)
        out: dict[str, Any] = {"ingest_s": ingest, "quads": size, "queries": {}, "params": picked}
        for name in CANNED:
            p = params.get(name, {})
            out["queries"][name] = median_ms(
                lambda name=name, p=p: len(list(run_canned(store, name, p, timeout=None))),  # type: ignore[arg-type]
                runs,
            )
        for name in WORKLOAD:
            p = params.get(name, {})
            out["queries"][name] = median_ms(
                lambda name=name, p=p: sum(1 for _ in store.execute(workload(name), p)),  # type: ignore[union-attr]
                runs,
            )
        out["queries"]["fts-search"] = median_ms(lambda: len(store.search(SEARCH, 20)), runs)
        store.close()
    return out


def child_rdflib(
    path: Path, runs: int, limit: float, picked: dict[str, str] | None
) -> dict[str, Any]:
    def on_alarm(signum: int, frame: object) -> None:
        raise Timeout

    signal.signal(signal.SIGALRM, on_alarm)
    start = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(str(path), format="nquads")
    ingest = time.perf_counter() - start
    out: dict[str, Any] = {"ingest_s": ingest, "quads": len(ds), "queries": {}}
    try:
        signal.alarm(int(limit) * 3)
        start = time.perf_counter()
        ds.update(stats_all_update(URIRef("https://w3id.org/claimgraph/id/graph/stats")),
                  initNs=PREFIXES)  # fmt: skip
        out["summaries_s"] = time.perf_counter() - start
    except Timeout:
        out["summaries_s"] = None
    finally:
        signal.alarm(0)

    def rows(text: str, params: dict[str, Any]) -> list[Any]:
        return list(ds.query(bind(text, params), initNs=PREFIXES))

    if picked is None:  # the embedded store did not run first: ask rdflib, within the limit
        try:
            signal.alarm(int(limit) * 3)
            picked = pick_params(rows)
        finally:
            signal.alarm(0)
    params = params_for(picked)
    for name in CANNED + WORKLOAD:
        text = load_query(name).text + "\nLIMIT 100" if name in CANNED else workload(name)
        p = params.get(name, {})
        if name in CANNED:  # as run_canned binds them: [folded] parameters lower-cased
            p = {k: Literal(str(v).lower()) if k in load_query(name).folded else v
                 for k, v in p.items()}  # fmt: skip
        try:
            out["queries"][name] = median_ms(lambda t=text, p=p: len(rows(t, p)), runs, limit)
        except Timeout:
            out["queries"][name] = (None, 0)
    return out


def child(args: argparse.Namespace) -> None:
    path = Path(args.file)
    picked = json.loads(args.params) if args.params else None
    if args.child == "rdflib":
        out = child_rdflib(path, args.runs, args.rdflib_timeout, picked)
    else:
        out = child_embedded(path, args.runs, args.child == "oxigraph-mem", picked)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def fmt_ms(value: float | None, limit: float) -> str:
    if value is None:
        return f">{limit:g} s"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.1f} ms"


def report(size: str, results: dict[str, dict[str, Any]], limit: float) -> None:
    backends = list(results)
    print(f"\n## {size} triples\n")
    print("| measure | " + " | ".join(backends) + " |")
    print("|---|" + "---|" * len(backends))
    row = []
    for b in backends:
        r = results[b]
        row.append(f"{r['ingest_s']:.1f} s ({r['quads'] / r['ingest_s'] / 1000:.0f}k/s)")
    print("| ingest (rate) | " + " | ".join(row) + " |")
    memory = " | ".join(f"{results[b]['peak_mb']:.0f} MB" for b in backends)
    print(f"| peak memory | {memory} |")
    if any("summaries_s" in results[b] for b in backends):  # rdflib computes them after loading
        cells = []
        for b in backends:
            if "summaries_s" not in results[b]:
                cells.append("with the ingest")
            else:
                cells.append(fmt_ms(None if results[b]["summaries_s"] is None
                                    else results[b]["summaries_s"] * 1000, limit * 3))  # fmt: skip
        print("| write-time summaries (stats-all.ru) | " + " | ".join(cells) + " |")
    names = list(dict.fromkeys(n for b in backends for n in results[b]["queries"]))
    for name in names:
        cells = []
        for b in backends:
            q = results[b]["queries"].get(name)
            cells.append("n/a" if q is None else f"{fmt_ms(q[0], limit)} ({q[1]} rows)")
        print(f"| {name} | " + " | ".join(cells) + " |")
    if "rdflib" in results and "embedded" in results:
        print("\nratio rdflib / embedded (higher = embedded faster):")
        r, e = results["rdflib"], results["embedded"]
        print(f"  ingest {r['ingest_s'] / e['ingest_s']:.1f}x")
        for name in names:
            a, b = r["queries"].get(name), e["queries"].get(name)
            if not (a and b and b[0]):
                continue
            if a[0] is None:
                print(f"  {name} >{limit * 1000 / b[0]:.0f}x (rdflib stopped)")
            elif a[1] != b[1]:  # e.g. no write-time summaries on rdflib's side
                print(f"  {name} not comparable ({a[1]} rows against {b[1]})")
            else:
                print(f"  {name} {a[0] / b[0]:.0f}x")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1M")
    parser.add_argument("--backends", default="embedded,oxigraph-mem,rdflib")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rdflib-timeout", type=float, default=60)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    with tempfile.TemporaryDirectory(prefix="kg-synth-") as tmp:
        for size in args.sizes.split(","):
            path = Path(tmp) / f"{size}.nq"
            count = synthesize(SIZES.get(size) or int(size), path)
            print(f"corpus {size}: {count} quads", flush=True)
            results: dict[str, dict[str, Any]] = {}
            picked: list[str] = []  # the first backend's parameters, given to the next ones
            for backend in args.backends.split(","):
                done = subprocess.run(
                    [sys.executable, __file__, "--child", backend, "--file", str(path),
                     "--runs", str(args.runs), "--rdflib-timeout", str(args.rdflib_timeout),
                     *picked],
                    capture_output=True, text=True, check=False,
                )  # fmt: skip
                if done.returncode != 0:
                    print(f"{backend} failed: {done.stderr[-2000:]}", flush=True)
                    continue
                results[backend] = json.loads(done.stdout.strip().splitlines()[-1])
                if not picked and "params" in results[backend]:
                    picked = ["--params", json.dumps(results[backend]["params"])]
            report(size, results, args.rdflib_timeout)


if __name__ == "__main__":
    main()
