"""The small pure formulas that turn signals into scores. Each docstring states its formula."""

from __future__ import annotations

import numpy as np


def saturate(x: np.ndarray | float) -> np.ndarray:
    """Return ``1 − exp(−x)``: 0 for no evidence, → 1 as evidence accumulates (x ≥ 0)."""
    return 1.0 - np.exp(-np.asarray(x, dtype=np.float64))


def phrase_weight(phrase: str) -> float:
    """Return how specific a found phrase is: ``min(len, 6) / 4`` for Chinese, 1 for Latin words.

    A two-character hit (电工) counts 0.5, a four-character one (稀土萃取) 1, six or more 1.5.
    """
    if phrase.isascii():
        return 1.0 if len(phrase) >= 3 else 0.6
    return min(len(phrase), 6) / 4.0


def softmax(z: np.ndarray) -> np.ndarray:
    """Return ``exp(z − max z) / Σ exp(z − max z)`` along the last axis."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Return ``1 / (1 + exp(−z))``."""
    return 1.0 / (1.0 + np.exp(-z))


def chain_logits(
    chain_feats: np.ndarray, none_feats: np.ndarray, w_chain: np.ndarray, w_none: np.ndarray
) -> np.ndarray:
    """Return the five logits ``[w·f_c for the 4 chains] + [u·g]`` (a conditional logit).

    ``chain_feats`` is (…, 4, F) — the same F features measured for each chain, weighed by the
    same ``w_chain`` — and ``none_feats`` is (…, G) with its own weights ``w_none`` (the last
    feature is the constant 1, so the ``none`` bias is learned too). ``softmax`` of the logits is
    the calibrated probability of each label.
    """
    z_chain = chain_feats @ w_chain
    z_none = none_feats @ w_none
    return np.concatenate([z_chain, z_none[..., None]], axis=-1)


def linear_probability(feats: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Return ``sigmoid(feats · w[:-1] + w[-1])``: the chance a candidate is a right answer."""
    return sigmoid(feats @ weights[:-1] + weights[-1])


def bridge_max(
    scores: np.ndarray, indptr: np.ndarray, indices: np.ndarray, data: np.ndarray
) -> np.ndarray:
    """Return, per target column, ``max_i scores[i] · link[i, target]`` of a CSC link matrix."""
    n = len(indptr) - 1
    out = np.zeros(n, np.float64)
    if len(indices) == 0:
        return out
    vals = scores[indices] * data
    nonempty = np.diff(indptr) > 0
    starts = indptr[:-1][nonempty]
    out[nonempty] = np.maximum.reduceat(vals, starts)
    return out
