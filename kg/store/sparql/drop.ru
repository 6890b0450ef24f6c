# Retract one named graph whole, then recompute the summaries it touched.
PREFIX cg: <https://w3id.org/claimgraph/ns#>
PREFIX cgs: <https://w3id.org/claimgraph/ns/stats#>
PREFIX prov: <http://www.w3.org/ns/prov#>
DROP SILENT GRAPH {GRAPH} ;
{STATS}
