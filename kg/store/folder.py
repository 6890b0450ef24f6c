"""The embedded store's folder: its write lock, its health before opening, and swapping in a
restored copy so that a kill at any moment leaves the old store or the new one.

**Lock.** ``<store>.lock``, beside the folder, is held (``flock``) by every read-write handle
and by ``kg restore`` for as long as they work: a restore never races an ingest, and it never
has to open the store it replaces (which may be damaged) to learn whether someone uses it. The
lock is beside the folder, not in it, because a restore renames the folder.

**Health.** A folder holding files but no ``CURRENT`` is a damaged store; RocksDB would create
an empty one in its place. :func:`check_files` refuses it loudly, naming the way out.

**Swap.** A restore copies and checks the backup in ``<store>.restoring`` first, then writes
the journal ``<store>.restore.json`` (the commit point), moves the old text index and folder
aside (``<store>.search.replaced``, ``<store>.replaced``), renames the copy in, removes the
journal, and deletes what it moved aside. :func:`recover` (run under the lock by the next
restore or read-write open) finishes a swap whose journal is there, and deletes a copy whose
journal is not: killed anywhere, the store is the old one or the new one, never neither.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import time
from pathlib import Path
from types import TracebackType

from kg.errors import StoreBusyError, StoreError

__all__ = [
    "StoreLock",
    "check_files",
    "damaged",
    "holder",
    "process_name",
    "recover",
    "sibling",
    "swap_in",
]


def sibling(store_dir: Path, suffix: str) -> Path:
    """A path beside the store's folder: ``<store><suffix>``.

    >>> sibling(Path("data/store"), ".lock").as_posix()
    'data/store.lock'
    """
    return store_dir.with_name(store_dir.name + suffix)


def damaged(store_dir: Path, what: str) -> StoreError:
    """The one-line error for a store that cannot be opened, with the way out."""
    return StoreError(
        f"{store_dir}: the store is damaged ({what}); restore a backup with "
        f"`kg restore BACKUP --store {store_dir} --force`, or move the folder away to start "
        "an empty store"
    )


def check_files(store_dir: Path) -> None:
    """Refuse a folder that holds files but not a store's ``CURRENT`` (a damaged store: opening
    it would give an empty store in its place). A missing or empty folder is a new store."""
    if not store_dir.exists():
        return
    if not store_dir.is_dir():
        raise StoreError(f"{store_dir}: not a folder; a store is a folder")
    names = {p.name for p in store_dir.iterdir()}
    if names and "CURRENT" not in names:
        raise damaged(store_dir, "its CURRENT file is missing")


class StoreLock:
    """The write lock of the store in ``store_dir`` (``<store>.lock``, ``flock``).

    ``wait``: seconds to wait for another holder before giving up (0: refuse at once).
    """

    def __init__(self, store_dir: Path, wait: float = 0.0) -> None:
        self.path = sibling(store_dir, ".lock")
        self.store_dir = store_dir
        self.wait = wait
        self._fd: int | None = None

    def acquire(self) -> StoreLock:
        """Take the lock, or raise StoreBusyError."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot take the store's lock: {exc}") from None
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreBusyError(
                        f"{self.store_dir}: another process is using the store"
                    ) from None
                time.sleep(0.05)
                continue
            self._fd = fd
            _say_who(fd)
            return self

    def release(self) -> None:
        """Let the lock go (closing the file releases it)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> StoreLock:
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def process_name() -> str:
    """What this process is, as a message names it: ``kg ingest``, ``kg serve``, ``pytest``."""
    first = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path("python")
    name = first.parent.name if first.name == "__main__.py" else first.name
    if name == "kg" and len(sys.argv) > 1:
        return f"kg {sys.argv[1]}"
    return name or "python"


def _say_who(fd: int) -> None:
    """Write who holds the lock into the lock file (read by :func:`holder`); the lock is the
    ``flock``, never the file's content, so a failure here changes nothing."""
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "what": process_name()}).encode(), 0)
    except OSError:
        pass


def holder(store_dir: Path) -> str:
    """Who holds (or last held) the store's write lock, for messages: ``kg ingest (pid 12)``."""
    try:
        data = json.loads(sibling(store_dir, ".lock").read_text(encoding="utf-8"))
        return f"{data['what']} (pid {int(data['pid'])})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another process"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _journal(store_dir: Path) -> Path:
    return sibling(store_dir, ".restore.json")


def swap_in(store_dir: Path, staged: Path) -> None:
    """Make the complete, checked copy ``staged`` the store in ``store_dir`` (the caller holds
    the lock). Writing the journal is the commit point; then :func:`recover` finishes."""
    journal = _journal(store_dir)
    tmp = sibling(store_dir, ".restore.json.tmp")
    tmp.write_text(json.dumps({"staged": staged.name}), encoding="utf-8")
    with tmp.open("rb") as f:
        os.fsync(f.fileno())
    tmp.replace(journal)
    _fsync_dir(store_dir.parent)
    recover(store_dir)


def recover(store_dir: Path) -> None:
    """Finish or undo a restore that was killed (the caller holds the lock); tidy leftovers."""
    journal = _journal(store_dir)
    staged = sibling(store_dir, ".restoring")
    old = sibling(store_dir, ".replaced")
    search = sibling(store_dir, ".search")
    old_search = sibling(store_dir, ".search.replaced")
    if journal.exists():
        if staged.exists():  # not yet renamed in: move the old store and its index aside
            if search.exists():
                shutil.rmtree(old_search, ignore_errors=True)
                search.rename(old_search)
            if store_dir.exists():
                shutil.rmtree(old, ignore_errors=True)
                store_dir.rename(old)
            staged.rename(store_dir)
            _fsync_dir(store_dir.parent)
        journal.unlink()
        _fsync_dir(store_dir.parent)
    else:  # a copy never committed: the store is the old one
        shutil.rmtree(staged, ignore_errors=True)
    sibling(store_dir, ".restore.json.tmp").unlink(missing_ok=True)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(old_search, ignore_errors=True)
