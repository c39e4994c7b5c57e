"""Counts of people are whole numbers: one rounding rule for every figure."""

from __future__ import annotations


def people(x: float) -> int:
    """Return a count of people as a whole number, halves up (90 × 0.35 = 31.5 → 32).

    A tiny tolerance absorbs binary floating-point error (90 × 0.35 is 31.499999… in floats).
    """
    if x >= 0:
        return int(x + 0.5 + 1e-9)
    return -int(-x + 0.5 + 1e-9)
