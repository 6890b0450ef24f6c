"""Read an article file (plain text with optional YAML front matter, or HTML) into `Article`.

The reader is separate from the extractor: it only decides what the article text is.
Offsets of statements are offsets into ``Article.text``; for a file with front matter that is
the text after the closing ``---`` line (``Article.body_offset`` characters into the file).
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import yaml

from kg.extract.errors import ArticleError
from kg.extract.langdata import available_languages, load_lang
from kg.extract.result import Article
from kg.yamlsafe import load_bounded

__all__ = ["MAX_BYTES", "article_from_text", "read_article"]

#: Files larger than this are refused before they are read.
MAX_BYTES = 5 * 1024 * 1024
#: An HTML page whose extracted body has fewer words than this has no article body.
MIN_BODY_WORDS = 8
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html|<head|<body|<article)", re.IGNORECASE)
_FRONT = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_META_KEYS = ("title", "url", "author", "publisher", "date", "language")


def read_article(path: str | Path) -> Article:
    """Read ``path`` as an article; raises ArticleError (an InputError) for unusable input."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ArticleError(f"{p}: cannot read article: {exc.strerror or exc}") from None
    if not p.is_file():
        raise ArticleError(f"{p}: not a regular file")
    if size > MAX_BYTES:
        raise ArticleError(f"{p}: file is {size} bytes, over the {MAX_BYTES} byte limit")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{p}: cannot read article: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{p}: looks like a binary file, not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{p}: not valid UTF-8 (bad byte at offset {exc.start})") from None
    text = text.removeprefix("\ufeff")
    if p.suffix.lower() in _HTML_SUFFIXES or _HTML_START.match(text):
        return _from_html(text, str(p))
    return article_from_text(text, path=str(p))


def article_from_text(text: str, *, title: str | None = None, path: str | None = None) -> Article:
    """Build an Article from plain text: optional front matter, first line = title."""
    if not text.strip():
        raise ArticleError(f"{path or 'article'}: article is empty")
    meta: dict[str, str] = {}
    body_offset = 0
    m = _FRONT.match(text)
    if m:
        meta = _front_matter(m.group("yaml"), path)
        body_offset = m.end()
        text = text[body_offset:]
        if not text.strip():
            raise ArticleError(f"{path or 'article'}: article has front matter but no text")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    first = lines[0] if lines else None
    author = meta.get("author") or _byline(lines[1] if len(lines) > 1 else "")
    return Article(
        text=text,
        title=title or meta.get("title") or first,
        author=author,
        url=meta.get("url"),
        publisher=meta.get("publisher"),
        date=meta.get("date"),
        language=meta.get("language"),
        path=path,
        body_offset=body_offset,
    )


def _front_matter(block: str, path: str | None) -> dict[str, str]:
    try:
        data = load_bounded(block)  # no alias bombs (kg.yamlsafe)
    except yaml.YAMLError as exc:
        raise ArticleError(f"{path or 'article'}: front matter is not valid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArticleError(f"{path or 'article'}: front matter must be a YAML mapping")
    out: dict[str, str] = {}
    for key in _META_KEYS:
        value = data.get(key)
        if isinstance(value, _dt.date):
            value = value.isoformat()
        if value is not None:
            out[key] = str(value)
    return out


def _byline(line: str) -> str | None:
    """The author if ``line`` looks like a byline ("By X", "Oleh X" or a short capitalised name)."""
    words = line.split()
    if not words or len(words) > 6 or line[-1] in '.!?:"”':
        return None
    for code in available_languages():
        for prefix in load_lang(code).byline_prefixes:
            if words[0].lower() == prefix.lower() and len(words) > 1:
                return " ".join(words[1:])
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return line
    return None


def _from_html(html: str, path: str | None) -> Article:
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ArticleError(f"{path}: cannot read HTML, trafilatura is unusable: {exc}") from None
    doc = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if isinstance(doc, dict):  # older trafilatura versions return a dict
        body = doc.get("text")
    if not body or len(body.split()) < MIN_BODY_WORDS:
        raise ArticleError(f"{path or 'article'}: HTML page has no article body")

    def meta(name: str) -> str | None:
        value = doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)
        return str(value) if value else None

    title = meta("title")
    text = f"{title}\n\n{body}" if title else body
    return Article(
        text=text,
        title=title or body.strip().splitlines()[0],
        author=meta("author"),
        url=meta("url"),
        publisher=meta("sitename"),
        date=meta("date"),
        language=meta("language"),
        path=path,
    )
