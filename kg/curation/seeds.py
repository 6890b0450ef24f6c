"""A folder of seeds: article texts paired with curated claim files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg.curation.agents import AgentIndex, load_agents
from kg.curation.claimfile import load_claim_file
from kg.errors import CurationError
from kg.ids import AGENTS_GRAPH
from kg.model import Agent, Bundle
from kg.rdf import to_triples

__all__ = ["CLAIMS_SUFFIX", "Corpus", "find_seed_pairs", "load_corpus"]

CLAIMS_SUFFIX = ".claims.yaml"


@dataclass
class Corpus:
    """The shared agents and one bundle per source article."""

    agents: list[Agent]
    bundles: list[Bundle] = field(default_factory=list)

    def dataset(self) -> Dataset:
        """The whole corpus as an RDF dataset: one named graph per source, one for agents."""
        ds = Dataset()
        agents_graph = ds.graph(AGENTS_GRAPH)
        for agent in self.agents:
            for triple in to_triples(agent):
                agents_graph.add(triple)
        for bundle in self.bundles:
            bundle.add_to(ds)
        return ds

    def summary(self) -> dict[str, int]:
        """Counts for the build report."""
        claims = {c.id for b in self.bundles for c in b.claims}
        return {
            "sources": len(self.bundles),
            "claims": len(claims),
            "statements": sum(len(b.statements) for b in self.bundles),
            "agents": len(self.agents) + sum(len(b.agents) for b in self.bundles),
            "denials": sum(len(b.denials()) for b in self.bundles),
        }


def find_seed_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(claim file, article) pairs; an article without a claim file (or the reverse) is an error."""
    if not folder.is_dir():
        raise CurationError(f"{folder}: no such seeds folder")
    pairs = []
    for claims in sorted(folder.glob(f"*{CLAIMS_SUFFIX}")):
        article = claims.with_name(claims.name[: -len(CLAIMS_SUFFIX)] + ".txt")
        if not article.is_file():
            raise CurationError(f"{claims}: no article {article.name} beside it")
        pairs.append((claims, article))
    for article in sorted(folder.glob("*.txt")):
        if not article.with_name(article.stem + CLAIMS_SUFFIX).is_file():
            raise CurationError(f"{article}: no claim file {article.stem}{CLAIMS_SUFFIX} beside it")
    if not pairs:
        raise CurationError(f"{folder}: no *{CLAIMS_SUFFIX} files")
    return pairs


def load_corpus(folder: Path, agents_path: Path | None = None) -> Corpus:
    """Load and cross-check every seed in ``folder``."""
    agents = load_agents(agents_path)
    index = AgentIndex(agents)
    corpus = Corpus(agents=agents)
    sources: dict[str, Path] = {}
    claims: dict[str, tuple[Path, object]] = {}
    local_agents: dict[str, Path] = {}
    for claims_path, article_path in find_seed_pairs(folder):
        bundle = load_claim_file(claims_path, article_path, index)
        if bundle.source.id in sources:
            raise CurationError(
                f"{claims_path}: source id already used by {sources[bundle.source.id]}"
            )
        sources[bundle.source.id] = claims_path
        for agent in bundle.agents:
            if agent.id in local_agents:
                raise CurationError(
                    f"{claims_path}: agent {agent.id!r} is also defined in "
                    f"{local_agents[agent.id]}; move it to the shared registry"
                )
            local_agents[agent.id] = claims_path
        for claim in bundle.claims:
            seen = claims.get(claim.id)
            if seen is not None and seen[1] != claim:
                raise CurationError(
                    f"{claims_path}: claim {claim.id!r} differs from its definition in {seen[0]}"
                )
            claims[claim.id] = (claims_path, claim)
        corpus.bundles.append(bundle)
    return corpus
