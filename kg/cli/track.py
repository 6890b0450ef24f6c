"""``kg matches``, ``kg merge``, ``kg split``, ``kg timeline``: follow one claim across sources."""

from __future__ import annotations

import json
import re
from contextlib import closing
from pathlib import Path

import click
from rdflib import URIRef

from kg.cli.options import store_option
from kg.curation.reviews import find_claim
from kg.errors import InputError
from kg.fsutil import atomic_write
from kg.queries import load_query
from kg.store import Store, open_store
from kg.track.curate import merge, split
from kg.track.match import Kind
from kg.track.records import STATUSES
from kg.track.timeline import Timeline, claim_ref, timeline, timeline_json

__all__ = ["matches_cmd", "merge_cmd", "split_cmd", "timeline_cmd"]


def _short(text: object, width: int = 60) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= width else s[: width - 1] + "…"


@click.command("matches")
@click.option("--status", type=click.Choice(STATUSES), help="Only candidates with this status.")
@click.option(
    "--min-score",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Only candidates scoring at least this (0..1).",
)
@store_option
def matches_cmd(status: str | None, min_score: float, store: str) -> None:
    """List match candidates between claims, best score first.

    Each line: score, kind (exactMatch, closeMatch, relatedMatch), status (candidate,
    confirmed, rejected), the two claim IRIs and texts, and who decided last and when.
    Candidates are recorded by `kg ingest`; confirm one with `kg merge`, reject it with
    `kg split`.
    """
    with closing(open_store(store)) as target:
        rows = target.select(load_query("track-candidates").text).dicts()
    shown = 0
    for r in rows:
        score = float(r["score"]) if r["score"] is not None else None
        if status and str(r["status"]) != status:
            continue
        if min_score and (score is None or score < min_score):
            continue
        shown += 1
        who = f" by {r['decidedBy']} at {r['decidedAt']}" if r["decidedBy"] else ""
        click.echo(
            f"{'-' if score is None else f'{score:.2f}'}  {r['kind']}  {r['status']}{who}\n"
            f"  {r['a']}  {_short(r['textA'])}\n  {r['b']}  {_short(r['textB'])}"
        )
    click.echo(f"{shown} match candidate(s)")


_by_option = click.option(
    "--by", "by", required=True, help="Name of the person deciding (recorded with the time)."
)


@click.command("merge")
@click.argument("claim_a")
@click.argument("claim_b")
@_by_option
@click.option(
    "--kind",
    type=click.Choice(["exact", "close", "related"]),
    default="exact",
    show_default=True,
    help="exact: the same claim; close: the same claim worded differently or by another "
    "claimant; related: a related claim (not merged into the timeline).",
)
@store_option
def merge_cmd(claim_a: str, claim_b: str, by: str, kind: str, store: str) -> None:
    """Confirm that CLAIM_A and CLAIM_B match (IRIs, slugs or texts).

    Records a decision (who, when, kind) in the matches graph and adds the SKOS mapping
    triple; exact and close matches join the claims' timelines. Undo with `kg split`.
    """
    with closing(open_store(store)) as target:
        a, b = _claim(target, claim_a), _claim(target, claim_b)
        cand = merge(target, a, b, by, Kind(kind))
    click.echo(f"merged ({cand.kind.skos}) {a} {b} by {by.strip()}")


@click.command("split")
@click.argument("claim_a")
@click.argument("claim_b")
@_by_option
@store_option
def split_cmd(claim_a: str, claim_b: str, by: str, store: str) -> None:
    """Reject a match between CLAIM_A and CLAIM_B (IRIs, slugs or texts).

    Records a rejection (who, when) and removes the SKOS mapping triple; source graphs are
    untouched and the earlier decisions stay in the history. A link made by `kg ingest` is not
    made again when the article is ingested again.
    """
    with closing(open_store(store)) as target:
        a, b = _claim(target, claim_a), _claim(target, claim_b)
        split(target, a, b, by)
    click.echo(f"split {a} {b} by {by.strip()}")


def _claim(target: Store, name: str) -> URIRef:
    """A claim given as an IRI or a slug (taken as they are) or by its text (looked up: one
    claim must match, else the candidates are listed)."""
    if "://" in name or re.fullmatch(r"[a-z0-9][a-z0-9._-]*", name.strip()):
        return claim_ref(name)
    return find_claim(target, name)


def _timeline_text(tl: Timeline) -> list[str]:
    lines = [f"claim {tl.claim}", f"status: {tl.status}"]
    if len(tl.claims) > 1:
        lines.append("matched claims: " + ", ".join(c for c in tl.claims if c != tl.claim))
    first = tl.first
    if first is None:
        lines.append("no appearances")
        return lines
    day = first.day.isoformat() if first.day else "undated"
    lines.append(f"first appearance: {day} {first.publisher or ''} {first.source}".rstrip())
    lines.append(
        f"sources: {len(tl.sources)}, independent: {tl.independent} "
        "(same publisher or domain, or near-duplicate text, count once)"
    )
    lines.append("appearances by date:")
    for a in tl.appearances:
        day = a.day.isoformat() if a.day else "undated   "
        written = f" ({a.date_text})" if a.date_text else ""
        lines.append(
            f"  {day}{written}  {a.stance:<8} {a.claimant_label}  "
            f"[{a.publisher or a.headline or a.source}]"
        )
    for title, stances in (
        ("asserted by", ("asserts", "accuses", "supports")),
        ("denied by", ("denies", "disputes")),
    ):
        seen = [
            f"{a.claimant_label} ({a.day.isoformat() if a.day else 'undated'})"
            for a in tl.by_stance(*stances)
        ]
        lines.append(f"{title}: " + ("; ".join(dict.fromkeys(seen)) or "nobody"))
    for r in tl.reviews:
        lines.append(
            f"reviewed: {r.get('author') or ''} {r.get('rating') or ''} {r.get('date') or ''}"
        )
    return lines


@click.command("timeline")
@click.argument("claim")
@click.option("--json", "as_json", is_flag=True, help="Print the timeline as JSON.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the timeline as a standalone HTML page to this file.",
)
@store_option
def timeline_cmd(claim: str, as_json: bool, html_path: Path | None, store: str) -> None:
    """Show how CLAIM (an IRI, slug or text) travelled: first appearance, appearances by date,
    independent sources, who asserts and who denies it over time, and its status
    (unverified, disputed or reviewed). Confirmed exact and close matches are followed."""
    with closing(open_store(store)) as target:
        iri = _claim(target, claim)
        tl = timeline(target, iri)
    if html_path is not None:
        from kg.track.page import timeline_html

        try:
            atomic_write(html_path, timeline_html(tl).encode("utf-8"))
        except OSError as exc:
            raise InputError(f"{html_path}: cannot write: {exc.strerror or exc}") from None
    if as_json:
        click.echo(json.dumps(timeline_json(tl), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(_timeline_text(tl)))
