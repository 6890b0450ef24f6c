"""Every term of the typed vocabularies exists in the ontology."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.namespace import CG
from kg.paths import ontology_text


def test_every_cg_term_is_defined_in_the_ontology() -> None:
    ontology = Graph().parse(data=ontology_text("claimgraph.ttl"), format="turtle")
    declared = [name for name in CG.__annotations__ if not name.startswith("_")]
    assert len(declared) > 30
    missing = [n for n in declared if (URIRef(CG[n]), RDF.type, None) not in ontology]
    assert missing == []


def test_every_ontology_term_is_in_the_typed_namespace() -> None:
    ontology = Graph().parse(data=ontology_text("claimgraph.ttl"), format="turtle")
    ns = str(CG._NS)
    defined = {
        str(s)[len(ns) :] for s in ontology.subjects(RDF.type, None) if str(s).startswith(ns)
    }
    assert defined == {n for n in CG.__annotations__ if not n.startswith("_")}


def test_one_stance_vocabulary() -> None:
    """The model's Stance enum and the extractor's Kind declare the five stances of kg.stance."""
    from typing import get_args

    from kg.extract.result import Kind
    from kg.model.statement import Stance
    from kg.stance import KINDS, VERBS

    assert tuple(s.value for s in Stance) == VERBS
    assert get_args(Kind) == KINDS
