"""Coverage views and the plan's partnership indicators, computed from the records."""
