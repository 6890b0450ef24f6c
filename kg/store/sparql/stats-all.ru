# Recompute every per-claim and per-agent count in the stats graph (after a bulk load).
PREFIX cg: <https://w3id.org/claimgraph/ns#>
PREFIX cgs: <https://w3id.org/claimgraph/ns/stats#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
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
  { SELECT ?who (COUNT(?st) AS ?n) (SUM(COALESCE(IF(?stance = cg:denies, 1, 0), 0)) AS ?d)
    WHERE {
      { SELECT DISTINCT ?who WHERE {
          { GRAPH ?g0 { ?who skos:prefLabel ?label } }
          UNION { GRAPH ?g1 { ?x prov:wasAttributedTo ?who ; cg:stance ?any } } } }
      OPTIONAL { GRAPH ?g { ?st prov:wasAttributedTo ?who ; cg:stance ?stance . } }
    } GROUP BY ?who }
} ;
INSERT { {STATS_OPEN} ?st cgs:when ?when . {STATS_CLOSE} }
WHERE {
  GRAPH ?g { ?st cg:stance ?any ; prov:wasDerivedFrom ?src .
    OPTIONAL { ?st dcterms:date ?date } }
  OPTIONAL { GRAPH ?h { ?src schema:datePublished ?published } }
  BIND (IF(BOUND(?date), ?date, IF(BOUND(?published), ?published, "9999-12-31"^^xsd:date))
        AS ?when)
} ;
INSERT { {STATS_OPEN} ?who cgs:key ?key . {STATS_CLOSE} }
WHERE { GRAPH ?g { ?who skos:prefLabel|skos:altLabel ?label } BIND (LCASE(STR(?label)) AS ?key) }
