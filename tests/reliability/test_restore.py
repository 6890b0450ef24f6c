"""Backups that damage to the store cannot reach, a damaged store that says so, and a restore
that is atomic, locked, and never opens the store it replaces."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.curation.seeds import Corpus
from kg.integrity import index_problems
from kg.store import EmbeddedStore
from kg.store.backup import verify_backup
from kg.store.folder import StoreLock, recover, sibling, swap_in

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "data" / "extract"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def kg(*args: str, **kw) -> subprocess.Popen:  # type: ignore[no-untyped-def, type-arg]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "kg", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def quads(store_dir: Path) -> list[str]:
    store = EmbeddedStore(store_dir)
    try:
        return sorted(map(str, store._store))
    finally:
        store.close()


@pytest.fixture
def built(tmp_path: Path, corpus: Corpus) -> Path:
    store_dir = tmp_path / "store"
    store = EmbeddedStore(store_dir)
    store.replace_graphs(corpus.dataset())
    store.close()
    return store_dir


@pytest.fixture
def backed_up(built: Path, tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """The store, its backup, and the quads the backup holds; then the store changes."""
    before = quads(built)
    assert run("backup", str(tmp_path / "bk"), "--store", str(built)).exit_code == 0
    store = EmbeddedStore(built)
    store.drop_graph(store.graphs()[-1])
    store.close()
    return built, tmp_path / "bk", before


def _flip_bytes(path: Path) -> None:
    """Damage a file in place (same inode), as a failing disk or a stray write would."""
    with path.open("r+b") as f:
        size = path.stat().st_size
        for offset in range(0, size, max(1, size // 8)):
            f.seek(offset)
            byte = f.read(1)
            f.seek(offset)
            f.write(bytes([byte[0] ^ 0xFF]))


def test_a_backup_shares_no_file_with_the_store(backed_up) -> None:  # type: ignore[no-untyped-def]
    store_dir, bk, _ = backed_up
    inodes = {p.stat().st_ino for p in store_dir.iterdir()}
    files = sorted((bk / "oxigraph").iterdir())
    assert files and all(p.stat().st_nlink == 1 for p in files)
    assert not inodes & {p.stat().st_ino for p in files}
    listed = json.loads((bk / "manifest.json").read_text())["files"]
    assert set(listed) == {p.name for p in files}


def test_damage_to_the_store_after_a_backup_leaves_the_backup_good(backed_up) -> None:  # type: ignore[no-untyped-def]
    store_dir, bk, before = backed_up
    for sst in store_dir.glob("*.sst"):
        _flip_bytes(sst)
    (store_dir / "CURRENT").unlink()
    verify_backup(bk)
    # the damaged store says so, in one line naming the folder and the way out
    result = run("store-info", "--store", str(store_dir))
    assert result.exit_code == 4
    assert result.stderr.count("\n") == 1 and str(store_dir) in result.stderr
    assert "kg restore" in result.stderr
    # restore does not need to open it, and brings the backup back
    result = run("restore", str(bk), "--store", str(store_dir), "--force")
    assert result.exit_code == 0, result.stderr
    assert quads(store_dir) == before
    store = EmbeddedStore(store_dir)
    try:
        assert store.search("Burmistrov") and not index_problems(store)
    finally:
        store.close()


def test_a_damaged_backup_is_refused_and_the_store_kept(backed_up) -> None:  # type: ignore[no-untyped-def]
    store_dir, bk, _ = backed_up
    kept = quads(store_dir)
    _flip_bytes(max((bk / "oxigraph").glob("*.sst"), key=lambda p: p.stat().st_size))
    result = run("restore", str(bk), "--store", str(store_dir), "--force")
    assert result.exit_code == 2 and "checksum" in result.stderr
    assert quads(store_dir) == kept


def _files(folder: Path) -> list[str]:
    """The store's files (RocksDB's own LOG files aside: each open starts one)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("LOG"))


@pytest.mark.parametrize("damage", ["CURRENT", "MANIFEST", "sst"])
def test_opening_a_store_with_files_missing_fails_loudly(built: Path, damage: str) -> None:
    if damage == "CURRENT":
        (built / "CURRENT").unlink()
    elif damage == "MANIFEST":
        next(built.glob("MANIFEST-*")).write_bytes(b"")
    else:
        next(built.glob("*.sst")).unlink()
    listing = _files(built)
    for _ in range(2):  # the second command must not find an empty store made by the first
        result = run("store-info", "--store", str(built))
        assert result.exit_code == 4, result.output
        line = result.stderr.strip()
        assert "\n" not in line and str(built) in line and "kg restore" in line
    assert _files(built) == listing


def test_restore_refuses_while_another_process_holds_the_store(backed_up) -> None:  # type: ignore[no-untyped-def]
    store_dir, bk, before = backed_up
    kept = quads(store_dir)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from kg.store import EmbeddedStore; "
            "s = EmbeddedStore(Path(sys.argv[1])); print('open', flush=True); time.sleep(3); "
            "s.close()",
            str(store_dir),
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        result = run("restore", str(bk), "--store", str(store_dir), "--force")
        assert result.exit_code == 5 and "another process is using the store" in result.stderr
        assert not sibling(store_dir, ".restoring").exists()
        # with --wait, it waits for the holder to let go, then restores
        result = run("restore", str(bk), "--store", str(store_dir), "--force", "--wait", "30")
        assert result.exit_code == 0, result.stderr
    finally:
        holder.communicate(timeout=30)
    assert holder.returncode == 0
    assert quads(store_dir) == before != kept


def test_a_swap_cut_short_is_finished_and_a_copy_not_committed_is_dropped(backed_up) -> None:  # type: ignore[no-untyped-def]
    """The states a kill can leave, made by hand: each opens as the old or the new store."""
    store_dir, bk, new = backed_up
    old = quads(store_dir)
    staged = sibling(store_dir, ".restoring")
    # a copy without its journal (killed while copying): the old store stays
    shutil.copytree(bk / "oxigraph", staged)
    assert quads(store_dir) == old and not staged.exists()
    # the journal written, the old store moved aside, the copy not yet renamed in
    shutil.copytree(bk / "oxigraph", staged)
    sibling(store_dir, ".restore.json").write_text(json.dumps({"staged": staged.name}))
    store_dir.rename(sibling(store_dir, ".replaced"))
    assert quads(store_dir) == new
    assert not sibling(store_dir, ".replaced").exists()
    # a whole swap through the journal
    shutil.copytree(bk / "oxigraph", staged)
    with StoreLock(store_dir):
        swap_in(store_dir, staged)
        recover(store_dir)  # nothing left to do
    assert quads(store_dir) == new


def test_a_restore_killed_at_random_moments_leaves_the_old_store_or_the_new(backed_up) -> None:  # type: ignore[no-untyped-def]
    store_dir, bk, new = backed_up
    old = quads(store_dir)
    rng = random.Random(14)
    start = time.monotonic()
    proc = kg("restore", str(bk), "--store", str(store_dir), "--force")
    proc.communicate(timeout=120)
    took = time.monotonic() - start
    assert proc.returncode == 0
    # back to the old store, then kill restores over it
    outcomes = set()
    for _ in range(12):
        shutil.rmtree(store_dir)
        shutil.rmtree(sibling(store_dir, ".search"), ignore_errors=True)
        assert run("restore", str(bk), "--store", str(store_dir)).exit_code == 0
        store = EmbeddedStore(store_dir)
        store.drop_graph(store.graphs()[-1])
        store.close()
        proc = kg("restore", str(bk), "--store", str(store_dir), "--force")
        time.sleep(rng.uniform(0.2, took))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        after = quads(store_dir)
        assert after in (old, new)
        outcomes.add("new" if after == new else "old")
        store = EmbeddedStore(store_dir)
        try:
            assert not index_problems(store)
        finally:
            store.close()
    assert outcomes  # (which ones depends on the machine's speed)


def test_restore_racing_an_ingest_never_destroys_the_store(backed_up) -> None:  # type: ignore[no-untyped-def]
    store_dir, bk, _ = backed_up
    for _ in range(4):
        ingest = kg("ingest", str(ARTICLES), "--store", str(store_dir))
        restore = kg("restore", str(bk), "--store", str(store_dir), "--force", "--wait", "60")
        _, ingest_err = ingest.communicate(timeout=300)
        _, restore_err = restore.communicate(timeout=300)
        assert restore.returncode == 0, restore_err
        assert ingest.returncode in (0, 5), ingest_err
        store = EmbeddedStore(store_dir)
        try:
            graphs = {str(g) for g in store.graphs()}
            assert not index_problems(store)
        finally:
            store.close()
        backup_graphs = set(json.loads((bk / "manifest.json").read_text())["graphs"])
        assert backup_graphs <= graphs


def test_a_flipped_byte_in_the_store_is_one_line_not_a_traceback(built: Path) -> None:
    sst = max(built.glob("*.sst"), key=lambda p: p.stat().st_size)
    with sst.open("r+b") as f:
        f.seek(sst.stat().st_size // 3)
        byte = f.read(1)
        f.seek(sst.stat().st_size // 3)
        f.write(bytes([byte[0] ^ 0xFF]))
    for args in (["check", "--no-shacl"], ["query", "contested"], ["store-info"]):
        proc = kg(*args, "--store", str(built))
        _, err = proc.communicate(timeout=120)
        assert "Traceback" not in err, (args, err)
        assert proc.returncode in (0, 4), (args, err)
        if proc.returncode == 4:
            assert err.strip().count("\n") == 0 and "kg restore" in err
