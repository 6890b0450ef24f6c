"""Request bodies read with a cap: refused at ``Content-Length``, or as soon as the bytes
received pass the limit, never read whole first (a chunked upload has no length to check).

>>> import asyncio
>>> from starlette.requests import Request
>>> async def chunks():
...     for part in (b"ab", b"cd", b"ef"):
...         yield {"type": "http.request", "body": part, "more_body": True}
>>> def request():
...     parts = chunks()
...     return Request({"type": "http", "method": "POST", "headers": []}, parts.__anext__)
>>> asyncio.run(read_capped(request(), 4))
Traceback (most recent call last):
...
kg.web.body.TooLarge: body over 4 bytes
"""

from __future__ import annotations

from starlette.requests import Request

from kg.errors import InputError

__all__ = ["TooLarge", "read_capped"]


class TooLarge(InputError):
    """A request body over the limit (HTTP 413)."""


async def read_capped(request: Request, limit: int) -> bytes:
    """The body of ``request``, or :class:`TooLarge` once it passes ``limit`` bytes."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > limit):
        raise TooLarge(f"body over {limit} bytes")
    parts: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"body over {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)
