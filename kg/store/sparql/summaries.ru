# Replace every summary triple of the embedded store (its default graph) at once: counts, pair
# nodes, timeline dates, label keys and graph versions computed in one pass over the graphs
# (kg/store/bulk.py). One update request: one transaction.
DROP SILENT DEFAULT ;
INSERT DATA {
{DATA}
}
