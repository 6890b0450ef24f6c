"""Tracking claims across articles: matching, linking, timelines."""
