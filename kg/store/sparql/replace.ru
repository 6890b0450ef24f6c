# Replace one named graph whole, then recompute the summaries of the claims and agents it
# touched (before or after). One update request: one transaction on Oxigraph.
PREFIX cg: <https://w3id.org/claimgraph/ns#>
PREFIX cgs: <https://w3id.org/claimgraph/ns/stats#>
PREFIX prov: <http://www.w3.org/ns/prov#>
DROP SILENT GRAPH {GRAPH} ;
INSERT DATA { GRAPH {GRAPH} {
{DATA}
} } ;
{STATS}
