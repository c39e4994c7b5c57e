"""Fitting the matcher: reference data → documents, classifiers and weights → a FittedModel."""
