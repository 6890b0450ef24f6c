# Rebuild the per-(claim, source) and per-(claim, claimant) row counts behind the distinct
# counts the embedded store keeps by difference (kg/store/counts.py).
PREFIX cgs: <https://w3id.org/claimgraph/ns/stats#>
DELETE { ?pair cgs:pairCount ?n } WHERE { ?pair cgs:pairCount ?n } ;
INSERT DATA {
{DATA}
}
