"""The one rule for a URL that comes from outside (a review's ``--url``, an article's front
matter, a claim file, an imported ClaimReview) or goes out (exports, HTML links): an absolute
``http`` or ``https`` URL with a host, without white space, quotes, angle brackets or the other
characters an IRI may not hold, at most :data:`MAX_URL` characters. ``javascript:``,
``data:``, ``file:`` and every other scheme are refused.

>>> web_url("https://example.org/fact-check?id=1#a")
'https://example.org/fact-check?id=1#a'
>>> web_url("javascript:alert(1)")
Traceback (most recent call last):
...
ValueError: not an http(s) URL: 'javascript:alert(1)'
>>> is_web_url("JaVaScRiPt://example.org/%0Aalert(1)"), is_web_url("http:///path")
(False, False)
"""

from __future__ import annotations

import re

__all__ = ["MAX_URL", "is_web_url", "web_url"]

#: Longest URL accepted.
MAX_URL = 2048
_WEB_URL = re.compile(r"https?://[^/?#\s<>\"'{}|\\^`@]*[^/?#\s<>\"'{}|\\^`]+(?:[/?#][^\s<>\"'{}|\\^`]*)?",
                      re.IGNORECASE)  # fmt: skip


def is_web_url(text: object) -> bool:
    """Whether ``text`` is a URL :func:`web_url` accepts."""
    return isinstance(text, str) and len(text) <= MAX_URL and bool(_WEB_URL.fullmatch(text))


def web_url(text: str) -> str:
    """``text`` if it is an http(s) URL by the rule above, else ValueError naming it."""
    if not is_web_url(text):
        shown = text if len(text) <= 80 else text[:80] + "..."
        raise ValueError(f"not an http(s) URL: {shown!r}")
    return text
