"""Shared infrastructure every domain uses; it knows no domain."""
