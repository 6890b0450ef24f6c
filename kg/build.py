"""``kg build`` and ``kg validate``: seeds in, validated graph out (store + TriG + JSON-LD).

Nothing is written until everything has been read and validated; exports are written to a
temporary file and renamed, so a bad seed leaves the store and ``exports/`` as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Literal
from rdflib.compare import to_isomorphic

from kg.curation.seeds import Corpus, load_corpus
from kg.errors import InputError, ValidationError
from kg.export.rdf_files import serialize_jsonld, serialize_trig
from kg.fsutil import atomic_write
from kg.ids import graph_iri, slug_of
from kg.imports.replace import replace_graphs, retract_graph
from kg.queries import load_query
from kg.store import Store
from kg.validate import check_conforms, union_graph
from kg.values import is_true

__all__ = ["JSONLD_NAME", "TRIG_NAME", "BuildReport", "build", "prepare", "validate"]

TRIG_NAME = "claims.trig"
JSONLD_NAME = "claims.jsonld"


@dataclass
class BuildReport:
    """What a build or validation did."""

    counts: dict[str, int]
    written: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = ", ".join(f"{n} {k}" for k, n in self.counts.items())
        return parts


def prepare(seeds: Path, agents: Path | None = None) -> tuple[Corpus, Dataset]:
    """Load the seeds and build the dataset, validated against the SHACL shapes."""
    corpus = load_corpus(seeds, agents)
    dataset = corpus.dataset()
    check_conforms(dataset, label=str(seeds))
    return corpus, dataset


def drop_superseded(corpus: Corpus, store: Store) -> list[str]:
    """Drop machine-extracted graphs of articles that a curated claim file now covers."""
    query = load_query("sources-with-hash")
    dropped = []
    for bundle in corpus.bundles:
        rows = store.select(query.text, {"hash": Literal(bundle.source.content_hash)})
        for source, machine in rows:
            if is_true(machine) and source is not None:
                if retract_graph(store, graph_iri(slug_of(str(source)))):
                    dropped.append(str(source))
    return dropped


def build(seeds: Path, exports: Path, store: Store, agents: Path | None = None) -> BuildReport:
    """Build the graph from ``seeds`` into ``store`` and ``exports``."""
    corpus, dataset = prepare(seeds, agents)
    trig = serialize_trig(dataset)
    jsonld = serialize_jsonld(dataset)
    report = BuildReport(counts=corpus.summary())
    replace_graphs(store, dataset)
    report.written.append("store")
    report.superseded = drop_superseded(corpus, store)
    for name, data in ((TRIG_NAME, trig), (JSONLD_NAME, jsonld)):
        atomic_write(exports / name, data)
        report.written.append(str(exports / name))
    return report


def validate(seeds: Path, exports: Path, agents: Path | None = None) -> BuildReport:
    """Check seeds, and the exports if present: they must conform and match the seeds."""
    corpus, dataset = prepare(seeds, agents)
    report = BuildReport(counts=corpus.summary(), checked=[str(seeds)])
    expected = to_isomorphic(union_graph(dataset))
    for name, fmt in ((TRIG_NAME, "trig"), (JSONLD_NAME, "json-ld")):
        path = exports / name
        if not path.exists():
            continue
        exported = Dataset()
        try:
            exported.parse(path, format=fmt)
        except Exception as exc:
            raise InputError(f"{path}: cannot be parsed as {fmt}: {exc}") from None
        check_conforms(exported, label=str(path))
        if to_isomorphic(union_graph(exported)) != expected:
            raise ValidationError(f"{path}: out of date with the seeds; run `kg build`")
        report.checked.append(str(path))
    return report
