"""claimgraph: a claim and fact-tracking knowledge graph.

>>> import kg
>>> kg.__version__.count(".") >= 1
True
"""

from __future__ import annotations

__version__ = "0.1.0"
