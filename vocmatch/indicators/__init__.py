"""Plan indicators: the values people enter with evidence where the records cannot compute them."""
