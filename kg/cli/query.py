"""``kg query``, ``kg queries`` and ``kg search``: ask the graph."""

from __future__ import annotations

import sys
from contextlib import closing

import click
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import InputError
from kg.fsutil import utf8
from kg.ids import claim_iri, graph_iri, source_iri
from kg.queries import list_queries
from kg.queries.results import FORMATS, ask_text, write
from kg.queries.run import DEFAULT_CAP, DEFAULT_LIMIT, DEFAULT_TIMEOUT, Capped, run_canned, run_user
from kg.store import open_store
from kg.store.base import Rows, Triples
from kg.store.binding import term_text
from kg.store.search import LANG_TAG

__all__ = ["param_value", "queries_cmd", "query_cmd", "search_cmd"]

#: Largest query read from a file or stdin.
MAX_QUERY_BYTES = 1_000_000
_SLUG_PARAMS = {"claim": claim_iri, "source": source_iri, "graph": graph_iri}


def param_value(name: str, value: str) -> Node:
    """A ``--param`` value as an RDF term: an IRI if it looks like one, a slug for claim,
    source and graph parameters, else a plain literal (matched case-insensitively by the
    queries that take labels).

    >>> param_value("claim", "containers-shipped").split("/id/")[1]
    'claim/containers-shipped'
    >>> param_value("agent", 'x" || true || "')
    rdflib.term.Literal('x" || true || "')
    """
    if value.startswith(("http://", "https://", "urn:")):
        return URIRef(value)
    if name in _SLUG_PARAMS and value and all(c.isalnum() or c in "-_." for c in value):
        return _SLUG_PARAMS[name](value)
    return Literal(value)


def _params(pairs: tuple[str, ...]) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise InputError(f"--param {pair!r}: expected key=value")
        out[name.strip()] = param_value(name.strip(), value)
    return out


def _emit(answer: object, fmt: str) -> None:
    out = sys.stdout
    if isinstance(answer, bool):
        out.write(ask_text(answer, fmt))
    elif isinstance(answer, Triples):
        for s, p, o in answer:
            out.write(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n")
    elif isinstance(answer, Rows | Capped):
        for chunk in write(answer.variables, iter(answer), fmt):
            out.write(chunk)
    out.flush()


def _nt(term: Node) -> str:
    return f"_:{term}" if not isinstance(term, URIRef | Literal) else term_text(term)


@click.command("query")
@click.argument("name", required=False)
@click.option("--file", "file", type=click.File("rb"), help="Run a .rq file.")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="Bind a value.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--limit", type=int, default=DEFAULT_LIMIT, show_default=True,
              help="Rows per page of a canned query (0 = all).")  # fmt: skip
@click.option("--offset", type=int, default=0, help="Skip this many rows (paging).")
@click.option("--cap", type=int, default=DEFAULT_CAP, show_default=True,
              help="Most rows a query of your own returns (env KG_ROW_CAP).")  # fmt: skip
@click.option("--timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds before the query is abandoned (env KG_QUERY_TIMEOUT).")  # fmt: skip
@click.option("--allow-remote", is_flag=True, help="Allow SERVICE and FROM in your own query.")
@click.option("--summaries", is_flag=True,
              help="Let your own query see the store's summary counts (stats:) too.")  # fmt: skip
@click.option("--store", envvar="KG_STORE", default=".kg/store", show_default=True,
              help="Store: a folder or a SPARQL endpoint URL. Env: KG_STORE.")  # fmt: skip
def query_cmd(
    name: str | None,
    file: click.utils.LazyFile | None,
    params: tuple[str, ...],
    fmt: str,
    limit: int,
    offset: int,
    cap: int,
    timeout: float,
    allow_remote: bool,
    summaries: bool,
    store: str,
) -> None:
    """Run a canned query by NAME (see `kg queries`), a .rq file (--file), or SPARQL from stdin
    (NAME "-"). Values given with --param are bound, never pasted into the query. Your own
    queries are read-only, cut at --cap rows, and SERVICE/FROM are refused unless
    --allow-remote. JSON output is the SPARQL 1.1 JSON results format."""
    bindings = _params(params)
    if file is not None or name == "-":
        where = file.name if file is not None else "stdin"
        data = (file or click.get_binary_stream("stdin")).read(MAX_QUERY_BYTES + 1)
        if len(data) > MAX_QUERY_BYTES:
            raise InputError(f"{where}: query over {MAX_QUERY_BYTES} bytes")
        text = utf8(data, f"{where}: the query")
        user = True
    elif name:
        text, user = name, False
    else:
        raise InputError("give a query NAME, --file Q.rq, or - for stdin (see `kg queries`)")
    with closing(open_store(store)) as target:
        given = dict(p.partition("=")[::2] for p in params)
        if (
            not user
            and "claim" in given
            and not given["claim"].startswith(("http://", "https://", "urn:"))
        ):
            # a claim by IRI, slug or text, as `kg review CLAIM` takes it; an ambiguous text
            # lists the candidates
            from kg.curation.reviews import find_claim

            bindings["claim"] = find_claim(target, given["claim"])
        if user:
            answer = run_user(target, text, bindings, cap=cap, timeout=timeout,
                              allow_remote=allow_remote, summaries=summaries)  # fmt: skip
        else:
            answer = run_canned(target, text, bindings, limit=limit or None, offset=offset,
                                timeout=timeout)  # fmt: skip
        _emit(answer, fmt)
        if isinstance(answer, Capped) and answer.truncated:
            click.echo(f"kg: note: stopped at {cap} rows (--cap)", err=True)


@click.command("queries")
@click.option(
    "--all",
    "all_",
    is_flag=True,
    help="Also list the internal queries claimgraph runs itself (fmt-, view-, check-, track-, "
    "keep-).",
)
def queries_cmd(all_: bool) -> None:
    """List the canned queries: name, parameters and what each answers.

    Only the queries meant for users, unless --all.
    """
    for query in list_queries(internal=all_):
        params = " ".join(f"--param {p}=..." for p in query.params)
        click.echo(f"{query.name:<22} {query.description}")
        if params:
            click.echo(f"{'':<22} {params}")
            for p, text in query.params.items():
                click.echo(f"{'':<24}{p}: {text}")


@click.command("search")
@click.argument("text")
@click.option("--limit", type=int, default=20, show_default=True, help="Most results.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["claim", "quote", "agent"]),
              help="Only these kinds of text (repeatable).")  # fmt: skip
@click.option("--lang", "langs", multiple=True, metavar="TAG",
              help="Only texts with this language tag, e.g. id or en (repeatable).")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--store", envvar="KG_STORE", default=".kg/store", show_default=True,
              help="Store: a folder or a SPARQL endpoint URL. Env: KG_STORE.")  # fmt: skip
def search_cmd(
    text: str, limit: int, kinds: tuple[str, ...], langs: tuple[str, ...], fmt: str, store: str
) -> None:
    """Full-text search over claims, quotes and agent labels and aliases (every language),
    best first (BM25 over the Tantivy index beside the embedded store)."""
    tags = tuple(t.lower() for t in langs)
    for tag in tags:
        if not LANG_TAG.fullmatch(tag):
            message = f"{tag!r} is not a language tag (e.g. id, en)"
            raise click.BadParameter(message, param_hint="--lang")
    with closing(open_store(store)) as target:
        hits = target.search(text, limit, kinds, tags)
    variables = ("kind", "iri", "about", "text", "score")
    rows = (
        (Literal(h.kind), URIRef(h.iri), URIRef(h.about) if h.about else None,
         Literal(h.text, lang=h.lang or None), Literal(h.score))
        for h in hits
    )  # fmt: skip
    for chunk in write(variables, rows, fmt):
        sys.stdout.write(chunk)
