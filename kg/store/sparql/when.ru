# Each statement's date for the timeline (its own, else its source's; 9999-12-31 if none),
# kept with the summaries. Appended to replace.ru and append.ru after the new data is in.
# Written by difference, as stats-claims.ru: when-stale.ru deleted the rows that are gone or
# changed; the new or changed ones are inserted, an unchanged one is left alone.
# IF(BOUND(...)), not COALESCE(?date, ?published, "9999-12-31"^^xsd:date): Virtuoso 7.2 gives
# a COALESCE whose last argument is a typed constant wrong values (the constant, or another
# row's date) when its result is compared in FILTER NOT EXISTS (or MINUS), as below
# (docs/explanation/remote-stores.md; tests/store/test_timeline_by_difference.py). The same
# expression in when-stale.ru and stats-all.ru.
INSERT { {STATS_OPEN} ?st cgs:when ?when . {STATS_CLOSE} }
WHERE {
  GRAPH {GRAPH} { ?st cg:stance ?any ; prov:wasDerivedFrom ?src .
    OPTIONAL { ?st dcterms:date ?date } }
  OPTIONAL { GRAPH ?h { ?src schema:datePublished ?published } }
  BIND (IF(BOUND(?date), ?date, IF(BOUND(?published), ?published, "9999-12-31"^^xsd:date))
        AS ?when)
  FILTER NOT EXISTS { {STATS_OPEN} ?st cgs:when ?when {STATS_CLOSE} }
}
