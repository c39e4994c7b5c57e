"""Fit of programmes and offerings, and the chain views, as sums over the cube and supply."""
