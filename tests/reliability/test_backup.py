"""`kg backup` / `kg restore`: a consistent copy that comes back exactly, and refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.curation.seeds import Corpus
from kg.store import EmbeddedStore

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def quads(store_dir: Path) -> list[str]:
    store = EmbeddedStore(store_dir)
    try:
        return sorted(map(str, store._store))  # every quad, summaries included
    finally:
        store.close()


@pytest.fixture
def built(tmp_path: Path, corpus: Corpus) -> Path:
    store_dir = tmp_path / "store"
    store = EmbeddedStore(store_dir)
    store.replace_graphs(corpus.dataset())
    store.close()
    return store_dir


def test_backup_then_restore_gives_back_the_same_store(built: Path, tmp_path: Path) -> None:
    before = quads(built)
    result = run("backup", str(tmp_path / "bk"), "--store", str(built))
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text())
    assert manifest["quads"] == len(before)
    # the store changes after the backup...
    store = EmbeddedStore(built)
    store.drop_graph(store.graphs()[-1])
    store.close()
    assert quads(built) != before
    # ...and comes back exactly, search index included
    refused = run("restore", str(tmp_path / "bk"), "--store", str(built))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    result = run("restore", str(tmp_path / "bk"), "--store", str(built), "--force")
    assert result.exit_code == 0, result.stderr
    assert quads(built) == before
    store = EmbeddedStore(built)
    try:
        assert store.search("Burmistrov")
    finally:
        store.close()


def test_restore_into_a_new_folder(built: Path, tmp_path: Path) -> None:
    assert run("backup", str(tmp_path / "bk"), "--store", str(built)).exit_code == 0
    target = tmp_path / "elsewhere" / "store"
    result = run("restore", str(tmp_path / "bk"), "--store", str(target))
    assert result.exit_code == 0, result.stderr
    assert quads(target) == quads(built)


def test_backup_refuses_an_existing_destination(built: Path, tmp_path: Path) -> None:
    (tmp_path / "bk").mkdir()
    result = run("backup", str(tmp_path / "bk"), "--store", str(built))
    assert result.exit_code == 2 and "already exists" in result.stderr


def test_corrupt_backup_is_refused_and_the_store_kept(built: Path, tmp_path: Path) -> None:
    before = quads(built)
    assert run("backup", str(tmp_path / "bk"), "--store", str(built)).exit_code == 0
    manifest_path = tmp_path / "bk" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["quads"] += 1
    manifest_path.write_text(json.dumps(manifest))
    result = run("restore", str(tmp_path / "bk"), "--store", str(built), "--force")
    assert result.exit_code == 2 and "manifest says" in result.stderr
    assert quads(built) == before
    (tmp_path / "junk").mkdir()
    result = run("restore", str(tmp_path / "junk"), "--store", str(built), "--force")
    assert result.exit_code == 2 and "not a claimgraph backup" in result.stderr
    assert quads(built) == before


def test_store_held_by_an_owner_is_backed_up_by_it(built: Path, tmp_path: Path) -> None:
    holder = EmbeddedStore(built)  # this process owns the store, as a running kg serve would
    try:
        result = run("backup", str(tmp_path / "bk"), "--store", str(built))
        assert result.exit_code == 0, result.stderr
        manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text())
        assert manifest["quads"] == len(holder._store)  # every quad, summaries included
        assert sorted(manifest["graphs"]) == sorted(str(g) for g in holder.graphs())
        # a build is not refused either: it writes through the process holding the store
        # (kg.store.owner; tests/reliability/test_concurrency.py)
        graphs = len(holder.graphs())
        holder.drop_graph(holder.graphs()[-1])
        args = ["build", "--seeds", str(SEEDS), "--exports", str(tmp_path / "ex")]
        result = run(*args, "--store", str(built))
        assert result.exit_code == 0, result.stderr
        assert len(holder.graphs()) == graphs
    finally:
        holder.close()


def test_store_held_by_a_process_that_does_not_share_is_busy(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_STORE_WAIT", "0.5")
    holder = EmbeddedStore(built, publish=False)  # holds the lock, answers nobody (kg restore)
    try:
        result = run("backup", str(tmp_path / "bk"), "--store", str(built))
        assert result.exit_code == 5, result.stderr
        assert "does not share it" in result.stderr
        assert not (tmp_path / "bk").exists()
    finally:
        holder.close()
