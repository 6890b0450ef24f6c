"""Agent entries as written in YAML (kg/data/agents.yaml and a claim file's ``agents:``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticError

from kg.curation.yamlfile import load_yaml
from kg.errors import CurationError
from kg.ids import agent_iri, wikidata_iri
from kg.model import Agent, Role
from kg.paths import AGENTS_PATH
from kg.slugs import name_key

__all__ = [
    "AgentIndex",
    "agent_from_yaml",
    "default_agents_path",
    "load_agents",
    "pydantic_message",
]


def default_agents_path() -> Path:
    """The shared agent registry shipped with the package."""
    return Path(str(AGENTS_PATH))


def _where(path: Path | str, entry: Any) -> str:
    line = getattr(entry, "line", 0)
    return f"{path}:{line}" if line else str(path)


def pydantic_message(exc: PydanticError) -> str:
    """One line out of a pydantic error: the first failing field and why."""
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"]) or "value"
    return f"field {loc!r}: {err['msg']}"


def agent_from_yaml(
    entry: Any, path: Path | str, known: Callable[[str], bool] = lambda _slug: True
) -> Agent:
    """Build an Agent from one YAML entry; ``known`` checks the agents roles point to."""
    where = _where(path, entry)
    if not isinstance(entry, dict):
        raise CurationError(f"{where}: an agent must be a mapping")
    slug = entry.get("id")
    if not isinstance(slug, str) or not slug:
        raise CurationError(f"{where}: agent without an 'id'")
    unknown = set(entry) - {"id", "kind", "labels", "aliases", "roles", "wikidata"}
    if unknown:
        raise CurationError(f"{where}: agent {slug!r}: unknown field {sorted(unknown)[0]!r}")
    roles = []
    for role in entry.get("roles") or []:
        of = role.get("of") if isinstance(role, dict) else None
        if of is not None and not known(of):
            raise CurationError(f"{_where(path, role)}: agent {slug!r}: unknown agent {of!r}")
        title = role.get("title") if isinstance(role, dict) else None
        roles.append({"title": title, "of": str(agent_iri(of)) if of else None})
    qid = entry.get("wikidata")
    kind = entry.get("kind")
    try:
        return Agent(
            id=str(agent_iri(slug)),
            kind=kind,
            labels=entry.get("labels") or {},
            aliases=entry.get("aliases") or {},
            roles=[Role.model_validate(r) for r in roles],
            # a government governs its country's item; it is not the same thing
            same_as=[str(wikidata_iri(qid))] if qid and kind != "government" else [],
            government_of=[str(wikidata_iri(qid))] if qid and kind == "government" else [],
        )
    except PydanticError as exc:
        raise CurationError(f"{where}: agent {slug!r}: {pydantic_message(exc)}") from None


def load_agents(path: Path | None = None) -> list[Agent]:
    """Read the agent registry; ids must be unique and roles must point to known agents."""
    path = path or default_agents_path()
    data = load_yaml(path)
    if not isinstance(data, list):
        raise CurationError(f"{path}: the agent registry must be a list of agents")
    slugs = [e.get("id") for e in data if isinstance(e, dict)]
    agents: list[Agent] = []
    seen: set[str] = set()
    for entry in data:
        agent = agent_from_yaml(entry, path, known=lambda s: s in slugs)
        if agent.id in seen:
            raise CurationError(f"{_where(path, entry)}: duplicate agent id {entry['id']!r}")
        seen.add(agent.id)
        agents.append(agent)
    AgentIndex(agents, path=str(path))  # refuses an alias that names two agents
    return agents


class AgentIndex:
    """Find agents by id, label or alias (case-insensitive).

    >>> index = AgentIndex(load_agents())
    >>> index.resolve("Kremlin").wikidata, index.resolve("amerika serikat").wikidata
    ('Q159', 'Q30')
    """

    def __init__(self, agents: Iterable[Agent], path: str = "agents") -> None:
        self.by_iri: dict[str, Agent] = {}
        self._by_name: dict[str, Agent] = {}
        for agent in agents:
            self.by_iri[agent.id] = agent
            for name in agent.names():
                key = name_key(name)
                other = self._by_name.get(key)
                if other is not None and other.id != agent.id:
                    raise CurationError(
                        f"{path}: alias {name!r} names both {other.id!r} and {agent.id!r}"
                    )
                self._by_name[key] = agent

    def __contains__(self, iri: object) -> bool:
        return iri in self.by_iri

    def resolve(self, name: str) -> Agent | None:
        """The agent with this id, label or alias, or None."""
        return self.by_iri.get(name) or self._by_name.get(name_key(name))

    def __iter__(self) -> Iterator[Agent]:
        return iter(self.by_iri.values())
