"""Slugs for IRIs and file names minted from free text (names, claim texts, URLs).

>>> slugify("Kim Jong Un's \\"Fact\\" — Check!")
'kim-jong-un-s-fact-check'
>>> len(slugify("x" * 300)) <= 80
True
>>> slugify("¿¿??")
'x-b246e4aa'
>>> name_key("  Facebook  USER ") == name_key("facebook user")
True
>>> name_key("Facebook user बसंत मलिक") == name_key("Facebook user")
False
>>> key_slug("Facebook user") == key_slug("Facebook user बसंत मलिक")
False
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["key_slug", "name_key", "short_hash", "slugify"]

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


def name_key(text: str) -> str:
    """How names compare: Unicode NFKC, case-folded, white space collapsed; no character of
    any script is dropped (so "Facebook user" and "Facebook user बसंत मलिक" differ)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def key_slug(text: str, max_length: int = 80) -> str:
    """:func:`slugify`, unless that drops letters or digits (non-Latin scripts): then the slug
    gets the hash of the text's :func:`name_key`, so different names never share a slug."""
    slug = slugify(text, max_length)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    kept = sum(c.isalnum() for c in ascii_text)
    decomposed = unicodedata.normalize("NFKD", text)
    total = sum(c.isalnum() for c in decomposed if not unicodedata.combining(c))
    if kept == total or slug.startswith("x-"):
        return slug
    return f"{slug[: max_length - 9].rstrip('-')}-{short_hash(name_key(text))}"
