"""The web side of claimgraph: browsing pages (``pages``) and the live server."""
