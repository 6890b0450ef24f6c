"""Where an ingest's CPU goes: the process's threads by name, and its descendant processes.

``CpuCensus`` samples, every quarter second while it runs, the CPU time (user + system) of every
thread of this process (grouped by the name the kernel knows it by: ``rocksdb:low`` for
RocksDB's compactions, ``python`` for Python's own threads) and of every process started below
this one (``kg ingest --jobs`` workers, started by a forkserver). Threads and processes that end
between two samples lose what they spent after the last one, so the figures are a lower bound,
within a quarter second of each. Linux only (``/proc``); elsewhere it reports nothing. A bench
helper, not part of ``kg``.
"""

from __future__ import annotations

import os
import threading
from collections import defaultdict
from pathlib import Path

import psutil

__all__ = ["CpuCensus"]

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _threads() -> dict[int, tuple[str, float]]:
    """Each live thread of this process: its name and CPU seconds so far."""
    found: dict[int, tuple[str, float]] = {}
    for task in Path("/proc/self/task").glob("*"):
        try:
            stat = (task / "stat").read_text()
        except OSError:  # the thread ended while listed
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        found[int(task.name)] = (name, (int(fields[11]) + int(fields[12])) / _TICK)
    return found


def _children() -> dict[int, float]:
    """Each live descendant process: its CPU seconds so far."""
    found: dict[int, float] = {}
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:  # ended while listed
            continue
        found[child.pid] = times.user + times.system
    return found


class CpuCensus:
    """``with CpuCensus() as census: ...``, then :meth:`by_thread` and :meth:`children`."""

    def __init__(self, every: float = 0.25) -> None:
        self.every = every
        self._start_threads: dict[int, tuple[str, float]] = {}
        self._threads: dict[int, tuple[str, float]] = {}
        self._children: dict[int, float] = {}
        self._start_children: dict[int, float] = {}
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._run, name="cpu-census", daemon=True)

    def __enter__(self) -> CpuCensus:
        if Path("/proc/self/task").is_dir():
            self._start_threads = _threads()
            self._start_children = _children()
            self._sampler.start()
        return self

    def __exit__(self, *_: object) -> None:
        if self._sampler.is_alive():
            self._stop.set()
            self._sampler.join()
            self._sample()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self._sample()

    def _sample(self) -> None:
        self._threads.update(_threads())
        self._children.update(_children())

    def by_thread(self) -> dict[str, float]:
        """CPU seconds spent during the census by this process's threads, by thread name
        (the census's own sampler left out)."""
        spent: dict[str, float] = defaultdict(float)
        for tid, (name, seconds) in self._threads.items():
            if tid == self._sampler.native_id:
                continue
            spent[name] += seconds - self._start_threads.get(tid, (name, 0.0))[1]
        return dict(spent)

    def children(self) -> float:
        """CPU seconds spent during the census by the processes below this one."""
        return sum(s - self._start_children.get(pid, 0.0) for pid, s in self._children.items())
