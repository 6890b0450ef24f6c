"""bench/agreement.py: two annotators' gold files scored against each other with the
extractor's scorer (the ceiling the extraction targets sit against), and Cohen's kappa."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def agreement():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location("agreement", ROOT / "bench" / "agreement.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(ROOT / "bench"))


ARTICLE = (
    "Harga beras naik\n"
    "Menteri Rina Hartono mengatakan harga beras naik 10 persen. "
    "Kepala Bulog Budi Santoso membantah klaim itu. "
    '"Stok kami cukup sampai Juni," kata Budi.\n'
)

GOLD_A = """\
source: {url: "https://example.org/a", outlet: Example, language: id, set: t}
agents:
  - {id: rina-hartono, kind: person, labels: {und: Rina Hartono}}
  - {id: budi-santoso, kind: person, labels: {und: Budi Santoso}, aliases: {und: [Budi]}}
statements:
  - {id: s1, claimant: rina-hartono, stance: asserts,
     span: "Menteri Rina Hartono mengatakan harga beras naik 10 persen"}
  - {id: s2, claimant: budi-santoso, stance: denies,
     span: "Kepala Bulog Budi Santoso membantah klaim itu", responds_to: [s1]}
  - {id: s3, claimant: budi-santoso, stance: asserts, span: "Stok kami cukup sampai Juni,"}
"""

# B: the same first two, the quote read as a denial, the link kept; claimant under the short name
GOLD_B = """\
source: {url: "unknown", outlet: Example, language: id, set: t}
agents:
  - {id: rina, kind: person, labels: {und: Rina Hartono}}
  - {id: budi, kind: person, labels: {und: Budi Santoso}}
statements:
  - {id: b1, claimant: rina, stance: asserts,
     span: "Rina Hartono mengatakan harga beras naik 10 persen"}
  - {id: b2, claimant: budi, stance: denies,
     span: "Kepala Bulog Budi Santoso membantah klaim itu", responds_to: [b1]}
  - {id: b3, claimant: budi, stance: denies, span: "Stok kami cukup sampai Juni"}
"""


def folders(tmp_path: Path, b: str) -> tuple[Path, Path]:
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a_dir.mkdir()
    b_dir.mkdir()
    (a_dir / "id_01_x.txt").write_text(ARTICLE, encoding="utf-8")
    (a_dir / "id_01_x.gold.yaml").write_text(GOLD_A, encoding="utf-8")
    (b_dir / "id_01_x.gold.yaml").write_text(b, encoding="utf-8")
    return a_dir, b_dir


def test_an_annotator_agrees_with_itself(agreement, tmp_path, capsys) -> None:
    a_dir, _ = folders(tmp_path, GOLD_A)
    sys.argv = ["agreement.py", str(a_dir), str(a_dir)]
    agreement.main()
    out = capsys.readouterr().out
    assert "1.00  1.00  1.00" in out
    assert "stance kappa all: 1.00 on 3 statements" in out


def test_two_annotators_scored_as_the_extractor_is(agreement, tmp_path, capsys) -> None:
    a_dir, b_dir = folders(tmp_path, GOLD_B)
    sys.argv = ["agreement.py", str(a_dir), str(b_dir)]
    agreement.main()
    lines = capsys.readouterr().out.splitlines()
    row = next(line.split() for line in lines if line.startswith("all"))
    # arts gold found match: two of three agree in span, claimant and stance
    assert row[1:5] == ["1", "3", "3", "2"]
    assert row[10] == "1/1"  # the denial's link to the claim
    assert row[15] == "1"  # one stance differs
    # stance on 3 paired statements: A (asserts, denies, asserts), B (asserts, denies, denies):
    # observed 2/3, expected (2*1 + 1*2)/9 = 4/9, kappa = (2/3 - 4/9) / (5/9) = 0.40
    assert "stance kappa all: 0.40 on 3 statements" in lines[-1]


def test_kappa_of_chance_agreement_is_zero(agreement) -> None:
    assert agreement.kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == pytest.approx(0)


@pytest.mark.parametrize(
    ("ext_label", "gold_label", "same"),
    [
        ("kabar yang beredar", "Sebelumnya dikabarkan", True),  # one rumour, two phrases
        ("the reports", "media reports linking him to the club", True),
        ("video yang beredar", "kabar yang beredar", True),  # both "circulating"
        ("a senior official", "media reports", False),
    ],
)
def test_unnamed_sources_named_by_their_own_phrases(ext_label, gold_label, same) -> None:
    from kg.extract.agents import AgentRegistry
    from kg.extract.result import Claimant
    from kg.extract.score import Gold, claimant_matches

    gold = Gold([], {"g": {"id": "g", "kind": "unnamed", "labels": {"und": gold_label}}})
    ext = Claimant(id="x", label=ext_label, kind="unnamed")
    assert claimant_matches(ext, "g", gold, AgentRegistry.shared()) is same
    named = Claimant(id="x", label=ext_label, kind="person")
    assert claimant_matches(named, "g", gold, AgentRegistry.shared()) is (ext_label == gold_label)
