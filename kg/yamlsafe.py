"""YAML read safely and within bounds: no custom tags (SafeLoader), and no alias bombs.

A YAML alias (``*a``) refers to an anchored node (``&a``); PyYAML shares the node, so nine
lines of aliases make a structure of a billion items that costs nothing to load and gigabytes
to print or walk (issue 14: 1 KB of front matter used over 6 GB). :class:`BoundedLoader`
counts the nodes the document would have with every alias expanded, and refuses it past
:data:`MAX_NODES` (and refuses an alias that contains itself), before anything is built.

>>> load_bounded("title: Halo\\ntags: [a, b]")
{'title': 'Halo', 'tags': ['a', 'b']}
>>> bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
...     f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\\n"
...     for p, c in zip("abcdefgh", "bcdefghi"))
>>> load_bounded(bomb)
Traceback (most recent call last):
...
kg.yamlsafe.YamlTooLarge: YAML with its aliases expanded is over 100000 items
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["MAX_NODES", "BoundedLoader", "YamlTooLarge", "expanded_size", "load_bounded"]

#: Most items (scalars, lists, mappings) a YAML document may have once aliases are expanded.
MAX_NODES = 100_000


class YamlTooLarge(yaml.YAMLError):
    """A YAML document too large once its aliases are expanded, or that holds itself."""


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def expanded_size(root: yaml.Node, limit: int = MAX_NODES) -> int:
    """How many nodes ``root`` has with aliases expanded; YamlTooLarge past ``limit``."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_.discard(key)
            total = 1 + sum(sizes[id(c)] for c in _children(node))
            if total > limit:
                raise YamlTooLarge(f"YAML with its aliases expanded is over {limit} items")
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in open_:
            raise YamlTooLarge("YAML alias that contains itself")
        open_.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in open_:
                raise YamlTooLarge("YAML alias that contains itself")
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


class BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses documents over :data:`MAX_NODES` items with aliases expanded,
    and documents nested so deeply that the parser's recursion gives out."""

    def get_single_data(self) -> Any:
        try:
            node = self.get_single_node()
        except RecursionError:
            raise YamlTooLarge("YAML nested too deeply") from None
        if node is None:
            return None
        expanded_size(node)
        try:
            return self.construct_document(node)
        except RecursionError:
            raise YamlTooLarge("YAML nested too deeply") from None


def load_bounded(text: str) -> Any:
    """One YAML document from ``text``, read by :class:`BoundedLoader`."""
    loader = BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
