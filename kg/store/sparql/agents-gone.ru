# The counts of agents ({AGENTS}) that nothing labels and no statement is attributed to any more,
# deleted: undoing a batch (unwrite-batch.ru) leaves no zero counts for the agents it brought
# (stats-agents.ru keeps a zero count for the others, as a recomputation, stats-all.ru, does).
DELETE { {STATS_OPEN} ?who ?p ?n {STATS_CLOSE} }
WHERE {
  VALUES ?who { {AGENTS} }
  {STATS_OPEN} ?who ?p ?n {STATS_CLOSE}
  FILTER (?p IN (cgs:statements, cgs:denials))
  FILTER NOT EXISTS { GRAPH ?g { ?who <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } }
  FILTER NOT EXISTS { GRAPH ?h { ?x prov:wasAttributedTo ?who ; cg:stance ?any } }
}
