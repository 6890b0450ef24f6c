"""What travels between the process that owns an embedded store and the processes that use
it through that owner (:mod:`kg.store.owner`, :mod:`kg.store.shared`).

Messages are JSON, framed by :class:`multiprocessing.connection.Connection` (``send_bytes`` /
``recv_bytes``: never pickle) over a loopback TCP connection. A connection is accepted only
after a challenge: the owner sends random bytes and the other side answers with their HMAC
under the owner's key, which is in a file only the user can read (``<store>.owner``, 0600).
RDF terms travel as tuples (:func:`encode`, :func:`decode`); errors as the name of a
:mod:`kg.errors` class and its one-line message.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import socket
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier, Node

from kg import errors
from kg.store.folder import sibling
from kg.store.isolated import decode

__all__ = [
    "Owner",
    "WireError",
    "accept",
    "connect",
    "decode",
    "encode",
    "error_of",
    "owner_file",
    "publish",
    "read",
    "receive",
    "send",
    "unpublish",
]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#: Seconds the two sides of a new connection have to prove the key.
HANDSHAKE = 5.0


class WireError(Exception):
    """The other side is gone, or never was (not a KgError: the client fails over on it)."""


def encode(term: Node | None) -> tuple[Any, ...] | None:
    """An rdflib term as a tuple, the same shapes as :func:`kg.querychild.encode`.

    >>> encode(Literal("AS", lang="id"))
    (2, 'AS', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString', 'id')
    >>> decode(encode(Literal("7", datatype=URIRef("http://www.w3.org/2001/XMLSchema#int"))))
    rdflib.term.Literal('7', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#int'))
    """
    if term is None:
        return None
    if isinstance(term, URIRef):
        return (0, str(term))
    if isinstance(term, BNode):
        return (1, str(term))
    if isinstance(term, Literal):
        if term.language:
            return (2, str(term), _LANG_STRING, term.language)
        return (2, str(term), str(term.datatype or _XSD_STRING), None)
    raise TypeError(f"cannot send {term!r}")


def decoded(row: list[Any]) -> tuple[Identifier | None, ...]:
    """A row of encoded terms as rdflib terms."""
    return tuple(decode(t) for t in row)


def error_of(kind: str, message: str) -> errors.KgError:
    """The :mod:`kg.errors` exception named ``kind`` (StoreError for a name it does not know)."""
    cls = getattr(errors, kind, None)
    if not (isinstance(cls, type) and issubclass(cls, errors.KgError)):
        cls = errors.StoreError
    return cls(message)


def send(conn: Connection, message: Any) -> None:
    """Send one JSON message; WireError when the other side is gone."""
    try:
        conn.send_bytes(json.dumps(message).encode("utf-8"))
    except (OSError, ValueError) as exc:
        raise WireError(str(exc)) from None


def receive(conn: Connection, wait: float | None = None) -> Any:
    """The next JSON message (``wait``: seconds at most, None: for ever); WireError when the
    other side is gone or silent that long."""
    try:
        if wait is not None and not conn.poll(wait):
            raise WireError("no answer")
        return json.loads(conn.recv_bytes())
    except (EOFError, OSError, ValueError) as exc:
        raise WireError(str(exc) or type(exc).__name__) from None


def _mac(key: bytes, challenge: bytes) -> bytes:
    return hmac.new(key, challenge, hashlib.sha256).digest()


def accept(sock: socket.socket, key: bytes) -> Connection:
    """The owner's side of a new connection: challenge it; WireError if it cannot answer."""
    sock.setblocking(True)
    conn = Connection(sock.detach())
    challenge = secrets.token_bytes(32)
    try:
        conn.send_bytes(challenge)
        if not conn.poll(HANDSHAKE):
            raise WireError("no answer to the challenge")
        answer = conn.recv_bytes(64)
        if not hmac.compare_digest(answer, _mac(key, challenge)):
            raise WireError("wrong key")
        conn.send_bytes(b"welcome")
    except (EOFError, OSError) as exc:
        conn.close()
        raise WireError(str(exc)) from None
    except WireError:
        conn.close()
        raise
    return conn


@dataclass(frozen=True)
class Owner:
    """What the owner publishes: its process id, what it is, its port and its key."""

    pid: int
    what: str
    port: int
    key: bytes


def owner_file(store_dir: Path) -> Path:
    """Where the owner of the store in ``store_dir`` publishes itself: ``<store>.owner``."""
    return sibling(store_dir, ".owner")


def publish(store_dir: Path, owner: Owner) -> None:
    """Write ``owner`` to the owner file, readable by this user only, atomically."""
    path = owner_file(store_dir)
    tmp = sibling(store_dir, f".owner.{os.getpid()}.tmp")
    data = {"pid": owner.pid, "what": owner.what, "port": owner.port, "key": owner.key.hex()}
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, json.dumps(data).encode("utf-8"))
    finally:
        os.close(fd)
    tmp.replace(path)


def unpublish(store_dir: Path, pid: int) -> None:
    """Remove the owner file if it is still this process's."""
    found = read(store_dir)
    if found is not None and found.pid == pid:
        owner_file(store_dir).unlink(missing_ok=True)


def read(store_dir: Path) -> Owner | None:
    """The published owner (None: none, or a file being replaced)."""
    try:
        data = json.loads(owner_file(store_dir).read_text(encoding="utf-8"))
        return Owner(int(data["pid"]), str(data["what"]), int(data["port"]),
                     bytes.fromhex(data["key"]))  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return None


def connect(owner: Owner) -> Connection:
    """A connection to ``owner``, past its challenge; WireError if it is not there."""
    try:
        sock = socket.create_connection(("127.0.0.1", owner.port), timeout=HANDSHAKE)
    except OSError as exc:
        raise WireError(str(exc)) from None
    sock.settimeout(None)
    conn = Connection(sock.detach())
    try:
        if not conn.poll(HANDSHAKE):
            raise WireError("no challenge")
        challenge = conn.recv_bytes(64)
        conn.send_bytes(_mac(owner.key, challenge))
        if not conn.poll(HANDSHAKE) or conn.recv_bytes(16) != b"welcome":
            raise WireError("refused")
    except (EOFError, OSError) as exc:
        conn.close()
        raise WireError(str(exc)) from None
    except WireError:
        conn.close()
        raise
    return conn
