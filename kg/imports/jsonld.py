"""JSON-LD in, with contexts shipped in ``kg/ontology/`` and never fetched.

rdflib (like pyld) dereferences a remote ``@context`` by default. Before a document reaches
the parser every ``@context`` in it is resolved here: a schema.org context (``https://schema.org``
or ``http://schema.org``, with or without a trailing slash, alone or in a list) becomes the
local ``kg/ontology/schemaorg-context.jsonld``; the claimgraph context IRI becomes
``kg/ontology/context.jsonld``; inline contexts are kept; any other remote context, and any
``@import``, is refused. So the parser never sees a URL it could fetch.

>>> resolve_contexts({"@context": "https://schema.org/", "name": "x"})["@context"]["@vocab"]
'https://schema.org/'
>>> resolve_contexts({"@context": "https://example.org/ctx.jsonld"})  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.InputError: unknown remote @context 'https://example.org/ctx.jsonld' (only ...)
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef

from kg.errors import InputError
from kg.imports.iris import check_iris
from kg.paths import SCHEMA_CONTEXT_PATH, ontology_text

__all__ = [
    "CLAIMGRAPH_CONTEXT_IRI",
    "SCHEMA_CONTEXT_PATH",
    "load_json",
    "parse_dataset",
    "resolve_contexts",
    "schema_context",
]

#: The IRI under which claimgraph's own context may be referred to; resolved locally.
CLAIMGRAPH_CONTEXT_IRI = "https://w3id.org/claimgraph/context.jsonld"
_SCHEMA_IRIS = {"https://schema.org", "http://schema.org"}


@cache
def schema_context() -> dict[str, Any]:
    """The local stand-in for the schema.org context."""
    data: dict[str, Any] = json.loads(ontology_text("schemaorg-context.jsonld"))
    return data["@context"]


@cache
def _claimgraph_context() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ontology_text("context.jsonld"))
    return data["@context"]


def _local_context(ref: str) -> dict[str, Any]:
    key = ref.strip().rstrip("/")
    if key in _SCHEMA_IRIS or key in {i + "/docs/jsonldcontext.json" for i in _SCHEMA_IRIS}:
        return schema_context()
    if key == CLAIMGRAPH_CONTEXT_IRI:
        return _claimgraph_context()
    raise InputError(
        f"unknown remote @context {ref!r} (only schema.org and claimgraph contexts are known; "
        "nothing is fetched)"
    )


def _resolve_context_value(value: Any) -> Any:
    if isinstance(value, str):
        return _local_context(value)
    if isinstance(value, list):
        return [_resolve_context_value(v) for v in value]
    if isinstance(value, dict):
        if "@import" in value:
            raise InputError("@import in a @context is not supported (nothing is fetched)")
        return resolve_contexts(value)  # a @context inside a context is resolved too
    if value is None:
        return None
    raise InputError(f"@context must be a string, a list or an object, not {type(value).__name__}")


def resolve_contexts(data: Any) -> Any:
    """A copy of ``data`` with every ``@context`` (at any depth) replaced by a local one."""
    if isinstance(data, list):
        return [resolve_contexts(v) for v in data]
    if isinstance(data, dict):
        return {
            k: _resolve_context_value(v) if k == "@context" else resolve_contexts(v)
            for k, v in data.items()
        }
    return data


#: Largest JSON file read, in bytes (checked on the file's size, before reading).
MAX_JSON_BYTES = 50 * 1024 * 1024


def load_json(path: Path) -> Any:
    """Read a JSON file; a syntax error is an InputError naming the line. Files over
    :data:`MAX_JSON_BYTES` and documents nested too deeply are refused."""
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise InputError(f"{path}: {size} bytes, over the {MAX_JSON_BYTES} byte limit")
        return json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: not JSON: {exc.msg}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None


def parse_dataset(data: Any, base: str, label: str, check: bool = True) -> Dataset:
    """Parse a JSON-LD value (already loaded) into a Dataset, with local contexts only.

    With ``check`` (the default) every IRI must be one the store can write; a caller that
    maps the triples into new ones (the ClaimReview import) checks its own output instead."""
    if not isinstance(data, dict | list):
        raise InputError(f"{label}: a JSON-LD document is an object or an array")
    dataset = Dataset()
    try:
        resolved = resolve_contexts(data)
        text = json.dumps(resolved, ensure_ascii=False)
        dataset.parse(data=text, format="json-ld", publicID=base)
    except RecursionError:
        raise InputError(f"{label}: JSON-LD nested too deeply") from None
    except (
        ValueError,
        TypeError,
        KeyError,
        SyntaxError,
        AttributeError,
        IndexError,
        NameError,
    ) as exc:  # fmt: skip  (rdflib's JSON-LD parser fails in many ways)
        raise InputError(f"{label}: not valid JSON-LD: {exc}") from None
    if check:
        check_iris(dataset.quads((None, None, None, None)), label)
    return dataset


def default_graph(dataset: Dataset) -> Graph:
    """The triples of a parsed document's default graph."""
    return dataset.graph(URIRef("urn:x-rdflib:default"))
