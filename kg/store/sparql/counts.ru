# Replace the summary counts a write changes (computed by kg/store/counts.py: the old values as
# stored, the new ones by difference). Appended to the write's update: one transaction.
DELETE DATA {
{OLD}
} ;
INSERT DATA {
{NEW}
}
