"""``kg serve``: a SPARQL 1.1 Protocol endpoint (and the app's other pages) on this machine."""

from __future__ import annotations

import ipaddress
import signal
from contextlib import closing
from types import FrameType

import click

from kg.errors import InputError
from kg.queries.run import DEFAULT_CAP, DEFAULT_TIMEOUT
from kg.store import open_store

__all__ = ["check_host", "serve_cmd"]


def check_host(host: str, public: bool) -> None:
    """Refuse to bind an address other machines can reach unless ``public`` says so.

    >>> check_host("127.0.0.1", False); check_host("::1", False); check_host("localhost", False)
    >>> check_host("0.0.0.0", False)
    Traceback (most recent call last):
    ...
    kg.errors.InputError: --host 0.0.0.0 is reachable from other machines; add --public to allow it
    """
    if public or host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise InputError(
            f"--host {host} is reachable from other machines; add --public to allow it"
        )


#: ``--snapshot-age`` by default: seconds a ``/sparql`` answer may trail the last write.
SNAPSHOT_AGE = 2.0
#: ``--stale`` by default: seconds a kept answer is given while a fresh one is made.
STALE = 60.0
#: ``--view-every`` by default: seconds at least between two new views of the pages.
VIEW_EVERY = 30.0


def _stop(signum: int, frame: FrameType | None) -> None:
    """SIGTERM ends the server like Ctrl-C: the store closes (uvicorn, having shut down,
    raises the signal again, which would otherwise end the process before that)."""
    raise SystemExit(128 + signum)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--cap", type=int, default=DEFAULT_CAP, show_default=True, help="Row cap.")
@click.option("--timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds per query.")  # fmt: skip
@click.option("--allow-remote", is_flag=True, help="Allow SERVICE and FROM in queries.")
@click.option("--snapshot-age", type=click.FloatRange(min=0), default=SNAPSHOT_AGE,
              show_default=True,
              help="Seconds a /sparql answer may trail the store's last write (queries "
              "during an ingest share a checkpoint and its kept answers); 0: none.")  # fmt: skip
@click.option("--stale", type=click.FloatRange(min=0), default=STALE, show_default=True,
              help="Seconds past --snapshot-age a kept /sparql answer is still given while a "
              "fresh one is made in the background; 0: callers wait for it.")  # fmt: skip
@click.option("--view-every", type=click.FloatRange(min=0), default=VIEW_EVERY, show_default=True,
              help="Seconds at least between two new views of the browsing pages after writes "
              "(each makes the index and the pages in use again); 0: one per write.")  # fmt: skip
@click.option("--public", is_flag=True, help="Allow a --host other machines can reach.")
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    default=("*",),
    show_default=True,
    help="An origin whose pages may query /sparql (CORS); repeat for several. "
    "Writes never allow other origins.",
)
@click.option("--no-cors", is_flag=True, help="No CORS headers: only same-origin pages.")
@click.option("--write-token", envvar="KG_WRITE_TOKEN", default=None,
              help="Mount PUT/DELETE /store (Graph Store Protocol) for requests bearing this "
              "token (16+ characters). Env: KG_WRITE_TOKEN.")  # fmt: skip
@click.option("--store", envvar="KG_STORE", default=".kg/store", show_default=True,
              help="Store: a folder or a SPARQL endpoint URL. Env: KG_STORE.")  # fmt: skip
def serve_cmd(
    host: str,
    port: int,
    cap: int,
    timeout: float,
    allow_remote: bool,
    snapshot_age: float,
    stale: float,
    view_every: float,
    public: bool,
    cors_origins: tuple[str, ...],
    no_cors: bool,
    write_token: str | None,
    store: str,
) -> None:
    """Serve the graph: a read-only SPARQL 1.1 Protocol endpoint at /sparql (GET or POST),
    on 127.0.0.1 unless --host (and --public) say otherwise; writes only with --write-token."""
    import uvicorn

    from kg.queries.safety import check_in_processes, stop_checking_in_processes
    from kg.web.app import create_app
    from kg.web.sparql import Limits
    from kg.web.write import check_token

    check_host(host, public)
    if write_token is not None:
        check_token(write_token)
    signal.signal(signal.SIGTERM, _stop)
    with closing(open_store(store)) as target:
        limits = Limits(
            cap=cap,
            timeout=timeout,
            allow_remote=allow_remote,
            snapshot_age=snapshot_age,
            stale=stale,
            cors_origins=() if no_cors else tuple(cors_origins),
        )
        app = create_app(
            target, limits, write_token=write_token, views_apart=True, view_every=view_every
        )
        writes = " (writes at /store with the token)" if write_token else ""
        click.echo(f"serving {store} at http://{host}:{port}/sparql{writes}", err=True)
        check_in_processes()  # new query texts are parsed beside the server, not under its GIL
        try:
            uvicorn.run(app, host=host, port=port, log_level="warning")
        finally:
            stop_checking_in_processes()
