"""Public entry points: `extract_text`, `extract_article`, and the `Extractor` protocol."""

from __future__ import annotations

import hashlib
from typing import Protocol, runtime_checkable

from kg.extract.detect import detect_language
from kg.extract.langdata import load_lang
from kg.extract.reader import article_from_text
from kg.extract.result import Article, Extraction, SourceMeta, Statement
from kg.extract.rules import RuleExtractor

__all__ = ["Extractor", "extract_article", "extract_text"]


@runtime_checkable
class Extractor(Protocol):
    """Anything that turns an article into statements (rules today, a model later)."""

    name: str

    def extract(self, article: Article, lang: str) -> list[Statement]:
        """Statements of ``article``, whose text is in language ``lang``."""
        ...


_DEFAULT: RuleExtractor | None = None


def _default() -> RuleExtractor:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = RuleExtractor()
    return _DEFAULT


def _source(article: Article, lang: str, extractor: str) -> SourceMeta:
    digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    return SourceMeta(
        id=digest[:16],
        title=article.title,
        language=lang,
        author=article.author,
        url=article.url,
        publisher=article.publisher,
        date=article.date,
        path=article.path,
        sha256=digest,
        length=len(article.text),
        body_offset=article.body_offset,
        extractor=extractor,
    )


def extract_article(
    article: Article, lang: str = "auto", *, extractor: Extractor | None = None
) -> Extraction:
    """Extract the statements of an already read article.

    ``lang`` is "id", "en" or "auto" (front matter ``language`` first, then stopword
    detection); an unsupported or undetectable language raises UnsupportedLanguageError.
    """
    if lang == "auto":
        lang = article.language if article.language in ("id", "en") else ""
        lang = lang or detect_language(article.text)
    load_lang(lang)  # raises UnsupportedLanguageError for unknown codes
    ext = extractor or _default()
    claims = ext.extract(article, lang)
    return Extraction(source=_source(article, lang, ext.name), claims=claims)


def extract_text(text: str, lang: str = "auto", *, title: str | None = None) -> Extraction:
    """Extract statements from article text (first line = title unless ``title`` is given).

    Empty or blank text gives an empty extraction with a warning instead of an error.

    >>> ex = extract_text("Judul\\n\\nPutin mengklaim bahwa ekonomi Rusia tumbuh.", "id")
    >>> [(c.claimant.id, c.kind, c.text) for c in ex.claims]
    [('vladimir-putin', 'assertion', 'Putin mengklaim bahwa ekonomi Rusia tumbuh')]
    """
    if not text.strip():
        code = lang if lang != "auto" else "und"
        if code != "und":
            load_lang(code)
        article = Article(text=text, title=title)
        return Extraction(
            source=_source(article, code, _default().name), warnings=["article text is empty"]
        )
    article = article_from_text(text, title=title)
    if lang == "auto":
        lang = article.language if article.language in ("id", "en") else ""
        lang = lang or detect_language(article.text)
    load_lang(lang)
    claims = _default().extract(article, lang, skip_title=title is None)
    return Extraction(source=_source(article, lang, _default().name), claims=claims)
