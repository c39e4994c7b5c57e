"""Recommendations as a constrained integer plan (scipy.optimize.milp) and the what-if."""
