"""SQLite files kept beside the embedded store (the claim index of linking)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kg.errors import StoreError

__all__ = ["open_sidecar"]


def open_sidecar(path: Path | None, schema: str, what: str) -> sqlite3.Connection:
    """Open (creating ``schema``) the SQLite file ``path``, or an in-memory database.

    On disk it runs in WAL mode without a sync per commit: a killed process loses nothing
    committed, and the claim index re-reads from the store any graph whose version it lacks.
    """
    try:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(":memory:" if path is None else str(path), check_same_thread=False)
        if path is not None:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(schema)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the {what}: {exc}") from None
    return db
