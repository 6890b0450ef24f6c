# Replace one named graph whole, then recompute the summaries of the claims and agents it
# touched (before or after) and its statements' dates, by difference (stats-claims.ru, stats-agents.ru, when.ru). One
# update request: one transaction on Oxigraph and Virtuoso. The data goes in one INSERT DATA
# per block of lines (Virtuoso's parser refuses one of some thousands).
PREFIX cg: <https://w3id.org/claimgraph/ns#>
PREFIX cgs: <https://w3id.org/claimgraph/ns/stats#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DROP SILENT GRAPH {GRAPH} ;
{INSERTS} ;
{STATS}{WHEN}
