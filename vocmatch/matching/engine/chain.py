"""Phrase hits, title matches and the chain model of a batch of queries.

The chain model is a conditional logit: the same weights score each of the four chains from its
features (classifier log-probability of the whole text and of the title, skill terms found in
the title and in the text, the best segment cosine, the chains of the occupations the title
looks like, segment names), and ``none`` from its own (classifier, ``none`` examples found,
occupations outside every chain, a bias). Its softmax is the chain score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vocmatch.matching.engine import scoring
from vocmatch.matching.engine.query import Query
from vocmatch.matching.engine.retrieval import Similarities
from vocmatch.matching.engine.tables import Tables
from vocmatch.matching.engine.vocab import (
    CHAINS,
    NONE_EXAMPLE,
    OCC_KINDS,
    PROG_NAME,
    SEG_NAME,
    SKILL,
)

N_CHAIN_FEATS = 7
N_NONE_FEATS = 5


@dataclass
class Hits:
    """What the phrase scan and title matching found in a batch."""

    spans: list[list[tuple[int, int, int]]]  # per query: (phrase index, start, end) in whole
    occ_title: dict[tuple[int, int], float]  # (query, occupation) → strongest title hit
    occ_text: dict[tuple[int, int], float]
    exact: dict[tuple[int, int], float]  # the title core is a title core of the occupation
    ending: dict[tuple[int, int], float]  # the title core ends with one (at a word boundary)
    prog_name: dict[tuple[int, int], float]
    skill_title: np.ndarray  # (n, 4)
    skill_text: np.ndarray
    skill_seg: np.ndarray  # (n, segments)
    seg_name: np.ndarray
    none_hit: np.ndarray  # (n,)
    exact_of: list[set[int]]  # per query: the occupations of ``exact`` / ``ending``
    ending_of: list[set[int]]


# Job-board words for "the one who runs it", said of the same job interchangeably.
OPERATOR_WORDS = ("操作工", "操作员", "作业员", "作业工", "操作手")


def title_matches(q: Query, t: Tables) -> tuple[dict[int, float], dict[int, float]]:
    """Return the occupations whose title core *is* the query's, and those it *ends with*.

    Exact: value ``1 / (1 + ln n)`` for a core that n occupations share (操作工 counts little);
    ``0.8 / (1 + ln n)`` when the core ends with a generic job word and the object before it
    plus 工/员 is a known core (铣床操作工 → 铣床工), or plus another operator's word
    (DCS操作员 → DCS操作工).
    Ending (only without an exact match): the share of the core covered, divided the same way,
    for the longest known core the query ends with at a word boundary that is not a generic
    title — 设备维修钳工 → 钳工, but 叉车工 is not 车工 and 萃取操作工 is not any 操作工.
    """
    core = q.core
    exact: dict[int, float] = {}
    ending: dict[int, float] = {}
    if not core:
        return exact, ending
    occs = t.cores.get(core)
    if occs:
        value = 1.0 / (1.0 + np.log(len(occs)))
        return {o: value for o in occs}, ending
    for generic in t.generic_endings:
        # 铣床操作工 is a 铣床工: a generic job word after the object stands for 工 / 员, and
        # one operator's word for another (DCS操作员 is a DCS操作工).
        stem = core[: -len(generic)]
        if core.endswith(generic) and len(stem) >= 2:
            alike = OPERATOR_WORDS if generic in OPERATOR_WORDS else ()
            for short in (stem + "工", stem + "员", *(stem + w for w in alike if w != generic)):
                occs = t.cores.get(short)
                if occs:
                    value = 0.8 / (1.0 + np.log(len(occs)))
                    return {o: value for o in occs}, ending
    for start in range(1, len(core) - 1):
        suffix = core[start:]
        occs = t.cores.get(suffix)
        if occs and suffix not in t.normaliser.generic and not t.scanner.crosses(core, start):
            share = (len(core) - start) / len(core) / (1.0 + np.log(len(occs)))
            return exact, {o: share for o in occs}
    return exact, ending


def find(queries: list[Query], t: Tables) -> Hits:
    """Return the phrase hits and title matches of ``queries``."""
    n = len(queries)
    hits = Hits(
        spans=[],
        occ_title={},
        occ_text={},
        exact={},
        ending={},
        prog_name={},
        skill_title=np.zeros((n, len(CHAINS))),
        skill_text=np.zeros((n, len(CHAINS))),
        skill_seg=np.zeros((n, t.n_seg)),
        seg_name=np.zeros((n, t.n_seg)),
        none_hit=np.zeros(n),
        exact_of=[],
        ending_of=[],
    )
    for i, q in enumerate(queries):
        spans = t.scanner.scan(q.whole)
        hits.spans.append(spans)
        for pi, start, _end in spans:
            w = t.phrase_weight[pi]
            in_title = start < q.n_title
            for kind, target in t.payloads[pi]:
                if kind == SKILL:
                    share = w / t.phrase_chains[pi]
                    chain = t.skill_chain[target]
                    (hits.skill_title if in_title else hits.skill_text)[i, chain] += share
                    hits.skill_seg[i, t.seg_of_skill[target]] += share
                elif kind in OCC_KINDS:
                    table = hits.occ_title if in_title else hits.occ_text
                    key = (i, target)
                    table[key] = max(table.get(key, 0.0), t.title_saturated[pi])
                elif kind == NONE_EXAMPLE:
                    hits.none_hit[i] += w
                elif kind == PROG_NAME:
                    hits.prog_name[(i, target)] = hits.prog_name.get((i, target), 0.0) + w
                elif kind == SEG_NAME:
                    hits.seg_name[i, target] += w
        exact, ending = title_matches(q, t)
        hits.exact.update({(i, o): v for o, v in exact.items()})
        hits.ending.update({(i, o): v for o, v in ending.items()})
        hits.exact_of.append(set(exact))
        hits.ending_of.append(set(ending))
    return hits


def dense(pairs: dict[tuple[int, int], float], shape: tuple[int, int]) -> np.ndarray:
    """Return the (query, target) → value pairs as a dense array."""
    out = np.zeros(shape, np.float32)
    for (i, j), v in pairs.items():
        out[i, j] = v
    return out


@dataclass
class ChainFeatures:
    """Inputs of the chain model and the segment evidence before the chain decision."""

    chain: np.ndarray  # (n, 4, N_CHAIN_FEATS)
    none: np.ndarray  # (n, N_NONE_FEATS)
    seg_raw: np.ndarray  # (n, segments)


def chain_features(s: Similarities, h: Hits, t: Tables, prelim: np.ndarray) -> ChainFeatures:
    """Return the chain model's features; ``prelim`` scores the occupations the text is like."""
    n = len(prelim)
    top = np.argpartition(-prelim, 3, axis=1)[:, :3]
    weight = np.clip(np.take_along_axis(prelim, top, axis=1), 0.0, None).astype(np.float64)
    total = weight.sum(axis=1, keepdims=True)
    safe = np.where(total > 0, total, 1.0)
    occ_prior = np.einsum("nk,nkc->nc", weight, t.occ_chain[top]) / safe
    outside = np.einsum("nk,nk->n", weight, t.occ_outside[top]) / safe[:, 0]
    feats = np.zeros((n, len(CHAINS), N_CHAIN_FEATS))
    feats[:, :, 0] = s.chain_whole[:, :4]
    feats[:, :, 1] = s.chain_title[:, :4]
    feats[:, :, 2] = scoring.saturate(h.skill_title)
    feats[:, :, 3] = scoring.saturate(h.skill_text)
    for c, mask in enumerate(t.seg_masks):
        feats[:, c, 4] = s.cos_seg[:, mask].max(axis=1) if mask.any() else 0.0
        feats[:, c, 6] = scoring.saturate(h.seg_name[:, mask].sum(axis=1))
    feats[:, :, 5] = occ_prior
    none = np.stack(
        [
            s.chain_whole[:, 4],
            s.chain_title[:, 4],
            scoring.saturate(h.none_hit),
            outside,
            np.ones(n),
        ],
        axis=1,
    )
    seg_raw = 3.0 * scoring.saturate(h.skill_seg) + 4.0 * s.cos_seg + h.seg_name
    return ChainFeatures(feats, none, seg_raw)


def chain_proba(c: ChainFeatures, w_chain: np.ndarray, w_none: np.ndarray) -> np.ndarray:
    """Return the (n, 5) label probabilities (softmax of the conditional logit)."""
    return scoring.softmax(scoring.chain_logits(c.chain, c.none, w_chain, w_none))


def segment_weights(c: ChainFeatures, proba: np.ndarray, t: Tables) -> np.ndarray:
    """Return each segment's share: P(its chain) × softmax of segment evidence in the chain."""
    out = np.zeros((len(proba), t.n_seg))
    for k, mask in enumerate(t.seg_masks):
        out[:, mask] = proba[:, k : k + 1] * scoring.softmax(c.seg_raw[:, mask])
    return out
