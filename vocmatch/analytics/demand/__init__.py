"""Demand as a labour-market flow: posting facts, reposts counted once, the cube, evidence."""
