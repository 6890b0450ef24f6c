"""``kg serve``: a SPARQL 1.1 Protocol endpoint (and the app's other pages) on this machine."""

from __future__ import annotations

import click

from kg.queries.run import DEFAULT_CAP, DEFAULT_TIMEOUT
from kg.store import open_store

__all__ = ["serve_cmd"]


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--cap", type=int, default=DEFAULT_CAP, show_default=True, help="Row cap.")
@click.option("--timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds per query.")  # fmt: skip
@click.option("--allow-remote", is_flag=True, help="Allow SERVICE and FROM in queries.")
@click.option("--store", envvar="KG_STORE", default=".kg/store", show_default=True,
              help="Store: a folder or a SPARQL endpoint URL. Env: KG_STORE.")  # fmt: skip
def serve_cmd(
    host: str, port: int, cap: int, timeout: float, allow_remote: bool, store: str
) -> None:
    """Serve the graph: a read-only SPARQL 1.1 Protocol endpoint at /sparql (GET or POST),
    on 127.0.0.1 unless --host says otherwise."""
    import uvicorn

    from kg.web.app import create_app
    from kg.web.sparql import Limits

    target = open_store(store)
    try:
        app = create_app(target, Limits(cap=cap, timeout=timeout, allow_remote=allow_remote))
        click.echo(f"serving {store} at http://{host}:{port}/sparql", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        target.close()
