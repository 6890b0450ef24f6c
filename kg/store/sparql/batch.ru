# Write a batch of new named graphs (and triples added to existing ones, such as the match
# candidates) in one update request, built by kg/store/writes.py (batch_update): every graph's
# "being written" mark, the data in INSERT DATA blocks, then the summaries the batch touched,
# once for the whole batch and by difference (stats-claims.ru, stats-agents.ru), the timeline
# dates of each graph's statements (when.ru), and the marks cleared last. A claim several
# articles of the batch mention is counted once, from the batch's final data: no summary row is
# written twice in the transaction (docs/explanation/remote-stores.md).
PREFIX cg: <https://w3id.org/claimgraph/ns#>
PREFIX cgs: <https://w3id.org/claimgraph/ns/stats#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
{OPERATIONS}
