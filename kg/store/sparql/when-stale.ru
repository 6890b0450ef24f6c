# The timeline dates (when.ru) of a graph's statements before a write ({STATEMENTS}) that are
# gone or changed: deleted, after the new data is in and before when.ru inserts the new or
# changed ones (an unchanged row is left alone: Virtuoso's roll forward lost rows one
# transaction deleted and inserted again). Left out when there were none (Virtuoso 7.2 fails
# the request at run time on an empty VALUES block here).
DELETE { {STATS_OPEN} ?st cgs:when ?old {STATS_CLOSE} }
WHERE {
  VALUES ?st { {STATEMENTS} }
  {STATS_OPEN} ?st cgs:when ?old {STATS_CLOSE}
  OPTIONAL {
    GRAPH {GRAPH} { ?st cg:stance ?any ; prov:wasDerivedFrom ?src .
      OPTIONAL { ?st dcterms:date ?date } }
    OPTIONAL { GRAPH ?h { ?src schema:datePublished ?published } }
  }
  BIND (IF(BOUND(?date), ?date, IF(BOUND(?published), ?published, "9999-12-31"^^xsd:date))
        AS ?when)
  FILTER (!BOUND(?src) || !sameTerm(?when, ?old))
}
