"""Learn the combination weights and list thresholds on data the tuning model was not shown.

The tuning model is fitted without the titles of two folds of occupations (the tune fold and
the evaluation's test fold; see :mod:`~vocmatch.matching.fitting.holdout`), and without the
crosswalk links of the test fold and of half the tune fold. It is scored on, with each source
weighing the same in total and the public held-out ones ``PUBLIC_WEIGHT`` times more:

* market titles and 工种 of one half of the tune fold (titles it has never seen, of occupations
  whose links it has; gold = the occupation and its programmes in the full data);
* the other half's occupations as the crosswalk sees them (name and definition → the crosswalk's
  programmes, whose links the model does not have);
* noisy versions of titles it has seen (an employer, 招聘, pay… around a known title);
* the odd ids of the team's development set (``data/eval/``), which also fit the chain model.

Three small models are fitted in order, because each feeds the next: the chain (a conditional
logit, L2-penalised maximum likelihood), then the occupation and the programme models (logistic
regressions on each item's candidates plus its gold answers, label = "a right answer"; the
occupation model is then refitted from there as a conditional logit over each item's candidates,
"which one is right", which ranks the right occupation first more often). The
thresholds are the least scores at which a listed entry is still right at least ``PRECISION``
of the time on these items.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

from vocmatch.matching.engine import candidates as cand
from vocmatch.matching.engine import scoring
from vocmatch.matching.engine.runtime import Runtime
from vocmatch.matching.engine.vocab import LABELS
from vocmatch.matching.fitting.build import DEFAULT_WEIGHTS, fit_model
from vocmatch.matching.fitting.devset import Item, load, occupation_hit
from vocmatch.matching.fitting.holdout import TEST_FOLD, TUNE_FOLD, fold_codes, half_of
from vocmatch.matching.fitting.reference import ReferenceData
from vocmatch.matching.fitting.splits import SOURCES, public_items, seen_noisy_items

log = logging.getLogger(__name__)
L2_CHAIN = 0.05
L2_RANKING = 1e-4  # of the occupation ranking (per unit of item weight)
PRECISION = 0.05  # a listed entry is right at least 1 time in 20
MAX_ITEMS = 1500  # per public source
PUBLIC_WEIGHT = 2.0
CHAIN_PUBLIC_SHARE = 0.5  # public titles labelled by industries.yaml, against the team's labels


def fit_chain(
    F: np.ndarray,
    G: np.ndarray,
    gold: list[str],
    weights: np.ndarray | None = None,
    l2: float = L2_CHAIN,
) -> tuple[list[float], list[float]]:
    """Return ``(chain weights, none weights)`` maximising the (weighted) likelihood of ``gold``.

    ``F`` is (n, 4, f): the per-chain features; ``G`` (n, g): the ``none`` features.
    """
    y = np.zeros((len(gold), len(LABELS)))
    for i, g in enumerate(gold):
        y[i, LABELS.index(g)] = 1.0
    sw = np.ones(len(gold)) if weights is None else np.asarray(weights, float)
    sw = sw / sw.sum()
    f = F.shape[2]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, u = theta[:f], theta[f:]
        p = scoring.softmax(scoring.chain_logits(F, G, w, u))
        nll = -float(np.sum(sw[:, None] * y * np.log(p + 1e-12)))
        d = sw[:, None] * (p - y)
        grad = np.concatenate([np.einsum("nc,ncf->f", d[:, :4], F), d[:, 4] @ G])
        reg = l2 * float(theta[:-1] @ theta[:-1])  # the none bias is not penalised
        grad[:-1] += 2 * l2 * theta[:-1]
        return nll + reg, grad

    theta0 = np.concatenate([DEFAULT_WEIGHTS["chain"], DEFAULT_WEIGHTS["none"]]).astype(float)
    theta = minimize(loss, theta0, jac=True, method="L-BFGS-B").x
    return [round(float(v), 4) for v in theta[:f]], [round(float(v), 4) for v in theta[f:]]


def fit_logistic(c: cand.Candidates, labels: np.ndarray, weights: np.ndarray) -> list[float]:
    """Return ``[coefficients…, intercept]`` of an L2 logistic regression on valid candidates."""
    mask = c.valid.ravel()
    X = c.feats.reshape(-1, c.feats.shape[-1])[mask]
    sw = np.repeat(weights, c.index.shape[1])[mask]
    model = LogisticRegression(C=0.5, max_iter=3000)
    model.fit(X, labels.ravel()[mask], sample_weight=sw)
    return [round(float(v), 4) for v in (*model.coef_[0], model.intercept_[0])]


def fit_ranking(
    c: cand.Candidates, labels: np.ndarray, weights: np.ndarray, start: list[float]
) -> list[float]:
    """Return ``[coefficients…, intercept]`` of a conditional logit over each item's candidates.

    The likelihood is that of *which* candidate is right (the softmax over the item's valid
    candidates, summed over its right ones), not of each candidate alone: it rewards ranking the
    right answer first, which is what a list is read for. ``start`` (the pointwise logistic fit)
    is the starting point and gives the intercept, which a softmax cannot see (the calibration
    stage sets the level). Items without a right candidate are left out.
    """
    valid = c.valid
    y = labels & valid
    keep = y.any(axis=1) & (weights > 0)
    X = c.feats[keep].astype(np.float64)
    valid, y = valid[keep], y[keep]
    if not len(X):
        return start
    sw = weights[keep] / weights[keep].sum()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = np.where(valid, X @ w, -np.inf)
        e = np.where(valid, np.exp(z - z.max(axis=1, keepdims=True)), 0.0)
        p = e / e.sum(axis=1, keepdims=True)
        right = np.where(y, p, 0.0)
        share = right.sum(axis=1)
        nll = -float(sw @ np.log(share + 1e-12))
        d = sw[:, None] * (p - right / (share[:, None] + 1e-12))
        grad = np.einsum("nc,ncf->f", d, X) + 2 * L2_RANKING * w
        return nll + L2_RANKING * float(w @ w), grad

    w = minimize(loss, np.asarray(start[:-1], float), jac=True, method="L-BFGS-B").x
    return [round(float(v), 4) for v in w] + [start[-1]]


def fit_calibration(z: np.ndarray, right: np.ndarray, weights: np.ndarray) -> list[float]:
    """Return ``[a, b, c]`` of :func:`~vocmatch.matching.engine.candidates.calibrate`, fitted."""
    valid = np.isfinite(z)
    margin = np.where(valid, z - z.max(axis=1, keepdims=True), 0.0)
    X = np.stack([z[valid], margin[valid]], axis=1)
    sw = np.repeat(weights, z.shape[1]).reshape(z.shape)[valid]
    model = LogisticRegression(C=10.0, max_iter=1000)
    model.fit(X, right[valid], sample_weight=sw)
    return [round(float(v), 4) for v in (*model.coef_[0], model.intercept_[0])]


def threshold(scores: np.ndarray, right: np.ndarray, floor: float = 0.01) -> float:
    """Return the least score from which listed entries are right at least ``PRECISION``.

    Candidates are sorted by score and cut into bins of equal size; the threshold is the lower
    edge of the lowest bin whose hit rate, and that of every bin above it, reaches PRECISION.
    """
    order = np.argsort(-scores)
    s, r = scores[order], right[order].astype(float)
    bins = np.array_split(np.arange(len(s)), max(1, len(s) // 200))
    least = float(s[0]) if len(s) else floor
    for idx in bins:
        if len(idx) == 0 or r[idx].mean() < PRECISION:
            break
        least = float(s[idx[-1]])
    return round(max(floor, least), 4)


def _gold(items: list[Item], codes: list[str], column: str) -> list[list[int]]:
    index = {c: i for i, c in enumerate(codes)}
    out = []
    for item in items:
        if column == "occupations":
            out.append([i for i, c in enumerate(codes) if occupation_hit(c, item.occupations)])
        else:
            out.append([index[c] for c in item.programmes if c in index])
    return out


def _source_weights(items: list[Item]) -> np.ndarray:
    """Return per-item weights: each source weighs the same in total, the held-out public ones
    ``PUBLIC_WEIGHT`` times more (they are what the engine has not seen, as real postings)."""
    counts = Counter(i.source for i in items)
    return np.asarray(
        [
            len(items)
            / (len(counts) * counts[i.source])
            * (PUBLIC_WEIGHT if i.source in SOURCES else 1.0)
            for i in items
        ]
    )


def tuning_items(
    ref: ReferenceData, eval_dir: Path | None
) -> tuple[list[Item], list[str], list[str]]:
    """Return the tuning items, the occupations whose titles the tuning model must not be shown,
    and those whose crosswalk links it must not be shown.

    The tune fold is cut in two: one half gives the ``crosswalk`` items (their links are held
    out), the other the ``market`` and ``work_type`` items (their links stay, as an unknown
    title of a known occupation has them), so neither teaches the model that links are absent.
    """
    codes = list(ref.occupations["code"])
    tune_codes = fold_codes(codes, TUNE_FOLD)
    test_codes = fold_codes(codes, TEST_FOLD)
    linked_half = {c for c in tune_codes if half_of(c) == 0}
    titles = [i for i in public_items(ref, linked_half, limit=MAX_ITEMS) if i.source != "crosswalk"]
    crosswalk = [i for i in public_items(ref, tune_codes - linked_half) if i.source == "crosswalk"]
    held = tune_codes | test_codes
    items = titles + crosswalk + seen_noisy_items(ref, exclude=held, limit=MAX_ITEMS // 2)
    team = [i for i in load(eval_dir) if i.half == "odd"] if eval_dir else []
    items += [i for i in team if not (i.source == "links" and i.text_suspect)]
    return items, sorted(held), sorted((tune_codes - linked_half) | test_codes)


def tune(
    ref: ReferenceData, eval_dir: Path | None, *, params: dict[str, Any]
) -> tuple[dict[str, list[float]], dict[str, float], dict[str, Any]]:
    """Return the weights and thresholds learned as described above, and a summary."""
    items, held, unlinked = tuning_items(ref, eval_dir)
    model = fit_model(ref, params={**params, "holdout": held}, holdout=held, unlinked=unlinked)
    weights, thresholds = learn(Runtime(model), items, listed_chains(ref))
    summary = {
        "status": "tuned on held-out public items and the odd ids of data/eval",
        "items": dict(Counter(i.source for i in items)),
        "held_out_occupations": len(held),
        "thresholds": thresholds,
    }
    log.info("matching.tune.done", extra={"items": len(items), **thresholds})
    return weights, thresholds, summary


def listed_chains(ref: ReferenceData) -> dict[str, str]:
    """Return occupation code → the one chain industries.yaml lists it under, or ``none`` when
    it lists it under none (occupations of several chains are left out)."""
    listed: dict[str, set[str]] = {}
    for chain in ref.industries["chains"]:
        for seg in chain["segments"]:
            for code in seg.get("occupations", []):
                listed.setdefault(code, set()).add(chain["key"])
    out = {code: "none" for code in ref.occupations["code"] if code not in listed}
    out.update({code: next(iter(c)) for code, c in listed.items() if len(c) == 1})
    return out


def learn(
    rt: Runtime, items: list[Item], chains_of: dict[str, str] | None = None
) -> tuple[dict[str, list[float]], dict[str, float]]:
    """Return the weights and thresholds fitted on ``items`` scored by ``rt``.

    The chain model learns from the team's labelled items and, weighing ``CHAIN_PUBLIC_SHARE``
    as much in total, from the held-out market titles and 工种 labelled with the chain
    industries.yaml lists their occupation under (``chains_of``; ``none`` for an occupation of
    no chain): a bare title of an off-chain job (打荷) is ``none``.
    """
    chains_of = chains_of or {}
    model = rt.model
    b = rt.analyse([(i.title, i.text) for i in items])
    weights = {k: list(v) for k, v in DEFAULT_WEIGHTS.items()}
    gold_chain = [
        i.chain or chains_of.get(i.occupations[0] if i.occupations else "", "") for i in items
    ]
    chain_idx = [
        k
        for k, i in enumerate(items)
        if gold_chain[k] in LABELS and (i.chain or i.source in ("market", "work_type"))
    ]
    if chain_idx:
        team = sum(1 for k in chain_idx if items[k].chain)
        public = len(chain_idx) - team
        weights["chain"], weights["none"] = fit_chain(
            b.chain.chain[chain_idx],
            b.chain.none[chain_idx],
            [gold_chain[k] for k in chain_idx],
            np.asarray(
                [
                    1.0 if items[k].chain else CHAIN_PUBLIC_SHARE * team / max(1, public)
                    for k in chain_idx
                ]
            ),
        )
    rt.w = {k: np.asarray(v, np.float64) for k, v in weights.items()}
    source_w = _source_weights(items)
    seg_w = rt.segment_weights(b, rt.chain_proba(b))
    occ_gold = _gold(items, model.occupation_codes, "occupations")
    occ_c = rt.occupation_candidates(b, seg_w, forced=occ_gold)
    occ_labels = np.asarray([np.isin(r, g) for r, g in zip(occ_c.index, occ_gold, strict=True)])
    has_occ = np.asarray([bool(g) for g in occ_gold])
    occ_right_c = occ_labels & has_occ[:, None]
    pointwise = fit_logistic(occ_c, occ_right_c, source_w * has_occ)
    weights["occupation"] = fit_ranking(occ_c, occ_right_c, source_w * has_occ, pointwise)
    rt.w = {k: np.asarray(v, np.float64) for k, v in weights.items()}
    plain = rt.occupation_candidates(b, seg_w)
    occ_right = np.asarray([np.isin(r, g) for r, g in zip(plain.index, occ_gold, strict=True)])
    weights["occupation_calibration"] = fit_calibration(
        cand.logits(plain, rt.w["occupation"]), occ_right, source_w * has_occ
    )
    rt.w = {k: np.asarray(v, np.float64) for k, v in weights.items()}
    occ_scores = cand.linear(plain, rt.w["occupation"], rt.w["occupation_calibration"])
    occ_p = cand.scatter(plain, occ_scores, rt.t.n_occ)
    prog_gold = _gold(items, model.programme_codes, "programmes")
    prog_c = rt.programme_candidates(b, seg_w, occ_p, forced=prog_gold, occ_top=plain.index)
    prog_labels = np.asarray([np.isin(r, g) for r, g in zip(prog_c.index, prog_gold, strict=True)])
    has_prog = np.asarray([bool(g) for g in prog_gold])
    weights["programme"] = fit_logistic(
        prog_c, prog_labels & has_prog[:, None], source_w * has_prog
    )
    rt.w = {k: np.asarray(v, np.float64) for k, v in weights.items()}
    plain_prog = rt.programme_candidates(b, seg_w, occ_p, occ_top=plain.index)
    prog_right = np.asarray(
        [np.isin(r, g) for r, g in zip(plain_prog.index, prog_gold, strict=True)]
    )
    weights["programme_calibration"] = fit_calibration(
        cand.logits(plain_prog, rt.w["programme"]), prog_right, source_w * has_prog
    )
    rt.w = {k: np.asarray(v, np.float64) for k, v in weights.items()}
    prog_scores = cand.linear(plain_prog, rt.w["programme"], rt.w["programme_calibration"])
    thresholds = {
        "occupation": threshold(occ_scores[has_occ].ravel(), occ_right[has_occ].ravel()),
        "programme": threshold(prog_scores[has_prog].ravel(), prog_right[has_prog].ravel()),
    }
    return weights, thresholds
