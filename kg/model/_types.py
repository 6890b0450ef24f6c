"""Field types shared by the models: IRIs, language maps, sets of IRIs."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from kg.urls import web_url

__all__ = [
    "IRI",
    "URL",
    "IRISet",
    "LangMap",
    "LangMultiMap",
    "LangTag",
    "NonEmptyStr",
    "Slug",
    "URLSet",
]

_IRI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def _check_iri(value: str) -> str:
    if not _IRI_RE.match(value):
        raise ValueError(f"not an absolute IRI: {value!r}")
    return value


def _check_lang(value: str) -> str:
    if not _LANG_RE.match(value):
        raise ValueError(f"not a BCP 47 language tag: {value!r}")
    return value.lower()


def _sorted_set(values: list[str]) -> list[str]:
    return sorted(set(values))


def _check_langmap(value: dict[str, str]) -> dict[str, str]:
    return {_check_lang(k): v for k, v in sorted(value.items())}


def _check_langmultimap(value: dict[str, list[str]]) -> dict[str, list[str]]:
    return {_check_lang(k): sorted(set(v)) for k, v in sorted(value.items()) if v}


#: An absolute IRI, kept as a string.
IRI = Annotated[str, AfterValidator(_check_iri)]
#: A web address from outside or for a link: http(s) only (:func:`kg.urls.web_url`).
URL = Annotated[str, AfterValidator(web_url)]
#: A set of web addresses (:data:`URL`), kept sorted like :data:`IRISet`.
URLSet = Annotated[list[URL], AfterValidator(_sorted_set)]
#: A set of IRIs, kept sorted so that models compare equal after a round trip through RDF.
IRISet = Annotated[list[IRI], AfterValidator(_sorted_set)]
#: A BCP 47 language tag, lower-cased.
LangTag = Annotated[str, AfterValidator(_check_lang)]
#: One text per language.
LangMap = Annotated[dict[str, str], AfterValidator(_check_langmap)]
#: Several texts per language (aliases), sorted and de-duplicated.
LangMultiMap = Annotated[dict[str, list[str]], AfterValidator(_check_langmultimap)]
#: A non-empty string with surrounding white space removed.
NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
#: A lower-case identifier used in curated files and IRIs.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=120)]
