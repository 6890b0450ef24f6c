# Per-claim counts kept in the stats graph, recomputed for the claims a write touched
# (stats-agents.ru: the agents'). The ranked and grouped canned queries read these. Included
# in replace.ru, append.ru and drop.ru, which declare the prefixes: one request, one
# transaction. Written by difference: a row whose value is unchanged is neither deleted nor
# inserted again (Virtuoso's roll forward lost rows that one transaction deleted and inserted
# again), a row whose value changed is replaced, the rows of a claim with nothing left to count
# go. One operation per count (Virtuoso 7.2 refuses, or miscomputes, every form that compares
# several counts of an aggregating subquery at once); the contest score last, from the counts
# just written. The VALUES inside each OPTIONAL keep it to the claims written: Oxigraph
# evaluates an OPTIONAL's pattern on its own, and without them read every claim's row.
DELETE { {STATS_OPEN} ?c ?p ?old {STATS_CLOSE} }
WHERE {
  VALUES ?c { {CLAIMS} }
  {STATS_OPEN} ?c ?p ?old {STATS_CLOSE}
  FILTER (?p IN (cgs:statements, cgs:assertions, cgs:denials, cgs:disputes, cgs:sources,
                 cgs:claimants, cgs:attributed, cgs:contestScore))
  MINUS {
    SELECT DISTINCT ?c WHERE {
      VALUES ?c { {CLAIMS} }
      GRAPH ?g { ?st cg:claim ?c ; cg:stance ?stance ; prov:wasAttributedTo ?who ;
                     prov:wasDerivedFrom ?src . }
    }
  }
} ;
DELETE { {STATS_OPEN} ?c cgs:statements ?old {STATS_CLOSE} }
INSERT { {STATS_OPEN} ?c cgs:statements ?new {STATS_CLOSE} }
WHERE {
  { SELECT ?c (COUNT(DISTINCT ?st) AS ?new)
    WHERE {
      VALUES ?c { {CLAIMS} }
      GRAPH ?g { ?st cg:claim ?c ; cg:stance ?stance ; prov:wasAttributedTo ?who ;
                     prov:wasDerivedFrom ?src . }
    } GROUP BY ?c }
  OPTIONAL { VALUES ?c { {CLAIMS} } {STATS_OPEN} ?c cgs:statements ?old {STATS_CLOSE} }
  FILTER (!BOUND(?old) || ?old != ?new)
} ;
DELETE { {STATS_OPEN} ?c cgs:assertions ?old {STATS_CLOSE} }
INSERT { {STATS_OPEN} ?c cgs:assertions ?new {STATS_CLOSE} }
WHERE {
  { SELECT ?c (SUM(IF(?stance = cg:asserts || ?stance = cg:supports || ?stance = cg:accuses, 1, 0)) AS ?new)
    WHERE {
      VALUES ?c { {CLAIMS} }
      GRAPH ?g { ?st cg:claim ?c ; cg:stance ?stance ; prov:wasAttributedTo ?who ;
                     prov:wasDerivedFrom ?src . }
    } GROUP BY ?c }
  OPTIONAL { VALUES ?c { {CLAIMS} } {STATS_OPEN} ?c cgs:assertions ?old {STATS_CLOSE} }
  FILTER (!BOUND(?old) || ?old != ?new)
} ;
DELETE { {STATS_OPEN} ?c cgs:denials ?old {STATS_CLOSE} }
INSERT { {STATS_OPEN} ?c cgs:denials ?new {STATS_CLOSE} }
WHERE {
  { SELECT ?c (SUM(IF(?stance = cg:denies, 1, 0)) AS ?new)
    WHERE {
      VALUES ?c { {CLAIMS} }
      GRAPH ?g { ?st cg:claim ?c ; cg:stance ?stance ; prov:wasAttributedTo ?who ;
                     prov:wasDerivedFrom ?src . }
    } GROUP BY ?c }
  OPTIONAL { VALUES ?c { {CLAIMS} } {STATS_OPEN} ?c cgs:denials ?old {STATS_CLOSE} }
  FILTER (!BOUND(?old) || ?old != ?new)
} ;
DELETE { {STATS_OPEN} ?c cgs:disputes ?old {STATS_CLOSE} }
INSERT { {STATS_OPEN} ?c cgs:disputes ?new {STATS_CLOSE} }
WHERE {
  { SELECT ?c (SUM(IF(?stance = cg:disputes, 1, 0)) AS ?new)
    WHERE {
      VALUES ?c { {CLAIMS} }
      GRAPH ?g { ?st cg:claim ?c ; cg:stance ?stance ; prov:wasAttributedTo ?who ;
                     prov:wasDerivedFrom ?src . }
    } GROUP BY ?c }
  OPTIONAL { VALUES ?c { {CLAIMS} } {STATS_OPEN} ?c cgs:disputes ?old {STATS_CLOSE} }
  FILTER (!BOUND(?old) || ?old != ?new)
} ;
DELETE { {STATS_OPEN} ?c cgs:sources ?old {STATS_CLOSE} }
INSERT { {STATS_OPEN} ?c cgs:sources ?new {STATS_CLOSE} }
WHERE {
  { SELECT ?c (COUNT(DISTINCT ?src) AS ?new)
    WHERE {
      VALUES ?c { {CLAIMS} }
      GRAPH ?g { ?st cg:claim ?c ; cg:stance ?stance ; prov:wasAttributedTo ?who ;
                     prov:wasDerivedFrom ?src . }
    } GROUP BY ?c }
  OPTIONAL { VALUES ?c { {CLAIMS} } {STATS_OPEN} ?c cgs:sources ?old {STATS_CLOSE} }
  FILTER (!BOUND(?old) || ?old != ?new)
} ;
DELETE { {STATS_OPEN} ?c cgs:claimants ?old {STATS_CLOSE} }
INSERT { {STATS_OPEN} ?c cgs:claimants ?new {STATS_CLOSE} }
WHERE {
  { SELECT ?c (COUNT(DISTINCT ?who) AS ?new)
    WHERE {
      VALUES ?c { {CLAIMS} }
      GRAPH ?g { ?st cg:claim ?c ; cg:stance ?stance ; prov:wasAttributedTo ?who ;
                     prov:wasDerivedFrom ?src . }
    } GROUP BY ?c }
  OPTIONAL { VALUES ?c { {CLAIMS} } {STATS_OPEN} ?c cgs:claimants ?old {STATS_CLOSE} }
  FILTER (!BOUND(?old) || ?old != ?new)
} ;
DELETE { {STATS_OPEN} ?c cgs:attributed ?old {STATS_CLOSE} }
INSERT { {STATS_OPEN} ?c cgs:attributed ?new {STATS_CLOSE} }
WHERE {
  { SELECT ?c (SUM(IF(?who = ?src, 0, 1)) AS ?new)
    WHERE {
      VALUES ?c { {CLAIMS} }
      GRAPH ?g { ?st cg:claim ?c ; cg:stance ?stance ; prov:wasAttributedTo ?who ;
                     prov:wasDerivedFrom ?src . }
    } GROUP BY ?c }
  OPTIONAL { VALUES ?c { {CLAIMS} } {STATS_OPEN} ?c cgs:attributed ?old {STATS_CLOSE} }
  FILTER (!BOUND(?old) || ?old != ?new)
} ;
DELETE { {STATS_OPEN} ?c cgs:contestScore ?old {STATS_CLOSE} }
INSERT { {STATS_OPEN} ?c cgs:contestScore ?new {STATS_CLOSE} }
WHERE {
  VALUES ?c { {CLAIMS} }
  {STATS_OPEN} ?c cgs:assertions ?a ; cgs:denials ?d ; cgs:disputes ?u {STATS_CLOSE}
  BIND (IF(?a > 0 && ?d + ?u > 0, ?d + ?u, 0) AS ?new)
  OPTIONAL { VALUES ?c { {CLAIMS} } {STATS_OPEN} ?c cgs:contestScore ?old {STATS_CLOSE} }
  FILTER (!BOUND(?old) || ?old != ?new)
}
