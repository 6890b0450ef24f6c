"""A bundle whose every untrusted text is an injection attempt, for the safety tests."""

from __future__ import annotations

from rdflib import Dataset, URIRef

from kg.model import (
    Agent,
    Bundle,
    Claim,
    Rating,
    Review,
    Source,
    Span,
    Statement,
    content_hash,
)
from kg.namespace import SDO
from kg.store import EmbeddedStore

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
JS_URL = "javascript:alert(1)"
EVIL = f"{IMG} {SCRIPT} &amp; \"'`"

BASE = "https://w3id.org/claimgraph/id/"
SOURCE = BASE + "source/evil"
CLAIM = BASE + "claim/evil-claim"
AGENT = BASE + "agent/evil-agent"
OTHER = BASE + "agent/other-agent"

TEXT = f"Headline {EVIL}\n\nThe agent said {EVIL} loudly. Another denied {IMG} it."


def evil_bundle() -> Bundle:
    """One source, two agents, one claim, an assertion and a denial on overlapping spans."""
    start = TEXT.index("said ") + 5
    end = start + len(EVIL)
    deny = TEXT.index("Another denied")
    overlap = TEXT.index(SCRIPT, start)  # the denial's span overlaps the assertion's
    return Bundle(
        source=Source(
            id=SOURCE,
            title=f"Title {EVIL}",
            language="en",
            text=TEXT,
            content_hash=content_hash(TEXT),
            author=IMG,
        ),
        agents=[
            Agent(id=AGENT, kind="person", labels={"en": f"Agent {IMG}"}, aliases={"en": [SCRIPT]}),
            Agent(id=OTHER, kind="organization", labels={"en": f"Other {SCRIPT}"}),
        ],
        claims=[Claim(id=CLAIM, text={"en": f"Claim {EVIL}", "id": f"Klaim {SCRIPT}"})],
        statements=[
            Statement(
                id=BASE + "statement/evil/says",
                claims=[CLAIM],
                claimant=AGENT,
                stance="asserts",
                source=SOURCE,
                span=Span.locate(SOURCE, TEXT, start, end),
                quote=True,
                verb=IMG,
            ),
            Statement(
                id=BASE + "statement/evil/denies",
                claims=[CLAIM],
                claimant=OTHER,
                stance="denies",
                source=SOURCE,
                span=Span.locate(SOURCE, TEXT, overlap, deny + len("Another denied " + IMG)),
                hedged=True,
                hedge=SCRIPT,
            ),
        ],
        reviews=[
            Review(
                id=BASE + "review/evil",
                claim=CLAIM,
                rating=Rating(label=f"False {IMG}"),
                author=SCRIPT,
            )
        ],
    )


def evil_store() -> EmbeddedStore:
    """An in-memory store holding only the evil bundle, with ``javascript:`` URLs on the
    source and the review: the models refuse them (kg.urls), an older store may hold them."""
    ds = Dataset()
    bundle = evil_bundle()
    bundle.add_to(ds)
    for subject in (SOURCE, BASE + "review/evil"):
        for graph in ds.graphs():
            if (URIRef(subject), None, None) in graph:
                graph.add((URIRef(subject), SDO.url, URIRef(JS_URL)))
    store = EmbeddedStore()
    store.replace_graphs(ds)
    return store
