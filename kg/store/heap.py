"""The native heap during a bulk load: large blocks handed back to the system when freed.

Oxigraph's bulk loader, called once per block of the file by two threads, allocates and frees
tens of MB per call (the block, its parsed quads, the sorted keys of each index), beside
RocksDB's threads and the Python pass. glibc's ``malloc`` raises its threshold for serving a
large block by ``mmap`` each time such a block is freed, so after the first calls they come from
the threads' heaps (arenas), where freed space stays resident and fragments: a plain sequence
of loads held about 400 MB, the same loads beside the pass grew to 1 GB at 3M triples. Fixing
the threshold (``mallopt(M_MMAP_THRESHOLD)``, which also stops its growth) maps every block of
1 MB or more on its own and unmaps it when freed (at 3M triples: 696 MB instead of 1,026;
the same CPU time at 1M, docs/explanation/performance.md).

The setting is process-wide and stays (the ``kg load`` process ends after the load); where
``mallopt`` does not exist (not glibc) nothing changes.
"""

from __future__ import annotations

import ctypes

__all__ = ["MMAP_THRESHOLD", "map_large_blocks"]

_M_MMAP_THRESHOLD = -3  # glibc's malloc.h
#: Blocks of this size or more are mapped on their own (glibc's default starts at 128 KiB and
#: grows up to 32 MiB as blocks are freed).
MMAP_THRESHOLD = 1 << 20


def map_large_blocks(threshold: int = MMAP_THRESHOLD) -> bool:
    """Have ``malloc`` map blocks of ``threshold`` bytes or more on their own, from now on;
    return whether it took the setting (False where there is no glibc ``mallopt``)."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, threshold))
