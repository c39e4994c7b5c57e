"""The supply side: offerings, graduates entering work, and their split over the chains."""
