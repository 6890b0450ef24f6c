# The timeline dates of the statements of graphs a failed batch wrote ({GRAPHS}), deleted before
# the graphs are dropped (unwrite-batch.ru).
DELETE { {STATS_OPEN} ?st cgs:when ?when {STATS_CLOSE} }
WHERE {
  VALUES ?g { {GRAPHS} }
  GRAPH ?g { ?st cg:stance ?any }
  {STATS_OPEN} ?st cgs:when ?when {STATS_CLOSE}
}
