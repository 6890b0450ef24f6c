"""A synthetic corpus shaped like claimgraph's real data, written as N-Quads.

Agents with labels in English and Indonesian and aliases (in the agents graph); articles, each
its own named graph, with claims (texts in both languages, some with quantities, some repeated
from earlier articles), statements with spans (quote and position selectors) and, for about
one claim in five, a denial by another agent that responds to the original statement.

Usage: python bench/synth.py --triples 100000 OUT.nq
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

ID = "https://w3id.org/claimgraph/id/"
CG = "https://w3id.org/claimgraph/ns#"
SDO = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"

EN = (
    "military",
    "cooperation",
    "containers",
    "weapons",
    "sanctions",
    "ministry",
    "ship",
    "border",
    "missile",
    "talks",
    "election",
    "hospital",
    "strike",
    "civilians",
    "grain",
    "exports",
    "troops",
    "drone",
    "ceasefire",
    "aid",
    "oil",
    "port",
    "treaty",
    "visit",
)
IDN = (
    "militer",
    "kerja sama",
    "kontainer",
    "senjata",
    "sanksi",
    "kementerian",
    "kapal",
    "perbatasan",
    "rudal",
    "perundingan",
    "pemilu",
    "rumah sakit",
    "serangan",
    "warga sipil",
    "gandum",
    "ekspor",
    "pasukan",
    "drone",
    "gencatan senjata",
    "bantuan",
    "minyak",
    "pelabuhan",
    "perjanjian",
    "kunjungan",
)
NAMES = (
    "Korea",
    "Rusia",
    "Amerika",
    "Tiongkok",
    "Ukraina",
    "Indonesia",
    "Vietnam",
    "Iran",
    "Turki",
    "Jepang",
    "Brasil",
    "Mesir",
    "Kenya",
    "Peru",
    "Chile",
    "Polandia",
)
STANCES = ("asserts", "asserts", "asserts", "supports", "accuses", "disputes")


def lit(text: str, lang: str | None = None) -> str:
    """An N-Triples literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def typed(value: object, datatype: str) -> str:
    """A typed literal."""
    return f'"{value}"^^<{XSD}{datatype}>'


def iri(text: str) -> str:
    """An IRI term."""
    return f"<{text}>"


class Corpus:
    """Generates quads until about ``target`` have been written."""

    def __init__(self, target: int, seed: int = 7) -> None:
        self.target = target
        self.rng = random.Random(seed)
        self.agents = max(50, target // 500)
        self.claims: list[tuple[str, str]] = []  # (claim iri, first statement iri)
        self.count = 0

    def quad(self, s: str, p: str, o: str, g: str) -> str:
        self.count += 1
        return f"{s} {iri(p)} {o} {g} .\n"

    def agent_label(self, n: int) -> tuple[str, str]:
        a, b = NAMES[n % len(NAMES)], EN[(n // len(NAMES)) % len(EN)]
        return f"{a} {b} office {n}", f"Kantor {b} {a} {n}"

    def agent_quads(self) -> Iterator[str]:
        g = iri(ID + "graph/agents")
        for n in range(self.agents):
            a = iri(f"{ID}agent/a{n}")
            en, idn = self.agent_label(n)
            yield self.quad(a, RDF_TYPE, iri(PROV + "Agent"), g)
            yield self.quad(a, RDF_TYPE, iri(SDO + "Organization"), g)
            yield self.quad(a, SKOS + "prefLabel", lit(en, "en"), g)
            yield self.quad(a, SKOS + "prefLabel", lit(idn, "id"), g)
            yield self.quad(a, SKOS + "altLabel", lit(f"A{n}", "en"), g)
            yield self.quad(a, SKOS + "altLabel", lit(f"{NAMES[n % len(NAMES)]} {n}", "id"), g)
            yield self.quad(a, SKOS + "altLabel", lit(f"Office{n}", "und"), g)

    def sentence(self, words: tuple[str, ...], k: int) -> str:
        return " ".join(self.rng.choice(words) for _ in range(k))

    def statement(
        self, g: str, src: str, name: str, claim: str, who: str, stance: str, text: str, pos: int
    ) -> Iterator[str]:
        st = iri(name)
        span = iri(name + "#span")
        quote, position = iri(name + "#span-quote"), iri(name + "#span-position")
        yield self.quad(st, RDF_TYPE, iri(CG + "Statement"), g)
        yield self.quad(st, CG + "claim", iri(claim), g)
        yield self.quad(st, CG + "stance", iri(CG + stance), g)
        yield self.quad(st, PROV + "wasAttributedTo", who, g)
        yield self.quad(st, PROV + "wasDerivedFrom", src, g)
        yield self.quad(
            st, CG + "directQuote", typed(str(self.rng.random() < 0.3).lower(), "boolean"), g
        )
        yield self.quad(st, CG + "hedged", typed("false", "boolean"), g)
        yield self.quad(st, CG + "reportingVerb", lit("mengatakan"), g)
        yield self.quad(st, CG + "span", span, g)
        yield self.quad(span, RDF_TYPE, iri(CG + "Span"), g)
        yield self.quad(span, RDF_TYPE, iri(OA + "SpecificResource"), g)
        yield self.quad(span, OA + "hasSource", src, g)
        yield self.quad(span, OA + "hasSelector", quote, g)
        yield self.quad(span, OA + "hasSelector", position, g)
        yield self.quad(quote, RDF_TYPE, iri(OA + "TextQuoteSelector"), g)
        yield self.quad(quote, OA + "exact", lit(text), g)
        yield self.quad(quote, OA + "prefix", lit("kata "), g)
        yield self.quad(quote, OA + "suffix", lit(". "), g)
        yield self.quad(position, RDF_TYPE, iri(OA + "TextPositionSelector"), g)
        yield self.quad(position, OA + "start", typed(pos, "integer"), g)
        yield self.quad(position, OA + "end", typed(pos + len(text), "integer"), g)

    def article_quads(self, n: int) -> Iterator[str]:
        rng = self.rng
        name = f"s{n}"
        g, src = iri(f"{ID}graph/{name}"), iri(f"{ID}source/{name}")
        day = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
        yield self.quad(src, RDF_TYPE, iri(SDO + "NewsArticle"), g)
        yield self.quad(src, RDF_TYPE, iri(PROV + "Entity"), g)
        yield self.quad(src, RDF_TYPE, iri(PROV + "Agent"), g)
        yield self.quad(src, SDO + "headline", lit(self.sentence(IDN, 8)), g)
        yield self.quad(src, SDO + "inLanguage", lit("id"), g)
        yield self.quad(src, SDO + "datePublished", typed(day, "date"), g)
        pos = 0
        for k in range(rng.randint(3, 7)):
            if self.claims and rng.random() < 0.2:
                claim, first = rng.choice(self.claims)
            else:
                claim, first = f"{ID}claim/c{len(self.claims)}", ""
                en, idn = self.sentence(EN, 10), self.sentence(IDN, 10)
                c = iri(claim)
                yield self.quad(c, RDF_TYPE, iri(CG + "Claim"), g)
                yield self.quad(c, RDF_TYPE, iri(SDO + "Claim"), g)
                yield self.quad(c, SDO + "text", lit(en, "en"), g)
                yield self.quad(c, SDO + "text", lit(idn, "id"), g)
                yield self.quad(
                    c, SDO + "about", iri(f"{ID}agent/a{rng.randrange(self.agents)}"), g
                )
                if rng.random() < 0.25:
                    q = iri(claim + "#quantity-1")
                    yield self.quad(c, CG + "quantity", q, g)
                    yield self.quad(q, RDF_TYPE, iri(CG + "Quantity"), g)
                    yield self.quad(q, SDO + "value", typed(rng.randint(2, 5000), "decimal"), g)
                    yield self.quad(q, CG + "comparator", iri(CG + "moreThan"), g)
                    yield self.quad(q, SDO + "unitText", lit("container"), g)
            who = rng.randrange(self.agents)
            claimant = src if rng.random() < 0.1 else iri(f"{ID}agent/a{who}")
            st = f"{ID}statement/{name}/st{k}"
            yield from self.statement(
                g, src, st, claim, claimant, rng.choice(STANCES), self.sentence(IDN, 12), pos
            )
            yield self.quad(iri(st), DCT + "date", typed(day, "date"), g)
            pos += 120
            if not first:
                self.claims.append((claim, st))
                first = st
            if rng.random() < 0.2:
                denier = iri(
                    f"{ID}agent/a{(who + 1 + rng.randrange(self.agents - 1)) % self.agents}"
                )
                dn = f"{ID}statement/{name}/st{k}-denial"
                yield from self.statement(
                    g, src, dn, claim, denier, "denies", self.sentence(IDN, 9), pos
                )
                yield self.quad(iri(dn), CG + "respondsTo", iri(first), g)
                pos += 120

    def __iter__(self) -> Iterator[str]:
        yield from self.agent_quads()
        n = 0
        while self.count < self.target:
            yield from self.article_quads(n)
            n += 1


def write(target: int, out: Path) -> int:
    """Write about ``target`` quads to ``out``; return how many."""
    corpus = Corpus(target)
    with out.open("w", encoding="utf-8") as f:
        for line in corpus:
            f.write(line)
    return corpus.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(f"wrote {write(args.triples, args.out)} quads to {args.out}")


if __name__ == "__main__":
    main()
