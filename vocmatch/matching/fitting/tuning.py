"""Learn the combination weights on the development set's odd ids (the even ids stay unseen).

Three small models, fitted in order because each feeds the next:

1. chain — a conditional logit: the same F weights score each of the four chains from its
   features, G weights score ``none``; maximum likelihood (L2-penalised) on the odd postings and
   titles. Its softmax is therefore calibrated on real labels.
2. occupation — a logistic regression on candidate features (the top candidates of each odd item
   plus its gold codes), label = "an acceptable code"; the three sources (postings, titles,
   official programme links) weigh the same in total.
3. programme — the same, once the occupation model feeds the 职业面向 bridge.

Few weights (5 + 3 + 7 + 6), strong penalty: the aim is generality, not the last item.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

from vocmatch.matching.engine import scoring
from vocmatch.matching.engine.query import Batch
from vocmatch.matching.engine.vocab import LABELS
from vocmatch.matching.fitting.devset import Item, load, occupation_hit
from vocmatch.matching.fitting.estimator import DEFAULT_WEIGHTS, Matcher
from vocmatch.matching.fitting.reference import ReferenceData

log = logging.getLogger(__name__)
CANDIDATES = 40

L2_CHAIN = 0.05


def _source_weights(items: list[Item]) -> np.ndarray:
    """Return per-item weights so each source (postings, titles, links) counts the same."""
    counts = Counter(i.source for i in items)
    return np.asarray([len(items) / (len(counts) * counts[i.source]) for i in items])


def fit_chain(
    F: np.ndarray, G: np.ndarray, gold: list[str], l2: float = L2_CHAIN
) -> tuple[list[float], list[float]]:
    """Return ``(chain weights, none weights)`` maximising the likelihood of ``gold``.

    ``F`` is (n, 4, f): the per-chain features; ``G`` (n, g): the ``none`` features.
    """
    y = np.zeros((len(gold), len(LABELS)))
    for i, g in enumerate(gold):
        y[i, LABELS.index(g)] = 1.0
    f = F.shape[2]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, u = theta[:f], theta[f:]
        z = scoring.chain_logits(F, G, w, u)
        p = scoring.softmax(z)
        nll = -float(np.sum(y * np.log(p + 1e-12))) / len(gold)
        d = (p - y) / len(gold)  # (n, 5)
        grad_w = np.einsum("nc,ncf->f", d[:, :4], F)
        grad_u = d[:, 4] @ G
        reg = l2 * float(theta[:-1] @ theta[:-1])  # the none bias is not penalised
        grad = np.concatenate([grad_w, grad_u])
        grad[:-1] += 2 * l2 * theta[:-1]
        return nll + reg, grad

    theta0 = np.concatenate([DEFAULT_WEIGHTS["chain"], DEFAULT_WEIGHTS["none"]]).astype(float)
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B")
    theta = res.x
    return [round(float(v), 4) for v in theta[:f]], [round(float(v), 4) for v in theta[f:]]


def _candidates(scores: np.ndarray, gold_idx: list[int]) -> np.ndarray:
    top = np.argpartition(-scores, CANDIDATES)[:CANDIDATES]
    return np.unique(np.concatenate([top, np.asarray(gold_idx, dtype=np.int64)]))


def fit_logistic(
    feats: list[np.ndarray], labels: list[np.ndarray], weights: list[float], c: float = 0.5
) -> list[float]:
    """Return ``[coefficients…, intercept]`` of an L2 logistic regression on candidate rows."""
    X = np.concatenate(feats)
    y = np.concatenate(labels)
    sw = np.concatenate([np.full(len(lab), w) for lab, w in zip(labels, weights, strict=True)])
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(X, y, sample_weight=sw)
    return [round(float(v), 4) for v in (*model.coef_[0], model.intercept_[0])]


def tune(
    ref: ReferenceData, eval_dir: Path, *, text_limit: int = 4000
) -> tuple[dict[str, list[float]] | None, dict[str, Any]]:
    """Return weights tuned on the odd ids of ``eval_dir`` and a summary of the run."""
    items = [
        i
        for i in load(eval_dir)
        if i.half == "odd" and not (i.source == "links" and i.text_suspect)
    ]
    if not items:
        return None, {"status": "no development set: default weights"}
    base = Matcher(text_limit=text_limit).fit(ref)
    rt = base.runtime
    b: Batch = rt.analyse([(i.title, i.text) for i in items])
    weights = {k: list(v) for k, v in DEFAULT_WEIGHTS.items()}

    chain_idx = [k for k, i in enumerate(items) if i.chain in LABELS]
    weights["chain"], weights["none"] = fit_chain(
        b.chain_feats[chain_idx], b.none_feats[chain_idx], [items[k].chain or "" for k in chain_idx]
    )
    rt.w = {k: np.asarray(v, np.float64) for k, v in weights.items()}

    occ_codes = base.model_.occupation_codes
    prog_index = {c: i for i, c in enumerate(base.model_.programme_codes)}
    source_w = _source_weights(items)
    seg_w = rt.segment_weights(b, rt.chain_proba(b))
    rt.occupation_proba(b, seg_w)  # fills the segment-bridge columns
    occ_rows, occ_labels, occ_w = [], [], []
    for k, item in enumerate(items):
        if not item.occupations:
            continue
        feats = b.occ_rows(k)
        gold = [o for o, code in enumerate(occ_codes) if occupation_hit(code, item.occupations)]
        cand = _candidates(feats.sum(axis=1), gold)
        occ_rows.append(feats[cand])
        occ_labels.append(np.isin(cand, gold).astype(int))
        occ_w.append(float(source_w[k]))
    weights["occupation"] = fit_logistic(occ_rows, occ_labels, occ_w)
    rt.w = {k: np.asarray(v, np.float64) for k, v in weights.items()}

    occ_p = rt.occupation_proba(b, seg_w)
    rt.programme_proba(b, seg_w, occ_p)  # fills the bridge columns
    prog_rows, prog_labels, prog_w = [], [], []
    for k, item in enumerate(items):
        gold = [prog_index[c] for c in item.programmes if c in prog_index]
        if not gold:
            continue
        feats = b.prog_rows(k)
        cand = _candidates(feats.sum(axis=1), gold)
        prog_rows.append(feats[cand])
        prog_labels.append(np.isin(cand, gold).astype(int))
        prog_w.append(float(source_w[k]))
    weights["programme"] = fit_logistic(prog_rows, prog_labels, prog_w)

    summary = {
        "status": "tuned on the odd ids of data/eval",
        "items": len(items),
        "chain_items": len(chain_idx),
        "occupation_items": len(occ_rows),
        "programme_items": len(prog_rows),
    }
    log.info("matching.tune.done", extra=summary)
    return weights, summary
