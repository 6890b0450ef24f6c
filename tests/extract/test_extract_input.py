"""Bad and unusual input: every failure is a one-line KgError, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError, KgError
from kg.extract import (
    MAX_BYTES,
    ArticleError,
    UnsupportedLanguageError,
    detect_language,
    extract_article,
    extract_text,
    read_article,
)

HTML = """<!DOCTYPE html><html><head><title>Kremlin denies report</title></head><body>
<nav>Home | World</nav><article><h1>Kremlin denies report</h1>
<p>The Kremlin on Tuesday denied that Russian troops had shelled a hospital in Kharkiv,
calling the report a provocation by Kyiv and its Western backers.</p>
<p>"This is a lie from start to finish," Dmitry Ivanov, a spokesman, told reporters in Moscow.</p>
<p>Ukrainian officials said at least 12 people were killed in the strike on Monday evening and
more than 40 were wounded, according to regional authorities in the city.</p>
</article><footer>Copyright</footer></body></html>"""


def _fails(path: Path, match: str) -> None:
    with pytest.raises(ArticleError, match=match) as info:
        read_article(path)
    assert isinstance(info.value, InputError)
    assert "\n" not in str(info.value)


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_text("  \n\n")
    _fails(p, "empty")


def test_missing_file(tmp_path: Path) -> None:
    _fails(tmp_path / "nope.txt", "cannot read")


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "x.bin"
    p.write_bytes(bytes(range(256)) * 10)
    _fails(p, "binary")


def test_invalid_utf8(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes("Judul\n\nMenteri itu berkata: café señor".encode("latin-1"))
    _fails(p, "UTF-8")


def test_huge_file_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    p = tmp_path / "big.txt"
    with p.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    assert p.stat().st_size > MAX_BYTES

    def boom(self: Path) -> bytes:  # reading the whole file would be a bug
        raise AssertionError("read the whole file")

    monkeypatch.setattr(Path, "read_bytes", boom)
    _fails(p, "over the")


def test_html_article(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    article = read_article(p)
    assert article.title == "Kremlin denies report"
    assert "Home | World" not in article.text
    result = extract_article(article)
    assert result.source.language == "en"
    kinds = {(c.claimant.id, c.kind) for c in result.claims}
    assert ("russia", "denial") in kinds
    for c in result.claims:
        assert article.text[c.start : c.end] == c.text


def test_html_without_body(tmp_path: Path) -> None:
    p = tmp_path / "nav.html"
    p.write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    _fails(p, "no article body")


def test_front_matter(tmp_path: Path) -> None:
    p = tmp_path / "fm.txt"
    p.write_text(
        "---\nurl: https://example.org/a\nauthor: Rina\npublisher: Contoh\n"
        "date: 2023-10-18\nlanguage: id\n---\nJudul berita\n\n"
        "Putin mengklaim bahwa ekonomi Rusia tumbuh.\n",
        encoding="utf-8",
    )
    article = read_article(p)
    assert (article.url, article.author, article.date, article.language) == (
        "https://example.org/a",
        "Rina",
        "2023-10-18",
        "id",
    )
    assert article.title == "Judul berita"
    full = p.read_text(encoding="utf-8")
    result = extract_article(article)
    (st,) = result.claims
    off = result.source.body_offset
    assert full[off + st.start : off + st.end] == st.text


def test_front_matter_not_a_mapping(tmp_path: Path) -> None:
    p = tmp_path / "fm.txt"
    p.write_text("---\n- a\n- b\n---\nJudul\n\nTeks.\n", encoding="utf-8")
    _fails(p, "mapping")


def test_unsupported_language_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "fr.txt"
    p.write_text(
        "Le ministre parle\n\nLe ministre a déclaré mardi que les négociations avec les "
        "syndicats reprendraient la semaine prochaine à Paris, selon un communiqué.\n",
        encoding="utf-8",
    )
    with pytest.raises(UnsupportedLanguageError, match="supported"):
        extract_article(read_article(p))
    with pytest.raises(UnsupportedLanguageError):
        extract_text("Judul\n\nTeks.", "fr")


def test_detect_language() -> None:
    assert detect_language(SEED_TEXT) == "id"
    with pytest.raises(KgError):
        detect_language("12345 !!!")


def test_empty_text_gives_empty_result_with_warning() -> None:
    result = extract_text("   ", "id")
    assert result.claims == [] and result.warnings


SEED_TEXT = (Path(__file__).resolve().parents[2] / "seeds" / "000_eae76bf788f95f59.txt").read_text(
    encoding="utf-8"
)
