"""The generic mapper: model -> RDF -> model is lossless (property-based and on real data)."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, URIRef

from kg.curation.seeds import Corpus
from kg.model import (
    Agent,
    AgentKind,
    Claim,
    Comparator,
    Quantity,
    Rating,
    Review,
    Role,
    Source,
    Span,
    Stance,
    Statement,
    content_hash,
)
from kg.rdf import from_graph, to_graph

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() == s and s)
slugs = st.text(alphabet=string.ascii_lowercase + string.digits + "-", min_size=1, max_size=12)
iris = slugs.map(lambda s: f"https://w3id.org/claimgraph/id/x/{s}")
langs = st.sampled_from(["en", "id", "ru", "und", "pt-br"])
langmaps = st.dictionaries(langs, text, min_size=1, max_size=3)
numbers = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))

quantities = st.builds(
    Quantity,
    value=numbers,
    comparator=st.sampled_from(list(Comparator)),
    unit=st.none() | text,
    text=st.none() | text,
)
claims = st.builds(
    Claim,
    id=iris,
    text=langmaps,
    about=st.lists(iris, max_size=3),
    quantities=st.lists(quantities, max_size=3),
    time=st.none() | text,
)
agents = st.builds(
    Agent,
    id=iris,
    kind=st.sampled_from(list(AgentKind)),
    labels=langmaps,
    aliases=st.dictionaries(langs, st.lists(text, min_size=1, max_size=3), max_size=3),
    roles=st.lists(st.builds(Role, title=langmaps, of=st.none() | iris), max_size=2),
    same_as=st.lists(iris, max_size=2),
)


@st.composite
def sources(draw: st.DrawFn) -> Source:
    body = draw(st.text(min_size=1, max_size=200).filter(lambda s: "\x00" not in s))
    return Source(
        id=draw(iris),
        title=draw(text),
        language=draw(langs),
        text=body,
        content_hash=content_hash(body),
        author=draw(st.none() | text),
        publisher=draw(st.none() | text),
        date=draw(st.none() | dates),
        url=draw(st.none() | iris),
    )


@st.composite
def statements(draw: st.DrawFn) -> Statement:
    source = draw(iris)
    body = draw(st.text(alphabet=string.ascii_letters + " .,“”", min_size=5, max_size=80))
    start = draw(st.integers(0, len(body) - 2))
    end = draw(st.integers(start + 1, len(body)))
    return Statement(
        id=draw(iris),
        claims=draw(st.lists(iris, min_size=1, max_size=3)),
        claimant=draw(iris),
        stance=draw(st.sampled_from(list(Stance))),
        source=source,
        span=Span.locate(source, body, start, end),
        quote=draw(st.booleans()),
        verb=draw(st.none() | text),
        hedged=draw(st.booleans()),
        hedge=draw(st.none() | text),
        date=draw(st.none() | dates),
        date_text=draw(st.none() | text),
        responds_to=draw(st.lists(iris, max_size=2)),
        confidence=draw(st.none() | st.floats(0, 1)),
        generated_by=draw(st.none() | iris),
    )


reviews = st.builds(
    Review,
    id=iris,
    claim=iris,
    rating=st.builds(
        Rating,
        label=text,
        value=st.none() | numbers,
        best=st.none() | numbers,
        worst=st.none() | numbers,
    ),
    author=text,
    url=st.none() | iris,
    date=st.none() | dates,
)


def round_trip(model):  # type: ignore[no-untyped-def]
    graph = to_graph([model])
    return from_graph(type(model), graph, URIRef(model.id))


@settings(max_examples=60)
@given(claims)
def test_claim_round_trip(claim: Claim) -> None:
    assert round_trip(claim) == claim


@settings(max_examples=60)
@given(agents)
def test_agent_round_trip(agent: Agent) -> None:
    assert round_trip(agent) == agent


@settings(max_examples=60)
@given(sources())
def test_source_round_trip(source: Source) -> None:
    assert round_trip(source) == source


@settings(max_examples=60)
@given(statements())
def test_statement_round_trip(statement: Statement) -> None:
    assert round_trip(statement) == statement


@settings(max_examples=40)
@given(reviews)
def test_review_round_trip(review: Review) -> None:
    assert round_trip(review) == review


def test_every_seed_model_reads_back_from_the_built_dataset(
    corpus: Corpus, dataset: Dataset
) -> None:
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    count = 0
    for bundle in corpus.bundles:
        for node in bundle.nodes():
            assert from_graph(type(node), union, URIRef(node.id)) == node
            count += 1
    for agent in corpus.agents:
        assert from_graph(Agent, union, URIRef(agent.id)) == agent
        count += 1
    assert count > 40
