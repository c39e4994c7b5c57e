"""Dual-qualified shares over the database: today, month by month, by school / programme / chain, projected."""
