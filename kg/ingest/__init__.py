"""Ingest: articles in, machine-extracted statements out, one named graph per article."""

from __future__ import annotations

from kg.ingest.mapping import extraction_to_bundle
from kg.ingest.run import IngestReport, find_articles, ingest_files, ingest_paths

__all__ = [
    "IngestReport",
    "extraction_to_bundle",
    "find_articles",
    "ingest_files",
    "ingest_paths",
]
