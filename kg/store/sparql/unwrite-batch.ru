# Undo a batch (batch.ru) that a server ran only in part (Virtuoso commits the operations that
# ran before a failing one), built by kg/store/writes.py (unwrite_batch_update): the timeline
# dates of the new graphs' statements (when-unwrite.ru), the new graphs, the triples the batch
# added to other graphs (DELETE DATA: they were new), then the summaries the batch touched, by
# difference (agents-gone.ru: no count left for an agent only the batch named), and the marks
# last. Running it again, or after a batch that left nothing, changes
# nothing.
PREFIX cg: <https://w3id.org/claimgraph/ns#>
PREFIX cgs: <https://w3id.org/claimgraph/ns/stats#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
{OPERATIONS}
