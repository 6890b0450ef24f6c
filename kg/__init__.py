"""claimgraph: a claim and fact-tracking knowledge graph.

The public API is what ``__all__`` lists; everything else (modules and names starting with
``_``, and modules not re-exported here) may change without notice. Names are imported lazily,
so ``import kg`` stays cheap for the command line.

>>> import kg
>>> kg.__version__.count(".") >= 1
True
>>> kg.Stance.denies.value
'denies'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module (the attribute has the same name, unless given as "module:attr")
_EXPORTS: dict[str, str] = {
    # model
    "Agent": "kg.model",
    "AgentKind": "kg.model",
    "Bundle": "kg.model",
    "Claim": "kg.model",
    "Comparator": "kg.model",
    "ExtractionRun": "kg.model",
    "Quantity": "kg.model",
    "Rating": "kg.model",
    "Review": "kg.model",
    "Role": "kg.model",
    "Source": "kg.model",
    "Span": "kg.model",
    "Stance": "kg.model",
    "Statement": "kg.model",
    # errors
    "CurationError": "kg.errors",
    "InputError": "kg.errors",
    "KgError": "kg.errors",
    "QueryError": "kg.errors",
    "StoreBusyError": "kg.errors",
    "StoreError": "kg.errors",
    "ValidationError": "kg.errors",
    # curation, build, ingest
    "Corpus": "kg.curation.seeds",
    "load_corpus": "kg.curation.seeds",
    "build_seeds": "kg.build:build",
    "validate_seeds": "kg.build:validate",
    "ingest_paths": "kg.ingest",
    # RDF
    "from_graph": "kg.rdf",
    "to_graph": "kg.rdf",
    "check_conforms": "kg.validate",
    # store and queries
    "EmbeddedStore": "kg.store",
    "Results": "kg.store",
    "Store": "kg.store",
    "open_store": "kg.store",
    "load_query": "kg.queries",
    "list_queries": "kg.queries",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    module, _, attr = target.partition(":")
    value = getattr(importlib.import_module(module), attr or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
