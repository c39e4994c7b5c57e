"""Query time: from a (title, text) to signals, scores and evidence.

:class:`Runtime` holds the fitted arrays in the shapes the hot path wants (inverted indexes,
per-phrase payload lists, dense bridges) and is rebuilt from a fitted or loaded
:class:`~vocmatch.matching.estimator.Matcher` by ``Runtime.create``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from vocmatch.matching import scoring
from vocmatch.matching.features import (
    CHAINS,
    GROUP_NAME,
    KIND_LABELS,
    LABELS,
    NONE_EXAMPLE,
    OCC_MARKET,
    OCC_NAME,
    OCC_WORK_TYPE,
    PROG_NAME,
    SEG_NAME,
    SKILL,
)
from vocmatch.matching.glossary import expand
from vocmatch.matching.text import normalise
from vocmatch.matching.vectors import InvertedIndex, TfidfSpace

if TYPE_CHECKING:
    from vocmatch.matching.estimator import Matcher

TITLE_LIMIT = 200
BATCH = 256
N_CHAIN_FEATS = 7
N_NONE_FEATS = 5
N_OCC_FEATS = 8 - 1  # the last weight is the bias
N_PROG_FEATS = 5
OCC_EXACT, OCC_BRIDGE = 5, 6
_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]?")


@dataclass
class Query:
    """A normalised query: the title part ``q[:n_title]`` and the whole text ``q``."""

    title: str
    whole: str
    n_title: int
    expansions: list[tuple[str, str]]


@dataclass
class Signals:
    """Every feature of one query (the inputs of the three models), plus evidence material."""

    chain_feats: np.ndarray  # (4, N_CHAIN_FEATS)
    none_feats: np.ndarray  # (N_NONE_FEATS,)
    occ_feats: np.ndarray  # (n_occ, N_OCC_FEATS) without the segment bridge column filled
    prog_feats: np.ndarray  # (n_prog, N_PROG_FEATS) without the bridge columns filled
    seg_raw: np.ndarray  # (n_seg,) segment evidence before the chain decision
    hits: list[tuple[int, int, int]]  # phrase index, start, end in query.whole
    query: Query


def prepare(title: str | None, text: str | None, text_limit: int) -> Query:
    """Return the normalised query (English job words expanded to Chinese)."""
    raw_title = (title or "")[:TITLE_LIMIT]
    raw_text = (text or "")[:text_limit]
    if not raw_title.strip() and raw_text:
        # No title: the first line of the text plays its part (ads start with the job).
        raw_title = raw_text.lstrip().split("\n", 1)[0][:60]
    t, pairs_t = expand(normalise(raw_title))
    b, pairs_b = expand(normalise(raw_text))
    whole = f"{t} | {b}" if b else t
    return Query(title=t, whole=whole, n_title=len(t), expansions=pairs_t + pairs_b)


class Runtime:
    """The fitted model in query-time form."""

    def __init__(self, m: Matcher) -> None:
        self.m = m
        self.n_occ = len(m.occupation_codes_)
        self.n_prog = len(m.programme_codes_)
        self.n_seg = len(m.segment_keys_)
        # One index per query part, documents stacked: fewer passes over the query's n-grams.
        self.whole_index = InvertedIndex.from_docs(
            sp.vstack(
                [m.occ_title_matrix_, m.occ_full_matrix_, m.programme_matrix_, m.segment_matrix_]
            ).tocsr()
        )
        self.title_index = InvertedIndex.from_docs(
            sp.vstack([m.occ_title_matrix_, m.programme_matrix_]).tocsr()
        )
        self.phrase_weight = [scoring.phrase_weight(p) for p in m.phrases_]
        generality = np.asarray(m.phrase_generality_, np.float64)
        self.title_weight = [w * g for w, g in zip(self.phrase_weight, generality, strict=True)]
        self.phrase_index = {p: i for i, p in enumerate(m.phrases_)}
        self.chain_space = TfidfSpace(m.chain_vocabulary_, m.chain_idf_, (1, 3))
        self.chain_coef = np.asarray(m.chain_coef_, np.float64)
        self.chain_intercept = np.asarray(m.chain_intercept_, np.float64)
        seg_chain = np.asarray(m.segment_chain_)
        self.seg_chain = seg_chain
        self.skill_chain = seg_chain[np.asarray(m.skill_segment_)]
        self.skill_segment = np.asarray(m.skill_segment_)
        # A phrase naming skills of several chains says less about each of them.
        self.phrase_chains = [
            len({int(self.skill_chain[t]) for k, t in pl if k == SKILL}) or 1
            for pl in m.phrase_payloads_
        ]
        seg_occ = m.segment_occupation_.toarray()
        self.seg_occ = seg_occ
        self.seg_prog = m.segment_programme_.toarray()
        occ_chain = np.zeros((self.n_occ, len(CHAINS)))
        for c in range(len(CHAINS)):
            rows = seg_occ[seg_chain == c]
            if len(rows):
                occ_chain[:, c] = rows.max(axis=0)
        self.occ_chain = occ_chain
        self.occ_outside = (occ_chain.max(axis=1) == 0).astype(np.float64)
        link = sp.csc_matrix(m.occ_programme_)
        self.link = (link.indptr, link.indices, link.data.astype(np.float64))
        self.occ_by_link = m.occ_programme_.tocsc()
        self.seg_masks = [seg_chain == c for c in range(len(CHAINS))]
        self.w = {k: np.asarray(v, np.float64) for k, v in m.weights_.items()}
        self.prog_index = {c: i for i, c in enumerate(m.programme_codes_)}

    @classmethod
    def create(cls, m: Matcher) -> Runtime:
        """Return the runtime of a fitted matcher."""
        return cls(m)

    # ------------------------------------------------------------------ signals
    def chain_log_proba(self, text: str) -> np.ndarray:
        """Return the chain classifier's five log-probabilities for normalised ``text``."""
        ids, w = self.chain_space.one(text)
        z = self.chain_intercept + (w @ self.chain_coef[ids] if len(ids) else 0.0)
        z = z - z.max()
        return np.maximum(z - np.log(np.exp(z).sum()), -10.0)

    def exact_titles(self, q: Query) -> list[int]:
        """Return occupations one of whose titles is the query title without its brackets."""
        bare = _BRACKETS.sub("", q.title.split(" ; ")[0]).strip()
        pi = self.phrase_index.get(bare)
        if pi is None:
            return []
        return [
            t for k, t in self.m.phrase_payloads_[pi] if k in (OCC_NAME, OCC_WORK_TYPE, OCC_MARKET)
        ]

    def _cosines(self, queries: Sequence[Query]) -> list[tuple[np.ndarray, np.ndarray]]:
        space = self.m._space
        if len(queries) == 1:
            q = queries[0]
            ids, w = space.one(q.whole)
            whole = self.whole_index.score_one(ids, w)
            ids_t, w_t = space.one(q.title) if q.title != q.whole else (ids, w)
            title = self.title_index.score_one(ids_t, w_t)
            return [(whole, title)]
        out: list[tuple[np.ndarray, np.ndarray]] = []
        for start in range(0, len(queries), BATCH):
            chunk = queries[start : start + BATCH]
            whole = self.whole_index.score_many(space.many([q.whole for q in chunk]))
            title = self.title_index.score_many(space.many([q.title for q in chunk]))
            out.extend(zip(whole, title, strict=True))
        return out

    def signals(self, q: Query, whole: np.ndarray, title: np.ndarray) -> Signals:
        """Return the features of one prepared query given its cosine vectors."""
        n_o, n_p, n_s = self.n_occ, self.n_prog, self.n_seg
        cos_occ_title_q = whole[:n_o]
        cos_occ_full_q = whole[n_o : 2 * n_o]
        cos_prog_q = whole[2 * n_o : 2 * n_o + n_p]
        cos_seg = whole[2 * n_o + n_p :]
        cos_occ_title_t = title[:n_o]
        cos_prog_t = title[n_o:]

        hits = self.m._scanner.scan(q.whole)
        skill_title = np.zeros(len(CHAINS))
        skill_text = np.zeros(len(CHAINS))
        skill_seg = np.zeros(n_s)
        seg_name = np.zeros(n_s)
        occ_hit_title: dict[int, float] = {}
        occ_hit_text: dict[int, float] = {}
        prog_hit: dict[int, float] = {}
        none_hit = 0.0
        for pi, start, _end in hits:
            w = self.phrase_weight[pi]
            in_title = start < q.n_title
            for kind, target in self.m.phrase_payloads_[pi]:
                if kind == SKILL:
                    share = w / self.phrase_chains[pi]
                    c = self.skill_chain[target]
                    if in_title:
                        skill_title[c] += share
                    else:
                        skill_text[c] += share
                    skill_seg[self.skill_segment[target]] += share
                elif kind in (OCC_NAME, OCC_WORK_TYPE, OCC_MARKET):
                    d = occ_hit_title if in_title else occ_hit_text
                    d[target] = max(d.get(target, 0.0), self.title_weight[pi])
                elif kind == NONE_EXAMPLE:
                    none_hit += w
                elif kind == PROG_NAME:
                    prog_hit[target] = prog_hit.get(target, 0.0) + w
                elif kind == SEG_NAME:
                    seg_name[target] += w

        occ_feats = np.zeros((n_o, N_OCC_FEATS))
        occ_feats[:, 0] = cos_occ_title_t
        occ_feats[:, 1] = cos_occ_title_q
        occ_feats[:, 2] = cos_occ_full_q
        for o, v in occ_hit_title.items():
            occ_feats[o, 3] = scoring.saturate(v)
        for o, v in occ_hit_text.items():
            occ_feats[o, 4] = scoring.saturate(v)
        for o in self.exact_titles(q):
            occ_feats[o, OCC_EXACT] = 1.0

        # The chains of the occupations the title looks most like.
        prelim = cos_occ_title_t + cos_occ_title_q + occ_feats[:, 3] + 0.5 * occ_feats[:, 4]
        top = np.argpartition(-prelim, 3)[:3]
        weight = np.clip(prelim[top], 0.0, None)
        total = weight.sum()
        if total > 0:
            occ_prior = (weight @ self.occ_chain[top]) / total
            outside_prior = float(weight @ self.occ_outside[top]) / total
        else:
            occ_prior = np.zeros(len(CHAINS))
            outside_prior = 0.0

        lp_whole = self.chain_log_proba(q.whole)
        lp_title = self.chain_log_proba(q.title) if q.title != q.whole else lp_whole
        chain_feats = np.zeros((len(CHAINS), N_CHAIN_FEATS))
        chain_feats[:, 0] = lp_whole[:4]
        chain_feats[:, 1] = lp_title[:4]
        chain_feats[:, 2] = scoring.saturate(skill_title)
        chain_feats[:, 3] = scoring.saturate(skill_text)
        for c, mask in enumerate(self.seg_masks):
            chain_feats[c, 4] = cos_seg[mask].max() if mask.any() else 0.0
            chain_feats[c, 6] = scoring.saturate(seg_name[mask].sum())
        chain_feats[:, 5] = occ_prior
        none_feats = np.asarray(
            [lp_whole[4], lp_title[4], scoring.saturate(none_hit), outside_prior, 1.0]
        )

        prog_feats = np.zeros((n_p, N_PROG_FEATS))
        prog_feats[:, 0] = cos_prog_q
        prog_feats[:, 1] = cos_prog_t
        for p, v in prog_hit.items():
            prog_feats[p, 4] = scoring.saturate(v)

        seg_raw = 3.0 * scoring.saturate(skill_seg) + 4.0 * cos_seg + seg_name
        return Signals(chain_feats, none_feats, occ_feats, prog_feats, seg_raw, hits, q)

    # ------------------------------------------------------------------ decisions
    def chain_proba(self, s: Signals) -> np.ndarray:
        """Return the five label probabilities (softmax of the conditional logit)."""
        z = scoring.chain_logits(s.chain_feats, s.none_feats, self.w["chain"], self.w["none"])
        return scoring.softmax(z)

    def segment_weights(self, s: Signals, proba: np.ndarray) -> np.ndarray:
        """Return each segment's share: P(its chain) × softmax of segment evidence in the chain."""
        out = np.zeros(self.n_seg)
        for c, mask in enumerate(self.seg_masks):
            out[mask] = proba[c] * scoring.softmax(s.seg_raw[mask])
        return out

    def occupation_proba(self, s: Signals, seg_w: np.ndarray) -> np.ndarray:
        """Return P(occupation is a right answer) for every occupation."""
        s.occ_feats[:, OCC_BRIDGE] = seg_w @ self.seg_occ
        return scoring.linear_probability(s.occ_feats, self.w["occupation"])

    def programme_proba(self, s: Signals, seg_w: np.ndarray, occ_p: np.ndarray) -> np.ndarray:
        """Return P(programme is a right answer) for every programme."""
        s.prog_feats[:, 2] = scoring.bridge_max(occ_p, *self.link)
        s.prog_feats[:, 3] = seg_w @ self.seg_prog
        return scoring.linear_probability(s.prog_feats, self.w["programme"])

    def analyse(self, items: Sequence[tuple[str | None, str | None]]) -> list[Signals]:
        """Return the signals of each item (tuning and explanations use them directly)."""
        queries = [prepare(t, x, self.m.text_limit) for t, x in items]
        return [
            self.signals(q, whole, title)
            for q, (whole, title) in zip(queries, self._cosines(queries), strict=True)
        ]

    def match(
        self,
        items: Sequence[tuple[str | None, str | None]],
        *,
        top_k: int,
        allowed_programmes: set[str] | None,
    ) -> list[dict[str, Any]]:
        """Return the answer for each item (see ``Matcher.match``)."""
        queries = [prepare(t, x, self.m.text_limit) for t, x in items]
        allowed_mask = None
        if allowed_programmes is not None:
            allowed_mask = np.zeros(self.n_prog, bool)
            for code in allowed_programmes:
                i = self.prog_index.get(code)
                if i is not None:
                    allowed_mask[i] = True
        out = []
        for q, (whole, title) in zip(queries, self._cosines(queries), strict=True):
            s = self.signals(q, whole, title)
            out.append(self.decide(s, top_k=top_k, allowed_mask=allowed_mask))
        return out

    def decide(self, s: Signals, *, top_k: int, allowed_mask: np.ndarray | None) -> dict[str, Any]:
        """Return the answer dict of one query from its signals."""
        from vocmatch.matching import evidence

        proba = self.chain_proba(s)
        seg_w = self.segment_weights(s, proba)
        occ_p = self.occupation_proba(s, seg_w)
        prog_p = self.programme_proba(s, seg_w, occ_p)
        if allowed_mask is not None:
            prog_p = np.where(allowed_mask, prog_p, -1.0)
        best = int(np.argmax(proba))
        occ_top = _top(occ_p, top_k)
        prog_top = _top(prog_p, top_k)
        ev = evidence.Explainer(self, s, seg_w, occ_p)
        return {
            "chain": LABELS[best],
            "chains": [
                {"key": LABELS[i], "score": round(float(proba[i]), 4)}
                for i in np.argsort(-proba, kind="stable")
            ],
            "occupations": [
                {
                    "code": self.m.occupation_codes_[o],
                    "name": self.m.occupation_names_[o],
                    "score": round(float(occ_p[o]), 4),
                    "evidence": ev.occupation(o),
                }
                for o in occ_top
            ],
            "programmes": [
                {
                    "code": self.m.programme_codes_[p],
                    "name": self.m.programme_names_[p],
                    "score": round(float(prog_p[p]), 4),
                    "evidence": ev.programme(p),
                }
                for p in prog_top
                if prog_p[p] >= 0
            ],
        }


def _top(scores: np.ndarray, k: int) -> list[int]:
    k = min(k, len(scores))
    if k <= 0:
        return []
    part = np.argpartition(-scores, k - 1)[:k]
    return [int(i) for i in part[np.argsort(-scores[part], kind="stable")]]


def kind_label(kind: int) -> str:
    """Return the evidence label of a phrase kind."""
    return KIND_LABELS.get(kind, "phrase")


__all__ = ["GROUP_NAME", "Query", "Runtime", "Signals", "prepare"]
