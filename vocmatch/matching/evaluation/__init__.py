"""``vocmatch evaluate``: the engine beside two baselines on held-out public splits and data/eval."""
