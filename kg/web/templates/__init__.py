"""Jinja2 templates of the browsing pages (autoescaped); data only."""
