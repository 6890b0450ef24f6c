# Per-claim and per-agent counts kept in the stats graph, recomputed for the claims and agents
# a write touched, with the agents' lower-cased labels and aliases (cgs:key, which the one-agent
# queries look up). The ranked and grouped canned queries read these. Included in replace.ru
# and drop.ru, which declare the prefixes.
DELETE { {STATS_OPEN} ?c ?p ?o {STATS_CLOSE} }
WHERE { VALUES ?c { {CLAIMS} {AGENTS} } {STATS_OPEN} ?c ?p ?o {STATS_CLOSE} } ;
INSERT { {STATS_OPEN}
  ?c cgs:statements ?n ; cgs:assertions ?a ; cgs:denials ?d ; cgs:disputes ?u ;
     cgs:sources ?s ; cgs:claimants ?k ; cgs:attributed ?at ; cgs:contestScore ?score .
{STATS_CLOSE} }
WHERE {
  { SELECT ?c (COUNT(DISTINCT ?st) AS ?n)
           (SUM(IF(?stance = cg:asserts || ?stance = cg:supports || ?stance = cg:accuses, 1, 0)) AS ?a)
           (SUM(IF(?stance = cg:denies, 1, 0)) AS ?d)
           (SUM(IF(?stance = cg:disputes, 1, 0)) AS ?u)
           (COUNT(DISTINCT ?src) AS ?s) (COUNT(DISTINCT ?who) AS ?k)
           (SUM(IF(?who = ?src, 0, 1)) AS ?at)
    WHERE {
      VALUES ?c { {CLAIMS} }
      GRAPH ?g { ?st cg:claim ?c ; cg:stance ?stance ; prov:wasAttributedTo ?who ;
                     prov:wasDerivedFrom ?src . }
    } GROUP BY ?c }
  BIND (IF(?a > 0 && ?d + ?u > 0, ?d + ?u, 0) AS ?score)
} ;
INSERT { {STATS_OPEN} ?who cgs:statements ?n ; cgs:denials ?d . {STATS_CLOSE} }
WHERE {
  { SELECT ?who (COUNT(?st) AS ?n) (SUM(COALESCE(IF(?stance = cg:denies, 1, 0), 0)) AS ?d)
    WHERE {
      VALUES ?who { {AGENTS} }
      OPTIONAL { GRAPH ?g { ?st prov:wasAttributedTo ?who ; cg:stance ?stance . } }
    } GROUP BY ?who }
} ;
INSERT { {STATS_OPEN} ?who cgs:key ?key . {STATS_CLOSE} }
WHERE {
  VALUES ?who { {AGENTS} }
  GRAPH ?g { ?who <http://www.w3.org/2004/02/skos/core#prefLabel>|<http://www.w3.org/2004/02/skos/core#altLabel> ?label }
  BIND (LCASE(STR(?label)) AS ?key)
}
