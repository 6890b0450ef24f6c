"""Safe YAML loading that remembers line numbers and refuses duplicate keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kg.errors import CurationError
from kg.fsutil import read_utf8
from kg.yamlsafe import BoundedLoader

__all__ = ["Mapping", "load_yaml"]


class Mapping(dict[str, Any]):
    """A YAML mapping that knows the (1-based) line it starts on."""

    line: int = 0


class _Loader(BoundedLoader):
    """SafeLoader (no custom tags, no alias bombs: :mod:`kg.yamlsafe`) whose mappings carry
    line numbers."""

    path = "<yaml>"

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Mapping:  # type: ignore[override]
        out = Mapping()
        out.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
            if key in out:
                raise CurationError(
                    f"{self.path}:{key_node.start_mark.line + 1}: duplicate key {key!r}"
                )
            out[key] = self.construct_object(value_node, deep=True)  # type: ignore[no-untyped-call]
        return out


_Loader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _Loader.construct_mapping,  # type: ignore[arg-type]
)


def load_yaml(path: Path, max_bytes: int = 5_000_000) -> Any:
    """Load one YAML document safely; every problem becomes a one-line CurationError."""
    text = read_utf8(path, max_bytes, CurationError)
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        loader.path = str(path)
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise CurationError(f"{path}{line}: YAML error: {problem}") from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CurationError(f"{path}: YAML error: {first}") from None
    finally:
        if loader is not None:
            loader.dispose()
