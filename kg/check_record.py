"""What the last ``kg check`` found, kept beside the embedded store (``<store>.check.sqlite``).

For each named graph: the version (:meth:`kg.store.EmbeddedStore.graph_version`) it was checked
at, a digest of what it says about each node it describes (so that the next check knows which
nodes changed, not only which graphs) and of what it says about the node with the predicates
the checks read on the nodes a node points to (:data:`NEAR`), the same digest over all graphs
for each node several graphs describe (an agent every article names: one article changed
leaves what the store says about it as it was), and the problems found on its nodes (SHACL
violations and the statement checks, keyed by their focus node). The rules the findings came
from (the shapes, the check queries, :data:`NEAR` and :data:`FORMAT`) are hashed: any change
of them makes the record worthless and the next check a full one.

The record is rewritten in one SQLite transaction after a check has finished: a check killed
half-way leaves the previous record, which still describes the graphs at the versions it
names.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.paths import ontology_text
from kg.queries import load_query
from kg.store.sidecar import open_sidecar

__all__ = ["FORMAT", "CheckRecord", "Finding", "record_path", "rules_digest"]

#: Raised when what a check records, or how it decides what to re-check, changes.
FORMAT = "3"

#: The predicates the checks read on a node one or two steps from the node they check (the
#: value's ``rdf:type`` of ``sh:class``; a span's source and its text, its selectors and their
#: offsets and text, in the shapes' SPARQL constraints and the statement checks; a source's
#: language). A node whose triples with these predicates are unchanged, in the store as a
#: whole, does not send the nodes pointing at it back through the checks (the match
#: candidates added about a claim every article cites do not). Keep it in step with
#: ``shapes.ttl`` and ``check-*.rq``.
NEAR = frozenset(
    f"<{iri}>"
    for iri in (
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "https://schema.org/text",
        "https://schema.org/inLanguage",
        "http://www.w3.org/ns/oa#hasSource",
        "http://www.w3.org/ns/oa#hasSelector",
        "http://www.w3.org/ns/oa#exact",
        "http://www.w3.org/ns/oa#start",
        "http://www.w3.org/ns/oa#end",
    )
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS graphs (graph TEXT PRIMARY KEY, version TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS nodes (graph TEXT NOT NULL, node TEXT NOT NULL,
    digest TEXT NOT NULL, near TEXT NOT NULL, PRIMARY KEY (graph, node)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS findings (graph TEXT NOT NULL, node TEXT NOT NULL,
    kind TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS findings_graph ON findings(graph);
CREATE INDEX IF NOT EXISTS findings_node ON findings(node);
CREATE INDEX IF NOT EXISTS nodes_node ON nodes(node);
CREATE TABLE IF NOT EXISTS shared (node TEXT PRIMARY KEY, digest TEXT NOT NULL) WITHOUT ROWID;
"""

#: The queries whose answers are recorded (a change to one changes what a check finds).
_QUERIES = (
    "check-statements",
    "check-statement-claims",
    "check-statement-claimants",
    "check-statement-sources",
    "check-spans",
    "check-claim-fit",
    "check-shacl-nodes",
    "check-shacl-data",
    "check-shacl-blank",
    "check-dirty-described",
    "check-dirty-pointing",
    "check-graph-triples",
    "check-node-triples",
)


def rules_digest(shacl: bool) -> str:
    """A digest of what decides a check's findings: the shapes (when ``shacl``), the check
    queries and :data:`FORMAT`."""
    h = hashlib.sha256(f"{FORMAT}\n{shacl}\n{sorted(NEAR)}\n".encode())
    if shacl:
        h.update(ontology_text("shapes.ttl").encode("utf-8"))
    for name in _QUERIES:
        h.update(load_query(name).text.encode("utf-8"))
    return h.hexdigest()


def record_path(store_path: Path) -> Path:
    """Where the check record of the store in ``store_path`` lives: beside it."""
    return store_path.with_name(store_path.name + ".check.sqlite")


@dataclass(frozen=True)
class Finding:
    """One recorded problem: the graph it is reported against, its focus node, its kind
    (``shacl``: a violation as JSON [focus, blank, path, message]; ``check``: a problem text)."""

    graph: str
    node: str
    kind: str
    text: str


class CheckRecord:
    """The check record in ``path`` (SQLite; in memory when ``path`` is None)."""

    def __init__(self, path: Path | None) -> None:
        self._db = open_sidecar(path, _SCHEMA, "check record")

    def rules(self) -> str | None:
        """The rules digest the record was made under (None: no check recorded)."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'rules'").fetchone()
        return None if row is None else str(row[0])

    def versions(self) -> dict[str, str]:
        """Each recorded graph's version."""
        return dict(self._db.execute("SELECT graph, version FROM graphs"))

    def digests(self, graph: str) -> dict[str, tuple[str, str]]:
        """What ``graph`` said about each of its nodes when it was last checked: digests of
        all its triples about the node and of those with a :data:`NEAR` predicate."""
        rows = self._db.execute("SELECT node, digest, near FROM nodes WHERE graph = ?", (graph,))
        return {node: (digest, near) for node, digest, near in rows}

    def near_digest(self, node: str) -> str | None:
        """What every graph said about ``node`` with a :data:`NEAR` predicate at the last
        check, digested (None: no graph described it)."""
        row = self._db.execute("SELECT digest FROM shared WHERE node = ?", (node,)).fetchone()
        if row is not None:
            return str(row[0])
        rows = self._db.execute("SELECT near FROM nodes WHERE node = ? LIMIT 2", (node,))
        found = [str(r[0]) for r in rows]
        return found[0] if len(found) == 1 else None

    def findings(self) -> list[Finding]:
        """Every recorded problem."""
        rows = self._db.execute("SELECT graph, node, kind, text FROM findings")
        return [Finding(*row) for row in rows]

    def save(
        self,
        rules: str,
        *,
        full: bool,
        versions: Mapping[str, str],
        digests: Mapping[str, Mapping[str, tuple[str, str]]],
        dropped: Iterable[str],
        rechecked: Iterable[tuple[str, str]],
        whole: Iterable[str],
        found: Iterable[Finding],
        shared: Mapping[str, str | None],
    ) -> None:
        """Record a finished check, in one transaction.

        ``full``: the record is replaced. Else ``versions`` and ``digests`` replace those of
        the graphs they name, ``dropped`` graphs are forgotten, and the findings of the
        re-checked ``(kind, node)`` pairs and of the ``whole`` graphs re-checked entirely are
        replaced by ``found``. ``shared``: the digest of what every graph says with a
        :data:`NEAR` predicate about each node more than one graph describes (None: no longer
        such a node)."""
        db = self._db
        with db:
            if full:
                for table in ("meta", "graphs", "nodes", "findings", "shared"):
                    db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            for graph in dropped:
                for table in ("graphs", "nodes", "findings"):
                    db.execute(f"DELETE FROM {table} WHERE graph = ?", (graph,))  # noqa: S608
            db.executemany("DELETE FROM findings WHERE kind = ? AND node = ?", rechecked)
            db.executemany(
                "DELETE FROM findings WHERE graph = ? AND kind = 'shacl'", ((g,) for g in whole)
            )
            db.executemany("INSERT OR REPLACE INTO graphs VALUES (?, ?)", versions.items())
            for graph, nodes in digests.items():
                db.execute("DELETE FROM nodes WHERE graph = ?", (graph,))
                db.executemany(
                    "INSERT INTO nodes VALUES (?, ?, ?, ?)",
                    ((graph, n, d, near) for n, (d, near) in nodes.items()),
                )
            db.executemany(
                "INSERT INTO findings VALUES (?, ?, ?, ?)",
                ((f.graph, f.node, f.kind, f.text) for f in found),
            )
            db.executemany(
                "DELETE FROM shared WHERE node = ?", ((n,) for n, d in shared.items() if d is None)
            )
            db.executemany(
                "INSERT OR REPLACE INTO shared VALUES (?, ?)",
                ((n, d) for n, d in shared.items() if d is not None),
            )
            db.execute("INSERT OR REPLACE INTO meta VALUES ('rules', ?)", (rules,))

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def violation_text(focus: str, blank: bool, path: str | None, message: str) -> str:
    """A SHACL violation as recorded (JSON)."""
    return json.dumps([focus, blank, path, message], ensure_ascii=False)
