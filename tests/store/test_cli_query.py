"""``kg query``, ``kg queries``, ``kg search``, ``kg retract``, ``kg store-info`` end to end on a
store built from the real seed."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("cli")
    code, _, err = run(
        "build", "--seeds", str(ROOT / "seeds"), "--exports", str(tmp / "exports"),
        "--store", str(tmp / "store"),
    )  # fmt: skip
    assert code == 0, err
    return str(tmp / "store")


def test_queries_lists_names_descriptions_and_params() -> None:
    code, out, _ = run("queries")
    assert code == 0
    assert "denials" in out and "--param agent=..." in out and "claims-by" in out


def test_query_formats(store: str) -> None:
    code, out, err = run("query", "denials", "--store", store, "--format", "csv")
    assert code == 0, err
    table = list(csv.DictReader(io.StringIO(out)))
    assert len(table) == 4 and table[0]["denierLabel"] == "Government of North Korea"
    code, out, _ = run("query", "denials", "--store", store, "--format", "json")
    assert len(json.loads(out)["results"]["bindings"]) == 4
    code, out, _ = run("query", "denials", "--store", store, "--format", "tsv")
    assert out.startswith("?claim\t") and len(out.splitlines()) == 5
    code, out, _ = run("query", "denials", "--store", store, "--limit", "1")
    assert "Government of North Korea" in out and "(1 row)" in out


def test_query_params_slug_and_label(store: str) -> None:
    code, out, err = run(
        "query", "sources-for", "--param", "claim=containers-shipped", "--store", store,
        "--format", "csv",
    )  # fmt: skip
    assert code == 0, err
    assert len(out.splitlines()) == 4
    code, out, _ = run("query", "claims-by", "--param", "agent=Amerika Serikat", "--store", store)
    assert "containers-shipped" in out and "(3 rows)" in out


@pytest.mark.parametrize("value", ['x" || true || "', '"} ; DROP ALL ; {'])
def test_injection_through_params_finds_nothing_and_changes_nothing(store: str, value: str) -> None:
    code, out, err = run("query", "claims-by", "--param", f"agent={value}", "--store", store)
    assert code == 0, err
    assert "(0 rows)" in out
    _, info, _ = run("store-info", "--store", store)
    assert "graphs: 2" in info


def test_user_query_from_file_and_stdin(store: str, tmp_path: Path) -> None:
    q = tmp_path / "q.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s cg:stance ?o }", encoding="utf-8")
    code, out, err = run("query", "--file", str(q), "--store", store, "--format", "csv")
    assert code == 0, err
    assert out.splitlines() == ["n", "16"]
    code, out, _ = run("query", "-", "--store", store, "--format", "csv",
                       stdin="SELECT ?s WHERE { ?s a cg:Claim }")  # fmt: skip
    assert len(out.splitlines()) == 15
    code, out, err = run(
        "query", "-", "--store", store, "--cap", "3", stdin="SELECT * { ?s ?p ?o }"
    )
    assert code == 0 and "(3 rows)" in out and "stopped at 3 rows" in err


@pytest.mark.parametrize(
    "text", ["DROP ALL", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
             "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "SELECT ( WHERE"],
)  # fmt: skip
def test_refused_user_queries_exit_6(store: str, text: str) -> None:
    code, _, err = run("query", "-", "--store", store, stdin=text)
    assert code == 6 and err.startswith("kg: error: ") and len(err.strip().splitlines()) == 1


def test_unknown_query_and_missing_param(store: str) -> None:
    assert run("query", "nope", "--store", store)[0] == 6
    code, _, err = run("query", "claims-by", "--store", store)
    assert code == 6 and "--param agent" in err


def test_search_both_languages(store: str) -> None:
    code, out, err = run("search", "containers", "--store", store, "--format", "csv")
    assert code == 0, err
    assert "claim/containers-shipped" in out
    code, out, _ = run("search", "kontainer", "--store", store, "--format", "csv")
    assert "claim/containers-shipped" in out
    code, out, _ = run("search", "kremlin", "--store", store, "--format", "csv", "--limit", "2")
    assert "agent/russia" in out and len(out.splitlines()) <= 3


def test_search_by_kind_and_language(store: str) -> None:
    def kinds(*args: str) -> list[str]:
        code, out, err = run("search", *args, "--store", store, "--format", "csv")
        assert code == 0, err
        return [row["kind"] for row in csv.DictReader(io.StringIO(out))]

    everything = kinds("kremlin")
    assert {"agent", "quote"} <= set(everything)
    assert set(kinds("kremlin", "--kind", "agent")) == {"agent"}
    assert set(kinds("kremlin", "--kind", "claim", "--kind", "quote")) == {"quote"}
    assert kinds("containers", "--lang", "EN") and not kinds("containers", "--lang", "id")
    assert kinds("kontainer", "--lang", "id") and not kinds("kontainer", "--lang", "en")
    code, _, err = run("search", "kremlin", "--kind", "people", "--store", store)
    assert code == 2 and "people" in err
    code, _, err = run("search", "kremlin", "--lang", "en us", "--store", store)
    assert code == 2 and "'en us' is not a language tag" in err


def built(tmp_path: Path) -> str:
    """A store of its own, built from the seed (for a test that changes it)."""
    store = str(tmp_path / "store")
    code, _, err = run(
        "build", "--seeds", str(ROOT / "seeds"), "--exports", str(tmp_path / "exports"),
        "--store", store,
    )  # fmt: skip
    assert code == 0, err
    return store


def test_retract(tmp_path: Path) -> None:
    store = built(tmp_path)
    code, out, _ = run("retract", "eae76bf788f95f59", "--store", store)
    assert code == 0 and "retracted" in out
    assert run("retract", "eae76bf788f95f59", "--store", store)[0] == 2
    _, out, _ = run("query", "denials", "--store", store)
    assert "(0 rows)" in out
    _, out, _ = run("search", "kontainer", "--store", store, "--format", "csv")
    assert out.splitlines() == ["kind,iri,about,text,score"]


def test_a_lost_text_index_comes_back_from_the_graphs(tmp_path: Path) -> None:
    store = built(tmp_path)
    _, before, _ = run("search", "kontainer", "--store", store, "--format", "csv")
    assert before.count("\n") > 1
    shutil.rmtree(store + ".search")  # as if lost
    assert run("search", "kontainer", "--store", store, "--format", "csv")[1] == before


def test_reindex_rebuilds_lost_counts(tmp_path: Path) -> None:
    """The summaries come back from the graphs alone."""
    store = built(tmp_path)
    _, before, _ = run("query", "contested", "--store", store, "--format", "csv")
    from kg.store import EmbeddedStore

    damaged = EmbeddedStore(Path(store))
    damaged._store.update(
        "DELETE WHERE { ?c <https://w3id.org/claimgraph/ns/stats#contestScore> ?n }"
    )
    damaged.close()
    assert run("query", "contested", "--store", store, "--format", "csv")[1] != before
    code, out, err = run("reindex", "--store", store)
    assert code == 0, err
    assert "reindexed" in out
    assert "kontainer" in run("search", "kontainer", "--store", store, "--format", "csv")[1].lower()
    assert run("query", "contested", "--store", store, "--format", "csv")[1] == before


def test_reindex_of_an_unreachable_remote_store_fails_in_one_line() -> None:
    """kg reindex recomputes a SPARQL server's summaries (tests/store/test_remote_reindex.py);
    a server that does not answer is named in one line, exit 4."""
    code, _, err = run("reindex", "--store", "http://127.0.0.1:9/sparql")
    assert code == 4
    assert err.count("\n") == 1 and "http://127.0.0.1:9/sparql" in err


def test_kg_queries_lists_the_public_queries_and_all_with_a_flag() -> None:
    from click.testing import CliRunner

    from kg.cli import main

    public = CliRunner().invoke(main, ["queries"])
    every = CliRunner().invoke(main, ["queries", "--all"])
    assert public.exit_code == 0 and every.exit_code == 0
    names = {line.split()[0] for line in public.output.splitlines() if line and line[0] != " "}
    all_names = {line.split()[0] for line in every.output.splitlines() if line and line[0] != " "}
    assert "denials" in names and "agents" in names
    assert not any(n.startswith(("fmt-", "view-", "check-", "track-", "keep-")) for n in names)
    assert "fmt-claims" in all_names and names < all_names


def test_a_claim_parameter_takes_an_iri_a_slug_or_a_text(store: str) -> None:
    by_slug = run("query", "sources-for", "--param", "claim=containers-shipped", "--store", store)
    by_text = run("query", "sources-for", "--param", "claim=1.000 kontainer", "--store", store)
    assert by_slug[0] == 0 and by_text[0] == 0
    assert by_slug[1] == by_text[1] and "kremlin-denial" in by_text[1]
    code, _, err = run("query", "sources-for", "--param", "claim=Korea", "--store", store)
    assert code == 2 and "matches" in err and "containers-shipped" in err
