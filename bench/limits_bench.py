"""Peak memory for the largest input each bound accepts (issue 14: small inputs, huge memory).

Usage: python bench/limits_bench.py [--only NAME ...]

Each case runs in a fresh process and prints that process's peak resident memory (ru_maxrss)
next to a baseline (the same command on a small input), so that the figure is what the input
costs. The cases:

- ``yaml-aliases``: an article whose front matter expands to just under
  ``kg.yamlsafe.MAX_NODES`` items, ingested;
- ``article``: an article of ``kg.ingest.run.MAX_ARTICLE_CHARS`` characters, ingested;
- ``search``: ``kg search`` with ``kg.store.search.MAX_WORDS`` different words;
- ``sparql-text``: a user query of 1 MB nested ``kg.queries.safety.MAX_DEPTH`` deep, checked;
- ``query-process``: a sorted cartesian product in a query process (``KG_QUERY_MEMORY``):
  the peak is the query process's own, and the server's stays at its baseline.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_eae76bf788f95f59.txt"

_PEAK = (
    "import resource, sys, runpy\n"
    "sys.argv = sys.argv[1:]\n"
    "try:\n"
    "    runpy.run_module(sys.argv[0], run_name='__main__')\n"
    "except SystemExit:\n"
    "    pass\n"
    "children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, children, "
    "file=sys.stderr)\n"
)


def peak(module: str, *args: str, env: dict[str, str] | None = None) -> tuple[int, int, float]:
    """Run ``python -m module args`` in a new process: (its peak KB, its children's, seconds)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, module, *args], capture_output=True,
                          text=True, check=False, env=env)  # fmt: skip
    seconds = time.perf_counter() - start
    line = [x for x in done.stderr.splitlines() if x.startswith("PEAK")]
    if not line:
        raise SystemExit(f"{module} {args[:2]} failed: {done.stderr[-500:]}")
    _, mine, children = line[-1].split()
    return int(mine), int(children), seconds


def _article(folder: Path, name: str, front: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def _seed_body(tag: str) -> str:
    # the seed text with a line of its own: no claim file covers it
    return SEED.read_text(encoding="utf-8").replace("\n", f"\n{tag}.\n", 1)


def yaml_aliases(folder: Path) -> dict[str, object]:
    from kg.yamlsafe import MAX_NODES

    # 10 strings, then rows of 10 aliases: items = 11 + 11*10 + ... just under MAX_NODES
    lines, size, n = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"], 11, 0
    while size * 10 + 1 < MAX_NODES - 20:
        n += 1
        lines.append(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 10) + "]")
        size = size * 10 + 1
    # widen the last level while it fits
    total = sum(1 for _ in lines) * 2 + 1  # keys and the mapping, roughly
    extra = max(0, (MAX_NODES - 50 - size - total) // size)
    lines.append(f"title: [{', '.join([f'*l{n}'] * (1 + extra))}]")
    front = "\n".join(lines) + "\n"
    small = _article(folder, "small.txt", "title: Kecil\n", _seed_body("Kecil"))
    big = _article(folder, "big.txt", front, _seed_body("Besar"))
    base = peak("kg", "ingest", str(small), "--store", str(folder / "s1"))
    top = peak("kg", "ingest", str(big), "--store", str(folder / "s2"))
    return {"input": f"{len(front)} bytes of YAML, {size * (1 + extra)} items expanded",
            "baseline": base, "peak": top}  # fmt: skip


def article(folder: Path) -> dict[str, object]:
    from kg.ingest.run import MAX_ARTICLE_CHARS

    seed = SEED.read_text(encoding="utf-8")
    body = "Judul panjang\n\n" + "\n\n".join(
        seed.replace("\n", f"\nBagian {i}.\n", 1) for i in range(MAX_ARTICLE_CHARS // len(seed))
    )
    body = body[: MAX_ARTICLE_CHARS - 10]
    small = _article(folder, "small.txt", "title: Kecil\n", _seed_body("Kecil"))
    big = _article(folder, "big.txt", "title: Besar\n", body)
    base = peak("kg", "ingest", str(small), "--store", str(folder / "a1"))
    top = peak("kg", "ingest", str(big), "--store", str(folder / "a2"))
    return {"input": f"{len(body)} characters", "baseline": base, "peak": top}


def _seed_store(folder: Path) -> Path:
    store = folder / "seed-store"
    if not store.exists():
        subprocess.run([sys.executable, "-m", "kg", "build", "--seeds", str(ROOT / "seeds"),
                        "--store", str(store), "--exports", str(folder / "exports")],
                       check=True, capture_output=True)  # fmt: skip
    return store


def search(folder: Path) -> dict[str, object]:
    from kg.store.search import MAX_WORDS

    store = _seed_store(folder)
    words = " ".join(f"kata{i}" for i in range(MAX_WORDS))
    base = peak("kg", "search", "kata", "--store", str(store))
    top = peak("kg", "search", words, "--limit", "1000", "--store", str(store))
    return {"input": f"{MAX_WORDS} words, --limit 1000", "baseline": base, "peak": top}


def sparql_text(folder: Path) -> dict[str, object]:
    from kg.queries.safety import MAX_DEPTH

    store = _seed_store(folder)
    inner = "{ " * (MAX_DEPTH - 1) + "?s ?p ?o" + " }" * (MAX_DEPTH - 1)
    pad = "#" + "x" * 1000 + "\n"
    text = "SELECT * WHERE " + inner + "\n" + pad * ((1_000_000 - len(inner) - 20) // len(pad))
    path = folder / "big.rq"
    path.write_text(text, encoding="utf-8")
    small = folder / "small.rq"
    small.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1", encoding="utf-8")
    base = peak("kg", "query", "--file", str(small), "--cap", "1", "--store", str(store))
    top = peak("kg", "query", "--file", str(path), "--cap", "1", "--store", str(store))
    return {"input": f"{len(text)} bytes, {MAX_DEPTH - 1} groups deep", "baseline": base,
            "peak": top}  # fmt: skip


def query_process(folder: Path) -> dict[str, object]:
    import os

    store = _seed_store(folder)
    values = "".join(f"VALUES ?{c} {{ 0 1 2 3 4 5 6 7 8 9 }} " for c in "abcdefg")
    text = 'CONCAT(STR(?a), STR(?b), STR(?c), STR(?d), STR(?e), STR(?f), STR(?g), "' + "x" * 70
    sort = "SELECT ?x WHERE { " + values + "BIND(" + text + '") AS ?x) } ORDER BY DESC(?x) LIMIT 1'
    path = folder / "sort.rq"
    path.write_text(sort, encoding="utf-8")
    env = dict(os.environ)
    memory = env.setdefault("KG_QUERY_MEMORY", "2048")
    top = peak("kg", "query", "--file", str(path), "--timeout", "300", "--store", str(store),
               env=env)  # fmt: skip
    return {"input": f"sorting 10 million rows, KG_QUERY_MEMORY={memory} MB",
            "baseline": None, "peak": top}  # fmt: skip


CASES = {
    "yaml-aliases": yaml_aliases,
    "article": article,
    "search": search,
    "sparql-text": sparql_text,
    "query-process": query_process,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), help="cases to run")
    parser.add_argument("--json", action="store_true", help="print JSON lines")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kg-limits-"))
    try:
        for name in args.only or list(CASES):
            result = CASES[name](folder)
            mine, children, seconds = result["peak"]  # type: ignore[misc]
            base = result["baseline"]
            if args.json:
                print(json.dumps({"case": name, **result}))
                continue
            line = f"{name:<14} {result['input']}: peak {mine / 1024:.0f} MB"
            if base is not None:
                line += f" (baseline {base[0] / 1024:.0f} MB)"  # type: ignore[index]
            if children:
                line += f", query process {children / 1024:.0f} MB"
            print(line + f", {seconds:.1f} s", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
