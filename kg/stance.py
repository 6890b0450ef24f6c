"""The one stance vocabulary: the five stances a statement can take on a claim.

Each has two spellings, fixed by the formats that carry them: the extractor's noun (``kind`` in
``kg extract --json``: "denial") and the graph's verb (``cg:denies``, the claim files' and
exports' ``stance``). Every table that names stances is built from this module;
:class:`kg.model.statement.Stance` and :data:`kg.extract.result.Kind` declare the same five
(a test keeps them equal).

>>> KIND_OF["denies"], VERB_OF["denial"]
('denial', 'denies')
"""

from __future__ import annotations

__all__ = ["KINDS", "KIND_OF", "RESPONSES", "VERBS", "VERB_OF"]

#: The graph's spelling (cg:asserts ...), in display order.
VERBS = ("asserts", "denies", "disputes", "supports", "accuses")
#: The extractor's spelling, in the same order.
KINDS = ("assertion", "denial", "dispute", "support", "accusation")
#: verb -> noun and noun -> verb
KIND_OF = dict(zip(VERBS, KINDS, strict=True))
VERB_OF = dict(zip(KINDS, VERBS, strict=True))
#: Stances that answer another statement (and so may have targets).
RESPONSES = frozenset({"denial", "dispute", "support"})
