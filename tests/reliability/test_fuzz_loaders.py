"""Fuzz the curated-file loaders: any input gives a Bundle or a one-line CurationError."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.curation.agents import AgentIndex, load_agents
from kg.curation.claimfile import load_claim_file
from kg.curation.yamlfile import load_yaml
from kg.errors import CurationError
from kg.model import Bundle

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "seeds" / "000_eae76bf788f95f59.txt"
CLAIMS = (ROOT / "seeds" / "000_eae76bf788f95f59.claims.yaml").read_text(encoding="utf-8")
INDEX = AgentIndex(load_agents())

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
KEYS = [
    "source",
    "agents",
    "claims",
    "statements",
    "id",
    "claim",
    "claimant",
    "stance",
    "span",
    "text",
]


def load(text: str) -> Bundle | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.claims.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            return load_claim_file(path, ARTICLE, INDEX)
        except CurationError as exc:
            message = str(exc)
            assert "\n" not in message and str(path) in message
            return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yaml"
        path.write_bytes(data)
        try:
            load_yaml(path)
        except CurationError as exc:
            assert "\n" not in str(exc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), values, max_size=5))
def test_random_structures(doc: dict[str, object]) -> None:
    load(yaml.safe_dump(doc, allow_unicode=True))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_seed_claim_file(data: st.DataObject) -> None:
    lines = CLAIMS.split("\n")
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "edit", "indent"]))
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = " " + lines[i]
        else:
            line = lines[i]
            j = data.draw(st.integers(0, max(0, len(line))))
            lines[i] = line[:j] + data.draw(st.text(max_size=3)) + line[j + 1 :]
    load("\n".join(lines))
