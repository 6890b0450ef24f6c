"""Serving under load: 8 clients on ``kg serve`` over a mix of pages and queries.

Builds (once, cached in ``--cache``) a store of ``--articles`` ingested seed-shaped articles
(``bench/ingest_bench.py``'s ``make_articles``: the seed under another byline each, so every
later article cites the first one's claims: hub claims and agents, the worst case for pages),
starts ``kg serve`` on it on a free loopback port, and runs ``--clients`` threads (one httpx
client each) for ``--seconds``, each cycling through the same mix, starting at a different
place: the index (first page, and filtered by a word), claim pages (the most cited claim and
three others, each also as ``.json``), agent pages (the busiest agent and two others), a source
page, the search page, and on ``/sparql`` every user-facing canned query's first page
(``bench/load_bench.py``'s texts: ``denials``, ``quotes``, ``agents`` ...) and one small user
query. Prints requests/s, p50 and p99 overall and per kind of request, and the errors (must be
zero).

``--ingest N`` (default 150) then runs the same load again for ``--seconds`` while ``kg
ingest`` writes N more seed-shaped articles through the server (on a copy of the store, so the
cached one stays as built), and prints both runs, idle and during the ingest, with their
ratios, the store generations the pages showed (``X-Kg-View``) during it, and how soon each
article written appeared on the pages (from ``kg ingest --verbose`` reporting it written to its
source page answering); ``--ingest 0`` runs idle only.

``--base DIR`` first runs the same load against the code in ``DIR`` (a checkout of another
commit, e.g. ``git worktree add /tmp/servebase main``), on the same store, then against this
checkout, and prints both and the ratios: before and after in one run.

Usage: python bench/serve_bench.py [--articles 1200] [--seconds 60] [--clients 8]
       [--ingest 150] [--cache DIR] [--base DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
from rdflib import Literal, URIRef

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingest_bench import make_articles  # noqa: E402
from bench.load_bench import ACCEPT, free_port, page_of, pct  # noqa: E402
from kg.ingest import ingest_files  # noqa: E402
from kg.queries import list_queries  # noqa: E402
from kg.store import EmbeddedStore  # noqa: E402
from kg.view.model import page_slug  # noqa: E402
from kg.view.read import read_view  # noqa: E402

#: The small user query of the mix: who denied what, ten rows.
USER_QUERY = """PREFIX cg: <https://w3id.org/claimgraph/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?denier ?claim WHERE {
  ?s cg:stance cg:denies ; cg:claim ?claim ; prov:wasAttributedTo ?denier
} LIMIT 10"""

#: Canned queries left out of the mix: internal ones (the view's, the checks', the writes').
INTERNAL = ("fmt-", "view-", "track-", "check-", "keep-", "graph-")
Request = tuple[str, str, str, dict[str, str] | None]  # label, method, path, form


def build_store(articles: int, cache: Path) -> Path:
    """A store of ``articles`` ingested seed-shaped articles, built once under ``cache``."""
    path = cache / f"store-{articles}"
    ready = cache / f"store-{articles}.ready"
    if ready.exists():
        print(f"reusing {path} ({ready.read_text().strip()} quads)", flush=True)
        return path
    folder = cache / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    files = make_articles(folder, articles)
    print(f"ingesting {articles} articles into {path} (once) ...", flush=True)
    start = time.perf_counter()
    store = EmbeddedStore(path)
    report = ingest_files(files, store)
    quads = len(store)
    store.close()
    if len(report.ingested) != articles:
        raise SystemExit(f"ingest failed: {report.failed[:3]}")
    print(f"ingested {quads} quads in {time.perf_counter() - start:.0f} s", flush=True)
    ready.write_text(f"{quads}\n", encoding="utf-8")
    return path


def the_mix(path: Path) -> list[Request]:
    """The requests each client cycles through, picked from the store's view."""
    store = EmbeddedStore(path, read_only=True)
    try:
        view = read_view(store)
    finally:
        store.close()
    claims = sorted(view.claims.values(), key=lambda c: (-len(view.on_claim(c.iri)), c.slug))
    agents = sorted(view.agents.values(), key=lambda a: (-len(view.by_claimant(a.iri)), a.slug))
    denied = next(c for c in claims if any(s.stance == "denies" for s in view.on_claim(c.iri)))
    busiest = agents[0]
    word = max(claims[0].label("id").split(), key=len)
    source = sorted(view.sources.values(), key=lambda s: s.slug)[0]
    params = {
        "claim": URIRef(denied.iri),
        "agent": Literal(busiest.label("en").casefold()),
        "hash": Literal("sha256:00"),
    }
    mix: list[Request] = [("index", "GET", "/", None), ("index?q", "GET", f"/?q={word}", None)]
    step = max(1, len(claims) // 4)
    for claim in [claims[0], *claims[step::step][:3]]:
        mix += [("claim", "GET", f"/claim/{claim.slug}", None)]
        mix += [("claim.json", "GET", f"/claim/{claim.slug}.json", None)]
    step = max(1, len(agents) // 3)
    for agent in [busiest, *agents[step::step][:2]]:
        mix += [("agent", "GET", f"/agent/{agent.slug}", None)]
    mix += [("source", "GET", f"/source/{source.slug}", None)]
    mix += [("search", "GET", f"/search?q={word}", None)]
    for query in list_queries():
        if query.name.startswith(INTERNAL) or not set(query.params) <= set(params):
            continue
        text = page_of(query, {p: params[p] for p in query.params})
        mix += [(query.name, "POST", "/sparql", {"query": text})]
    mix += [("sparql (user)", "POST", "/sparql", {"query": USER_QUERY})]
    return mix


def start_server(code: Path, store: Path, port: int, memory: int) -> subprocess.Popen[bytes]:
    """``kg serve`` from the checkout ``code`` on ``store``, once it answers; its data segment
    capped at ``memory`` MB (0: no cap), so that a server that runs away stops alone."""
    cmd = [sys.executable, "-m", "kg", "serve", "--store", str(store.resolve()), "--port",
           str(port)]  # fmt: skip

    def cap() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_DATA, (memory * 2**20, memory * 2**20))

    env = {**os.environ, "PYTHONPATH": str(code)}
    # run from ``code``: ``python -m`` puts the working folder first on the path
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, env=env, preexec_fn=cap, cwd=code)
    for _ in range(1200):
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise SystemExit(f"kg serve exited: {err}")
        try:
            answer = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK {}"})
            if answer.status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("kg serve did not start")


def client(base: str, mix: list[Request], offset: int, deadline: float,
           out: list[tuple[str, float, str]], fresh: bool = False,
           versions: set[str] | None = None) -> None:  # fmt: skip
    """Ask the mix round-robin until ``deadline``; record (label, seconds, error or '').
    ``fresh``: each query text made new by a comment, so that no kept answer serves it."""
    with httpx.Client(base_url=base, timeout=120) as http:
        i = offset
        while time.perf_counter() < deadline:
            label, method, path, form = mix[i % len(mix)]
            i += 1
            start = time.perf_counter()
            error = ""
            try:
                if method == "POST" and form is not None:
                    data = {"query": form["query"] + f"\n# {offset} {i}"} if fresh else form
                    response = http.post(path, data=data, headers={"Accept": ACCEPT})
                else:
                    response = http.get(path)
                if response.status_code != 200:
                    error = f"HTTP {response.status_code}: {response.text[:200]}"
                if versions is not None and "x-kg-view" in response.headers:
                    versions.add(response.headers["x-kg-view"])
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            out.append((label, time.perf_counter() - start, error))


Result = tuple[str, float, str]  # label, seconds, error or ""
Figures = dict[str, tuple[int, float, float]]


def warm_up(base: str, mix: list[Request]) -> None:
    """One pass over the mix: the first view, the first query processes."""
    with httpx.Client(base_url=base, timeout=600) as http:
        for label, method, path, form in mix:
            start = time.perf_counter()
            if method == "POST":
                http.post(path, data=form, headers={"Accept": ACCEPT})
            else:
                http.get(path)
            print(f"  warm-up {label}: {time.perf_counter() - start:.2f} s", flush=True)


def run_load(
    base: str,
    mix: list[Request],
    clients: int,
    seconds: float,
    fresh: bool = False,
    versions: set[str] | None = None,
) -> tuple[list[Result], float]:
    """Every request of one run, and the run's length in seconds."""
    results: list[tuple[str, float, str]] = []
    deadline = time.perf_counter() + seconds
    step = max(1, len(mix) // clients)
    threads = [
        threading.Thread(
            target=client, args=(base, mix, k * step, deadline, results, fresh, versions)
        )
        for k in range(clients)
    ]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - start


def summary(results: list[Result]) -> Figures:
    """Label -> (requests, p50 ms, p99 ms), with ``all`` for the whole run."""
    by_label: dict[str, list[float]] = defaultdict(list)
    for label, t, _ in results:
        by_label[label].append(t)
    out = {"all": (len(results), pct([t for _, t, _ in results], 0.5),
                   pct([t for _, t, _ in results], 0.99))}  # fmt: skip
    for label, ts in sorted(by_label.items()):
        out[label] = (len(ts), pct(ts, 0.5), pct(ts, 0.99))
    return out


def more_articles(folder: Path, n: int) -> list[Path]:
    """``n`` seed-shaped articles none of the store's (another byline each)."""
    return make_articles(folder, n, byline="Pewarta", name="more-{:05}.txt")


class Shown:
    """How soon the articles an ingest writes appear on the pages: the time ``kg ingest
    --verbose`` reports each one written, and the time its source page first answers (one
    request at a time, for the oldest article written and not yet shown)."""

    def __init__(self, base: str, writer: subprocess.Popen[str]) -> None:
        self.base, self.writer = base, writer
        self.written: dict[str, float] = {}
        self.seen: dict[str, float] = {}
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=f, daemon=True) for f in (self._read, self._watch)]
        for t in self._threads:
            t.start()

    def _read(self) -> None:
        assert self.writer.stdout is not None
        for line in self.writer.stdout:
            match = re.match(r"ingested .* -> (\S+) \(", line)
            if match:
                self.written[match.group(1)] = time.perf_counter()

    def _watch(self) -> None:
        with httpx.Client(base_url=self.base, timeout=120) as http:
            while not self._stop.is_set():
                waiting = [s for s in list(self.written) if s not in self.seen]
                if not waiting:
                    self._stop.wait(0.25)
                    continue
                try:
                    answer = http.get(f"/source/{page_slug(waiting[0])}.json")
                except httpx.HTTPError:
                    answer = None
                if answer is not None and answer.status_code == 200:
                    self.seen[waiting[0]] = time.perf_counter()
                else:
                    self._stop.wait(0.25)

    def stop(self) -> None:
        """Stop watching (the articles not shown by now count as not shown)."""
        self._stop.set()
        self._threads[1].join()

    def report(self) -> None:
        """Print how many articles were written and shown, and how long each took to show."""
        lags = sorted(self.seen[s] - self.written[s] for s in self.seen if s in self.written)
        line = f"  articles written during it: {len(self.written)}, shown on the pages: {len(lags)}"
        if lags:
            line += (f"; seconds from written to shown: median {lags[len(lags) // 2]:.1f}, "
                     f"max {lags[-1]:.1f}")  # fmt: skip
        print(line, flush=True)


def report(name: str, results: list[Result], elapsed: float, clients: int) -> Figures:
    """Print one run's figures and return them (``_rate``: errors, requests/s)."""
    errors = [r for r in results if r[2]]
    figures = summary(results)
    n, p50, p99 = figures["all"]
    print(f"\n{name}: {clients} clients, {elapsed:.0f} s: {n} requests, "
          f"{n / elapsed:.1f} req/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
          f"errors {len(errors)}", flush=True)  # fmt: skip
    for label, _, error in errors[:5]:
        print(f"error in {label}: {error}")
    figures["_rate"] = (len(errors), n / elapsed, 0.0)
    return figures


def measure(
    code: Path, store: Path, mix: list[Request], args: argparse.Namespace
) -> dict[str, Figures]:
    """Serve a copy of ``store`` with the code in ``code``; run the load idle, then (with
    ``--ingest``) during an ingest through the server; print and return the figures."""
    work = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    copy = work / "store"
    shutil.copytree(store, copy)
    for side in (".search", ".claims.sqlite"):  # the text index, linking's claim index
        beside = store.with_name(store.name + side)
        if beside.is_dir():
            shutil.copytree(beside, copy.with_name("store" + side))
        elif beside.exists():
            shutil.copy2(beside, copy.with_name("store" + side))
    port = free_port()
    proc = start_server(code, copy, port, args.server_memory)
    out: dict[str, Figures] = {}
    try:
        url = f"http://127.0.0.1:{port}"
        warm_up(url, mix)
        results, elapsed = run_load(url, mix, args.clients, args.seconds, args.fresh)
        out["idle"] = report(f"{code} idle", results, elapsed, args.clients)
        if args.ingest:
            files = more_articles(work / "more", args.ingest)
            env = {**os.environ, "PYTHONPATH": str(code)}
            cmd = [sys.executable, "-m", "kg", "ingest", "--verbose", "--store", str(copy),
                   *map(str, files)]  # fmt: skip
            writer = subprocess.Popen(cmd, env=env, cwd=code, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, text=True)  # fmt: skip
            shown = Shown(url, writer)
            time.sleep(3)  # the ingest under way: its first articles written
            versions: set[str] = set()
            results, elapsed = run_load(url, mix, args.clients, args.seconds, args.fresh, versions)
            still = writer.poll() is None
            shown.stop()
            writer.terminate()
            writer.wait()
            with httpx.Client(base_url=url, timeout=60) as http:
                graphs = http.post(
                    "/sparql", data={"query": GRAPHS}, headers={"Accept": "text/csv"}
                )
            name = f"{code} during an ingest ({'still running' if still else 'ended'} at the end)"
            out["ingest"] = report(name, results, elapsed, args.clients)
            print(f"  graphs after: {graphs.text.split()[-1]}; page views seen during it "
                  f"(store generations): {sorted(versions, key=int)}", flush=True)  # fmt: skip
            shown.report()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)
    return out


#: Named graphs in the store (the articles ingested, plus the match candidates' graph).
GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "claimgraph-serve-bench")  # fmt: skip
    parser.add_argument("--base", type=Path, help="also run the checkout in DIR, first")
    parser.add_argument("--only", choices=("all", "pages", "sparql"), default="all",
                        help="only the pages, or only the /sparql queries")  # fmt: skip
    parser.add_argument("--server-memory", type=int, default=6144,
                        help="MB the server may allocate (RLIMIT_DATA; 0 = no cap)")  # fmt: skip
    parser.add_argument("--ingest", type=int, default=150,
                        help="articles ingested through the server during the second run "
                        "(0: idle only)")  # fmt: skip
    parser.add_argument("--fresh", action="store_true",
                        help="every query text new (no kept answers: each one runs)")  # fmt: skip
    args = parser.parse_args()
    store = build_store(args.articles, args.cache)
    start = time.perf_counter()
    mix = the_mix(store)
    if args.only != "all":
        mix = [r for r in mix if (r[2] == "/sparql") == (args.only == "sparql")]
    print(f"{len(mix)} requests in the mix, picked in {time.perf_counter() - start:.0f} s",
          flush=True)  # fmt: skip
    runs = [("before", args.base)] if args.base else []
    runs.append(("after" if args.base else "this", ROOT))
    phases = ["idle", "ingest"] if args.ingest else ["idle"]
    measured = {name: measure(code, store, mix, args) for name, code in runs}
    figures = {f"{name} {phase}": measured[name][phase] for name, _ in runs for phase in phases}
    names = list(figures)
    head = " | ".join(f"{n} requests | {n} p50 ms | {n} p99 ms" for n in names)
    print(f"\n| request | {head} |\n|---|" + "---|" * (3 * len(names)))
    for label in figures[names[-1]]:
        if label.startswith("_"):
            continue
        cells = []
        for name in names:
            n, p50, p99 = figures[name].get(label, (0, 0.0, 0.0))
            cells.append(f"{n} | {p50:.1f} | {p99:.1f}")
        print(f"| {label} | " + " | ".join(cells) + " |")
    print()
    for name in names:
        n, p50, p99 = figures[name]["all"]
        errs, rate, _ = figures[name]["_rate"]
        print(f"{name}: {rate:.1f} req/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, errors {errs:.0f}")
    for name, _ in runs:
        if args.ingest:
            idle, during = measured[name]["idle"], measured[name]["ingest"]
            print(f"{name}: during the ingest / idle: req/s "
                  f"{during['_rate'][1] / idle['_rate'][1]:.2f}x, p50 "
                  f"{during['all'][1] / idle['all'][1]:.1f}x, p99 "
                  f"{during['all'][2] / idle['all'][2]:.1f}x")  # fmt: skip
    errors = sum(int(figures[n]["_rate"][0]) for n in names)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
