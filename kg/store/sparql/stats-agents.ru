# Per-agent counts kept in the stats graph, recomputed for the agents a write touched (zero
# included), with their lower-cased labels and aliases (cgs:key, which the one-agent queries
# look up); written by difference, as stats-claims.ru says. Included in replace.ru, append.ru
# and drop.ru.
DELETE { {STATS_OPEN} ?who cgs:statements ?old {STATS_CLOSE} }
INSERT { {STATS_OPEN} ?who cgs:statements ?new {STATS_CLOSE} }
WHERE {
  { SELECT ?who (COUNT(?st) AS ?new)
    WHERE {
      VALUES ?who { {AGENTS} }
      OPTIONAL { GRAPH ?g { ?st prov:wasAttributedTo ?who ; cg:stance ?stance . } }
    } GROUP BY ?who }
  OPTIONAL { VALUES ?who { {AGENTS} } {STATS_OPEN} ?who cgs:statements ?old {STATS_CLOSE} }
  FILTER (!BOUND(?old) || ?old != ?new)
} ;
DELETE { {STATS_OPEN} ?who cgs:denials ?old {STATS_CLOSE} }
INSERT { {STATS_OPEN} ?who cgs:denials ?new {STATS_CLOSE} }
WHERE {
  { SELECT ?who (SUM(COALESCE(IF(?stance = cg:denies, 1, 0), 0)) AS ?new)
    WHERE {
      VALUES ?who { {AGENTS} }
      OPTIONAL { GRAPH ?g { ?st prov:wasAttributedTo ?who ; cg:stance ?stance . } }
    } GROUP BY ?who }
  OPTIONAL { VALUES ?who { {AGENTS} } {STATS_OPEN} ?who cgs:denials ?old {STATS_CLOSE} }
  FILTER (!BOUND(?old) || ?old != ?new)
} ;
DELETE { {STATS_OPEN} ?who cgs:key ?key {STATS_CLOSE} }
WHERE {
  VALUES ?who { {AGENTS} }
  {STATS_OPEN} ?who cgs:key ?key {STATS_CLOSE}
  FILTER NOT EXISTS {
    GRAPH ?g { ?who <http://www.w3.org/2004/02/skos/core#prefLabel>|<http://www.w3.org/2004/02/skos/core#altLabel> ?label }
    FILTER (LCASE(STR(?label)) = ?key)
  }
} ;
INSERT { {STATS_OPEN} ?who cgs:key ?key . {STATS_CLOSE} }
WHERE {
  VALUES ?who { {AGENTS} }
  GRAPH ?g { ?who <http://www.w3.org/2004/02/skos/core#prefLabel>|<http://www.w3.org/2004/02/skos/core#altLabel> ?label }
  BIND (LCASE(STR(?label)) AS ?key)
  FILTER NOT EXISTS { {STATS_OPEN} ?who cgs:key ?key {STATS_CLOSE} }
}
