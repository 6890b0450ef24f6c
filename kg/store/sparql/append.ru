# Add triples to a named graph without dropping it, then recompute the summaries of the claims
# and agents it touched: a remote store's add, one update request (the graph is never read back
# and rewritten: that made each write as large as the graph, the match candidates' above all).
PREFIX cg: <https://w3id.org/claimgraph/ns#>
PREFIX cgs: <https://w3id.org/claimgraph/ns/stats#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
{INSERTS} ;
{STATS}{WHEN}
