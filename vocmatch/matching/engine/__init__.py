"""The matcher at query time: the fitted model, its runtime and its evidence (no scikit-learn)."""
