"""Exports: RDF files, and (in later modules) HTML, CSV, GraphML and ClaimReview."""
