# Recompute every per-claim and per-agent count in the stats graph (after a bulk load).
PREFIX cg: <https://w3id.org/claimgraph/ns#>
PREFIX cgs: <https://w3id.org/claimgraph/ns/stats#>
PREFIX prov: <http://www.w3.org/ns/prov#>
DROP SILENT {STATS_TARGET} ;
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
      GRAPH ?g { ?st cg:claim ?c ; cg:stance ?stance ; prov:wasAttributedTo ?who ;
                     prov:wasDerivedFrom ?src . }
    } GROUP BY ?c }
  BIND (IF(?a > 0 && ?d + ?u > 0, ?d + ?u, 0) AS ?score)
} ;
INSERT { {STATS_OPEN} ?who cgs:statements ?n ; cgs:denials ?d . {STATS_CLOSE} }
WHERE {
  { SELECT ?who (COUNT(?st) AS ?n) (SUM(IF(?stance = cg:denies, 1, 0)) AS ?d)
    WHERE {
      GRAPH ?g { ?st prov:wasAttributedTo ?who ; cg:stance ?stance . }
    } GROUP BY ?who }
}
