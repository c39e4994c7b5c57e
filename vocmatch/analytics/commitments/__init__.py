"""Plan periods, their commitments (indicators and milestones) and designation records."""
