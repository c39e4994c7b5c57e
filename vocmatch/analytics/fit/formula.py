"""The fit formula in one line, with this deployment's weights and bands."""

from __future__ import annotations

from vocmatch.analytics.fit import scoring as f
from vocmatch.analytics.method import Method


def formula_text(method: Method) -> str:
    """Return the fit formula with the method's weights, bands and window."""
    lo, hi = f.balanced_range(method.fit.bands)
    w = method.fit.weights
    d = method.demand
    return (
        f"fit = 100 × ({w['balance']:g}·B + {w['coverage']:g}·K + {w['relevance']:g}·A) ÷ "
        "(the weights of the defined components); "
        f"r = E/D: E = graduates a year × the share entering work (destination records, else "
        f"the default {method.supply.default_employment_share:g}), D = hires a year posted in "
        f"the {d.window_months} months to the as-of day, reposts within {d.repost_days} days "
        "counted once, shared among offered programmes with match score ≥ "
        f"{d.min_relevance:g} (at most {d.max_programmes}) in whole people; "
        f"B = r/{lo:g} below the balanced band, 1 inside [{lo:g}, {hi:g}), "
        f"max(0, 1 − (r − {hi:g})/{hi:g}) above, undefined without sufficient evidence "
        f"(≥ {method.evidence.min_postings} postings from ≥ {method.evidence.min_enterprises} "
        "enterprises, a source covering the chain); K = hires asking for skills the curriculum "
        "covers ÷ hires asking for skills; A = Σ a·s ÷ Σ a."
    )
