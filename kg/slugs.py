"""Slugs for IRIs and file names minted from free text (names, claim texts, URLs).

>>> slugify("Kim Jong Un's \\"Fact\\" — Check!")
'kim-jong-un-s-fact-check'
>>> len(slugify("x" * 300)) <= 80
True
>>> slugify("¿¿??")
'x-b246e4aa'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["short_hash", "slugify"]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def short_hash(text: str) -> str:
    """Eight hex digits of the SHA-256 of ``text``: stable, for disambiguating slugs."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def slugify(text: str, max_length: int = 80) -> str:
    """A lower-case ASCII slug of ``text``; long texts are cut and suffixed with a hash."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_ALNUM.sub("-", ascii_text.lower()).strip("-")
    if not slug:
        return f"x-{short_hash(text)}"
    if len(slug) > max_length:
        slug = slug[: max_length - 9].rstrip("-") + "-" + short_hash(text)
    return slug
