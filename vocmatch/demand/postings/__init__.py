"""Postings: create, change, close, correct; their stored matches; bulk writes; the change feed."""
