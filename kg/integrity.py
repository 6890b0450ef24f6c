"""``kg check``: verify the store's integrity.

Every statement must have its claim, claimant, source and a span whose exact text is found at
its offsets in the source text (SPARQL checks in ``kg/queries/check-*.rq``, which run on any
store); every text of the claim a machine-extracted assertion points at must fit the
assertion's span (:func:`fit_problems`: scored as claims are matched at ingest, a text that is
not even related is a claim IRI that came to mean something else); and every named graph must
conform to the SHACL shapes (:mod:`kg.shacl_store`, a batch of graphs at a time; optional). On
the embedded store opened for writing, the text index must hold exactly the documents the
graphs call for (``search-docs.rq``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kg.queries import load_query
from kg.shacl_store import shacl_problems
from kg.store import EmbeddedStore, SharedStore, Store
from kg.store.search import documents
from kg.store.sparql import template
from kg.track.features import Signature, signature
from kg.track.match import Kind, classify
from kg.track.score import score

__all__ = [
    "Problem",
    "check_store",
    "expected_documents",
    "fit_problems",
    "index_problems",
]

CHECKS = ("check-statements", "check-spans", "check-unfinished")


@dataclass(frozen=True)
class Problem:
    """One integrity problem: what it is about, and what is wrong."""

    focus: str
    problem: str

    def __str__(self) -> str:
        return f"{self.focus}: {self.problem}"


def check_store(store: Store, shacl: bool = True) -> list[Problem]:
    """All integrity problems of ``store`` (an empty list when it is sound)."""
    problems = []
    for name in CHECKS:
        for focus, problem in store.select(load_query(name).text):
            problems.append(Problem(str(focus), str(problem)))
    problems.extend(fit_problems(store))
    if isinstance(store, (EmbeddedStore, SharedStore)) and not store.read_only:
        # (a read-only handle may see the index a commit behind its writer: by design; the
        # owner of a shared store reads the index and the graphs at one write boundary)
        problems.extend(index_problems(store))
    if shacl:
        problems.extend(Problem(str(g.graph), g.message()) for g in shacl_problems(store))
    return problems


def fit_problems(store: Store) -> list[Problem]:
    """One problem per claim text that does not fit the span of a machine-extracted assertion
    pointing at the claim (scored against the span as :mod:`kg.track.link` scores claims; below
    ``related`` does not fit)."""
    sigs: dict[tuple[str, str], Signature] = {}

    def sig(text: str, lang: str) -> Signature:
        if (text, lang) not in sigs:
            sigs[(text, lang)] = signature(text, lang)
        return sigs[(text, lang)]

    problems = []
    for statement, exact, lang, claim, text in store.select(load_query("check-claim-fit").text):
        if str(text) in str(exact):  # the claim's words as the span has them: it fits
            continue
        text_lang = getattr(text, "language", None) or str(lang)
        if classify(score(sig(str(exact), str(lang)), sig(str(text), text_lang))) is Kind.none:
            problems.append(
                Problem(
                    str(statement),
                    f"its claim {claim} has a text that does not fit its span "
                    f"({text_lang}: {str(text)[:60]!r})",
                )
            )
    return problems


def expected_documents(store: Store) -> Counter[tuple[str, ...]]:
    """The text index's documents that the graphs call for (``search-docs.rq``): (graph,
    kind, iri, about, text, language)."""
    return Counter(documents(store.select(template("search-docs.rq"))))


def index_problems(store: EmbeddedStore | SharedStore) -> list[Problem]:
    """One problem per named graph whose documents in the text index differ from what its
    triples call for (both read at one write boundary, here or by the store's owner)."""
    wanted, held = store.index_documents()
    expected: Counter[tuple[str, ...]] = Counter(wanted)
    indexed: Counter[tuple[str, ...]] = Counter(held)
    drift = Counter(row[0] for row in (expected - indexed) + (indexed - expected))
    message = "the text index differs from the graph in {} document(s); run kg reindex"
    return [Problem(graph, message.format(n)) for graph, n in sorted(drift.items())]
