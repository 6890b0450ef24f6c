"""Agents: people, organisations and governments that make or deny claims."""

from __future__ import annotations

import enum
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field
from rdflib import URIRef

from kg.model._types import IRI, URL, IRISet, LangMap, LangMultiMap, URLSet
from kg.namespace import CG, OWL, PROV, RDF, SDO, SKOS, WD
from kg.rdf import Node, Pred

__all__ = ["Agent", "AgentKind", "Role"]


class AgentKind(enum.StrEnum):
    """What kind of agent; each maps to a schema.org class."""

    person = "person"
    organization = "organization"
    government = "government"


_KIND_CLASSES = {
    AgentKind.person: SDO.Person,
    AgentKind.organization: SDO.Organization,
    AgentKind.government: SDO.GovernmentOrganization,
}


class Role(BaseModel):
    """A title an agent holds, optionally within another agent (ambassador *of Russia*)."""

    model_config = ConfigDict(extra="forbid")
    rdf_types: ClassVar[tuple[URIRef, ...]] = (CG.Role,)

    title: Annotated[LangMap, Pred(SDO.roleName), Field(min_length=1)]
    of: Annotated[IRI | None, Pred(CG.roleOf, iri=True)] = None


class Agent(Node):
    """A person, organisation or government, with labels and aliases in several languages.

    >>> a = Agent(id="https://w3id.org/claimgraph/id/agent/united-states",
    ...           kind="government", labels={"en": "United States government"},
    ...           aliases={"und": ["Washington"], "id": ["AS"]},
    ...           same_as=["http://www.wikidata.org/entity/Q30"])
    >>> a.wikidata, a.label("id")
    ('Q30', 'United States government')
    >>> sorted(a.names())
    ['AS', 'United States government', 'Washington']
    """

    model_config = ConfigDict(extra="forbid")
    rdf_types: ClassVar[tuple[URIRef, ...]] = (PROV.Agent,)

    id: IRI
    kind: Annotated[AgentKind, Pred(RDF.type, type_map=_KIND_CLASSES)]
    labels: Annotated[LangMap, Pred(SKOS.prefLabel), Field(min_length=1)]
    aliases: Annotated[LangMultiMap, Pred(SKOS.altLabel)] = Field(default_factory=dict)
    roles: Annotated[list[Role], Pred(CG.role)] = Field(default_factory=list)
    same_as: Annotated[IRISet, Pred(OWL.sameAs, iri=True)] = Field(default_factory=list)
    #: For a government: the country it governs (a Wikidata item). Not owl:sameAs: a state
    #: is not its government.
    government_of: Annotated[IRISet, Pred(CG.governmentOf, iri=True)] = Field(default_factory=list)
    #: The agent's own web site (ClaimReview ``author.url``).
    url: Annotated[URL | None, Pred(SDO.url, iri=True)] = None
    #: Pages that identify the agent (ClaimReview ``sameAs`` other than Wikidata, and its
    #: ``@id`` when that is a web address): schema:sameAs, weaker than owl:sameAs.
    links: Annotated[URLSet, Pred(SDO.sameAs, iri=True)] = Field(default_factory=list)

    @property
    def wikidata(self) -> str | None:
        """The Wikidata QID, if the agent is linked to Wikidata (for a government: the
        country it governs)."""
        for iri in [*self.same_as, *self.government_of]:
            if iri.startswith(str(WD)):
                return iri[len(str(WD)) :]
        return None

    def label(self, lang: str = "en") -> str:
        """The preferred label in ``lang``, else English, else any."""
        return self.labels.get(lang) or self.labels.get("en") or next(iter(self.labels.values()))

    def names(self) -> set[str]:
        """Every label and alias, in every language."""
        out = set(self.labels.values())
        for names in self.aliases.values():
            out.update(names)
        return out
