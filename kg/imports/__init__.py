"""Imports: ClaimReview JSON-LD and generic JSON-LD, read with local contexts only."""
