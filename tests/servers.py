"""Real SPARQL servers for the tests: the Oxigraph server (PyPI ``oxigraph``) and OpenLink
Virtuoso (Debian ``virtuoso-opensource``, installed by ``scripts/services.sh``).

Each starts on free loopback ports in a temporary folder, is waited for, and is stopped at the
end of the session. A missing binary fails the tests when ``CI=true`` and skips them otherwise.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

__all__ = [
    "Server",
    "free_port",
    "oxigraph_server",
    "serve_app",
    "start_virtuoso",
    "stop_virtuoso",
    "virtuoso_server",
]

_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


@dataclass
class Server:
    """A running SPARQL server: its query URL and process."""

    name: str
    query_url: str
    process: subprocess.Popen[bytes]
    log: Path


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_app(app: object) -> Iterator[str]:
    """Serve an ASGI app (``kg serve``'s) on a free loopback port with uvicorn in a thread;
    yield its base URL, stop it afterwards."""
    import threading

    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _need(binary: str, package: str) -> str:
    path = shutil.which(binary)
    if path is None:
        message = f"{binary} not found: install {package} (make services / scripts/services.sh)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def _wait_http(server: Server, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited: {server.log.read_text(errors='replace')}")
        try:
            response = httpx.get(server.query_url, params={"query": "ASK {}"}, timeout=2)
            if response.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{server.name} did not answer: {server.log.read_text(errors='replace')}")


def _stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


def oxigraph_server(folder: Path, union: bool = True) -> Iterator[Server]:
    """An Oxigraph server whose default graph is the union of the named graphs (with
    ``union=False``, the server's own default: a default graph of its own)."""
    binary = _need("oxigraph", "the PyPI package oxigraph (pip install -e '.[test]')")
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(folder / "data"),
             "--bind", f"127.0.0.1:{port}", *(["--union-default-graph"] if union else [])],
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = Server("oxigraph", f"http://127.0.0.1:{port}/query", process, log)
    try:
        _wait_http(server)
        yield server
    finally:
        _stop(server)


def start_virtuoso(folder: Path) -> Server:
    """Start Virtuoso on the database in ``folder`` (made, with free ports, the first time;
    started again on the same files after a kill) and grant SPARQL update to the anonymous
    /sparql endpoint (test only)."""
    binary = _need("virtuoso-t", "the Debian package virtuoso-opensource")
    isql = shutil.which("isql-vt") or _need("isql", "the Debian package virtuoso-opensource")
    ini = folder / "virtuoso.ini"
    if not ini.exists():
        sql_port, http_port = free_port(), free_port()
        ini.write_text(
            _VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port),
            encoding="utf-8",
        )
    ports = dict(
        re.findall(
            r"^\[(\w+)\][^\[]*?ServerPort = 127\.0\.0\.1:(\d+)", ini.read_text(), re.M | re.S
        )
    )
    log = folder / "virtuoso.out"
    with log.open("ab") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=folder, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = Server("virtuoso", f"http://127.0.0.1:{ports['HTTPServer']}/sparql", process, log)
    try:
        _wait_http(server, seconds=120)
        grant = subprocess.run(
            [isql, ports["Parameters"], "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
            capture_output=True, timeout=60, check=False,
        )  # fmt: skip
        if grant.returncode != 0:
            raise RuntimeError(f"cannot grant SPARQL update: {grant.stdout!r} {grant.stderr!r}")
    except BaseException:
        _stop(server)
        raise
    return server


def stop_virtuoso(server: Server, sig: int = signal.SIGTERM) -> None:
    """Stop Virtuoso with ``sig`` (SIGKILL: no chance to write anything) and wait for it."""
    server.process.send_signal(sig)
    server.process.wait(timeout=60)


def virtuoso_server(folder: Path) -> Iterator[Server]:
    """Virtuoso with SPARQL update granted to the anonymous /sparql endpoint (test only)."""
    server = start_virtuoso(folder)
    try:
        yield server
    finally:
        _stop(server)
