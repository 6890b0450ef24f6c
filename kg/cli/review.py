"""``kg review``: record a fact-checker's verdict on a claim."""

from __future__ import annotations

import datetime as dt
from contextlib import closing

import click

from kg.cli.options import store_option
from kg.curation.reviews import record_review, review_literal
from kg.errors import InputError
from kg.store import open_store

__all__ = ["review_cmd"]


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--date {value!r}: not a date (YYYY-MM-DD)") from None


@click.command("review")
@click.argument("claim")
@click.option("--rating", required=True, help='The verdict as published, e.g. "False".')
@click.option("--value", type=float, default=None, help="The rating's place on a numeric scale.")
@click.option("--best", type=float, default=None, help="The best value of the scale.")
@click.option("--worst", type=float, default=None, help="The worst value of the scale.")
@click.option("--by", "author", required=True, help="The fact-checking organisation.")
@click.option("--url", default=None, help="Where the fact-check is published.")
@click.option("--date", default=None, help="Publication date of the fact-check (YYYY-MM-DD).")
@store_option
def review_cmd(
    claim: str,
    rating: str,
    value: float | None,
    best: float | None,
    worst: float | None,
    author: str,
    url: str | None,
    date: str | None,
    store: str,
) -> None:
    """Record a fact-checker's review (schema:ClaimReview) of CLAIM.

    CLAIM is a claim IRI, its slug (containers-shipped) or text that matches one claim only.
    Reviewing the same claim again with the same --by and --date replaces the review.
    """
    when = _date(date)
    with closing(open_store(store)) as target:
        review = record_review(
            target, claim, rating, author, url=url, date=when, value=value, best=best, worst=worst
        )
    click.echo(f"reviewed {review.claim}: {review_literal(review)}")
    click.echo(f"review {review.id}")
