# Add triples to a named graph without dropping it (the matches graph, written in batches).
INSERT DATA { GRAPH {GRAPH} {
{DATA}
} }
