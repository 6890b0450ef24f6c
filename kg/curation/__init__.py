"""Curated claim files and agent registry: what people wrote by hand, read and checked."""
