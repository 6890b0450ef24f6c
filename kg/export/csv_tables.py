"""``kg export csv``: claims and statements as two spreadsheet-safe CSV tables.

``claims.csv`` has one row per claim (IRI, slug, one ``text_<lang>`` column per language,
quantities, time, and the number of statements, of each stance and of reviews).
``statements.csv`` has one row per statement *and claim it is about* (a statement about two
claims gives two rows): statement, claim, claim text, claimant, its label, stance, the exact
quoted span, whether it is a direct quote, hedged, source, source title, source URL and date.

Files are UTF-8 with a byte-order mark (Excel then opens them as UTF-8; every CSV reader
accepts it with ``encoding="utf-8-sig"``) and CRLF line ends. A cell beginning with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'`` so that no spreadsheet
runs it as a formula (OWASP "CSV injection"). CSV is lossy for the graph: it is a view.

>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-1"), neutralise("ok")
('\\'=HYPERLINK("http://x")', "'-1", 'ok')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from rdflib import Literal
from rdflib.term import Identifier, Node

from kg.fsutil import atomic_write, safe_child
from kg.ids import slug_of
from kg.queries import load_query
from kg.stance import VERBS
from kg.store import Store

__all__ = [
    "CLAIMS_CSV",
    "STATEMENTS_CSV",
    "STATEMENT_COLUMNS",
    "claim_rows",
    "neutralise",
    "statement_rows",
    "write_csv_tables",
]

CLAIMS_CSV = "claims.csv"
STATEMENTS_CSV = "statements.csv"
STATEMENT_COLUMNS = (
    "statement",
    "claim",
    "claim_text",
    "claimant",
    "claimant_label",
    "stance",
    "quote",
    "direct_quote",
    "hedged",
    "source",
    "source_title",
    "source_url",
    "date",
)
_COUNTS = ("statements", *VERBS, "reviews")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_SEP = "\u001f"


def neutralise(cell: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with a single quote."""
    return "'" + cell if cell.startswith(_DANGEROUS) else cell


def _rows(
    store: Store, name: str, bindings: Mapping[str, Node] | None = None
) -> Iterator[dict[str, Identifier | None]]:
    """Rows of a query as dicts, streamed when the store can stream."""
    text = load_query(name).text
    execute = getattr(store, "execute", None)
    answer = execute(text, bindings) if execute is not None else None
    if answer is not None and hasattr(answer, "variables") and hasattr(answer, "rows"):
        variables = tuple(answer.variables)
        for row in answer.rows:
            yield dict(zip(variables, row, strict=True))
        return
    yield from store.select(text, bindings).dicts()


def _s(term: Identifier | None) -> str:
    return "" if term is None else str(term)


def _labels(store: Store) -> dict[str, dict[str, str]]:
    """Labels of agents, claims and sources by IRI and language (one small map, not rows)."""
    out: dict[str, dict[str, str]] = {}
    for row in _rows(store, "fmt-labels"):
        label = row["label"]
        if isinstance(label, Literal):
            out.setdefault(str(row["iri"]), {})[label.language or "und"] = str(label)
    return out


def _pick(labels: dict[str, str] | None, lang: str) -> str:
    if not labels:
        return ""
    return labels.get(lang) or labels.get("en") or labels.get("und") or sorted(labels.items())[0][1]


def claim_rows(store: Store, lang: str = "en") -> Iterator[list[str]]:
    """The claims table, header first."""
    languages = [_s(r["lang"]) for r in _rows(store, "fmt-csv-languages")]
    yield ["claim", "slug", *(f"text_{lg}" for lg in languages), "quantities", "time", *_COUNTS]
    for row in _rows(store, "fmt-csv-claims"):
        texts = dict(t.split("|", 1) for t in _s(row["texts"]).split(_SEP) if "|" in t)
        quantities = "; ".join(sorted(q for q in _s(row["quantities"]).split(_SEP) if q))
        yield [
            _s(row["claim"]),
            slug_of(_s(row["claim"])),
            *(texts.get(lg, "") for lg in languages),
            quantities,
            _s(row["timeText"]),
            *(_s(row[c]) or "0" for c in _COUNTS),
        ]


def statement_rows(store: Store, lang: str = "en") -> Iterator[list[str]]:
    """The statements table, header first."""
    labels = _labels(store)
    yield list(STATEMENT_COLUMNS)
    for row in _rows(store, "fmt-csv-statements"):
        claimant = _s(row["claimant"])
        yield [
            _s(row["statement"]),
            _s(row["claim"]),
            _pick(labels.get(_s(row["claim"])), lang),
            claimant,
            _pick(labels.get(claimant), lang),
            _s(row["stance"]).rsplit("#", 1)[-1],
            _s(row["exact"]),
            _s(row["directQuote"]) or "false",
            _s(row["hedged"]) or "false",
            _s(row["source"]),
            _s(row["sourceTitle"]),
            _s(row["sourceUrl"]),
            _s(row["date"]) or _s(row["dateText"]),
        ]


def _encode(rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_csv_tables(store: Store, folder: Path, lang: str = "en") -> list[Path]:
    """Write ``claims.csv`` and ``statements.csv`` into ``folder``; return their paths."""
    written = []
    for name, rows in (
        (CLAIMS_CSV, claim_rows(store, lang)),
        (STATEMENTS_CSV, statement_rows(store, lang)),
    ):
        path = safe_child(folder, name)
        atomic_write(path, _encode(rows))
        written.append(path)
    return written
