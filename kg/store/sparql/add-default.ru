# Add summary triples (graph versions) to the store's default graph.
INSERT DATA {
{DATA}
}
