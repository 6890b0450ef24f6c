"""Start-up time of the command line: wall clock and import time of `kg --help` and `kg extract`.

Usage: python bench/startup_bench.py [--runs 10]

For each command, over RUNS runs: the median and minimum wall-clock time of the whole process;
the median time its imports take, timed inside a fresh interpreter; and the median total of the
self times ``python -X importtime`` reports for it (inflated by the instrumentation). Target:
under 0.3 s of imports for `kg --help` and `kg extract FILE`. The interpreter alone
(`python -c pass`) is the floor. Which modules the commands import is held by
tests/test_startup.py; this script only prints figures (they depend on the machine and its
load: run it on an idle machine).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_eae76bf788f95f59.txt"
TARGET_S = 0.3


def env() -> dict[str, str]:
    path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path)}


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env(), stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def import_seconds(argv: list[str]) -> float:
    proc = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]],
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    total = 0
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            total += int(line.removeprefix("import time:").split("|")[0])
    return total / 1e6


def imports_in_process(modules: str) -> float:
    """Seconds to import ``modules`` in a fresh interpreter, timed inside it (no -X importtime,
    whose bookkeeping inflates the figures)."""
    code = f"import time; t = time.perf_counter(); import {modules}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], env=env(), capture_output=True, text=True)
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    py = sys.executable
    # label: (command line, the modules it imports before doing any work)
    commands = {
        "python -c pass": ([py, "-c", "pass"], ""),
        "kg --help": ([py, "-m", "kg", "--help"], "kg.cli"),
        "kg extract SEED": ([py, "-m", "kg", "extract", str(SEED)], "kg.cli.extract, kg.extract"),
        "kg extract --json SEED": (
            [py, "-m", "kg", "extract", "--json", str(SEED)],
            "kg.cli.extract, kg.extract",
        ),
    }
    load = os.getloadavg()[0]
    print(f"{args.runs} runs each (medians); load average {load:.2f}, {os.cpu_count()} cores")
    print(
        f"{'command':<24} {'wall':>8} {'wall min':>9} {'imports':>8} {'importtime sum':>15}  "
        f"imports < {TARGET_S} s"
    )
    for label, (argv, modules) in commands.items():
        walls = [wall(argv) for _ in range(args.runs)]
        imports = (
            statistics.median(imports_in_process(modules) for _ in range(args.runs))
            if modules
            else 0.0
        )
        importtime = statistics.median(import_seconds(argv) for _ in range(args.runs))
        verdict = "" if not modules else ("OK" if imports < TARGET_S else "MISSED")
        print(
            f"{label:<24} {statistics.median(walls):>6.3f} s {min(walls):>7.3f} s "
            f"{imports:>6.3f} s {importtime:>13.3f} s  {verdict}"
        )


if __name__ == "__main__":
    main()
