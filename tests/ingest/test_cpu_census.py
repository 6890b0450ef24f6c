"""bench/cpu_census.py: the ingest benchmark's account of where the CPU goes (the writing
process's threads by name, and the worker processes below it)."""

from __future__ import annotations

import importlib.util
import multiprocessing
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir(), reason="the census reads Linux's /proc"
)


@pytest.fixture(scope="module")
def census_module():
    spec = importlib.util.spec_from_file_location("cpu_census", ROOT / "bench" / "cpu_census.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["cpu_census"] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules["cpu_census"]


def _burn(seconds: float) -> None:
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def test_counts_a_thread_and_a_child_process(census_module) -> None:
    ctx = multiprocessing.get_context("forkserver")
    with census_module.CpuCensus(every=0.05) as census:
        worker = threading.Thread(target=_burn, args=(0.4,))
        worker.start()
        child = ctx.Process(target=_burn, args=(0.6,))
        child.start()
        # the child ends after its burn; the census keeps what it last saw of it
        time.sleep(0.1)
        while child.is_alive():
            time.sleep(0.05)
        worker.join()
    threads = census.by_thread()
    # the thread's 0.4 s land under Python's thread name, and the sampler's own time is left out
    assert 0.35 <= sum(threads.values()) < 2.0
    # the child's 0.6 s, less at most one sampling interval (it ended between two samples)
    assert 0.45 <= census.children() < 1.5


def test_nothing_spent_outside_the_census(census_module) -> None:
    _burn(0.3)
    with census_module.CpuCensus(every=0.05) as census:
        time.sleep(0.2)
    assert sum(census.by_thread().values()) < 0.1
    assert census.children() < 0.1
