"""The administrators' pages that span domains (dashboard, approvals, re-matching)."""
