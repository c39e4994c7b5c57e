"""The plan's indicators: a registry of providers, and the effect of intake changes on them."""
