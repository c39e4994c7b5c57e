"""Query time: from (title, text) pairs to signals, calibrated scores and evidence — in batches.

Every step works on a batch of ``n`` queries at once (``n`` = 1 for the API): the per-text
Python work is limited to normalising, cutting n-grams and finding phrases; cosines, the chain
classifier, the three models, the bridges and the top-k are numpy/scipy operations over
``(n × occupations)`` and ``(n × programmes)`` arrays. :class:`Runtime` reads a
:class:`~vocmatch.matching.engine.fitted.FittedModel` and the lookup tables derived from it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from vocmatch.matching.engine import scoring
from vocmatch.matching.engine.evidence import Explainer
from vocmatch.matching.engine.fitted import FittedModel
from vocmatch.matching.engine.query import Batch, Query, prepare
from vocmatch.matching.engine.tables import Tables
from vocmatch.matching.engine.terms import PhraseScanner
from vocmatch.matching.engine.vocab import (
    CHAINS,
    LABELS,
    NONE_EXAMPLE,
    OCC_KINDS,
    PROG_NAME,
    SEG_NAME,
    SKILL,
)
from vocmatch.matching.text import analyze, analyze_with_unigrams

BATCH = 256
BRIDGE_TOP = 64
N_CHAIN_FEATS = 7
N_NONE_FEATS = 5
N_OCC_FEATS = 10  # the weights have one more entry: the bias
N_PROG_FEATS = 9
OCC_EXACT, OCC_ENDING, OCC_BRIDGE, OCC_BRIDGE_X_SIM, OCC_REL_TITLE = 5, 6, 7, 8, 9
PROG_LINK, PROG_SIMILAR, PROG_SEGMENT, PROG_SEGMENT_X_SIM, PROG_REL_FOCUS = 4, 5, 6, 7, 8
_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]?")


def _relative(x: np.ndarray) -> np.ndarray:
    """Return each row of ``x`` divided by its maximum (0 where the row is all 0)."""
    top = x.max(axis=-1, keepdims=True)
    return np.divide(x, top, out=np.zeros_like(x), where=top > 0)


def _bridge_max(scores: np.ndarray, link: tuple[np.ndarray, ...], n_out: int) -> np.ndarray:
    """Return ``max_o scores[:, o] · link[o, p]`` for every row and target.

    Only each row's ``BRIDGE_TOP`` best occupations are followed (``link`` is occupation-major
    CSR): an occupation further down cannot be the best reason for a programme that matters, and
    following all 1,631 for every query was the slowest step of batch matching.
    """
    indptr, indices, data = link
    n, m = scores.shape
    k = min(BRIDGE_TOP, m)
    top = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k < m else np.tile(np.arange(m), (n, 1))
    rows = np.repeat(np.arange(n), k)
    occs = top.ravel()
    starts = indptr[occs]
    lengths = indptr[occs + 1] - starts
    total = int(lengths.sum())
    out = np.zeros(n * n_out)
    if total:
        pos = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        vals = np.repeat(scores[rows, occs].astype(np.float64), lengths) * data[pos]
        np.maximum.at(out, np.repeat(rows, lengths) * n_out + indices[pos], vals)
    return out.reshape(n, n_out)


class Runtime:
    """The fitted model in query-time form."""

    def __init__(self, m: FittedModel) -> None:
        self.m = m
        self.t = Tables.build(m)
        self.scanner = PhraseScanner(m.phrases)
        self.w = {k: np.asarray(v, np.float64) for k, v in m.weights.items()}

    @property
    def model(self) -> FittedModel:
        """Return the fitted model this runtime reads."""
        return self.m

    # ------------------------------------------------------------------ text → vectors
    def _vectors(
        self, text: str
    ) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
        """Return the (ids, weights) of ``text`` in the TF-IDF space and the chain space."""
        if self.t.shared_analysis:
            main_feats, unigrams = analyze_with_unigrams(text)
            return (
                self.t.space.from_features(main_feats),
                self.t.chain_space.from_features(main_feats, unigrams),
            )
        return (
            self.t.space.from_features(analyze(text, *self.t.space.ngram_range)),
            self.t.chain_space.from_features(analyze(text, 1, 3)),
        )

    @staticmethod
    def _rows(rows: list[tuple[np.ndarray, np.ndarray]], width: int) -> sp.csr_matrix:
        indptr = np.zeros(len(rows) + 1, np.int64)
        indptr[1:] = np.cumsum([len(ids) for ids, _ in rows])
        return sp.csr_matrix(
            (
                np.concatenate([w for _, w in rows]) if rows else np.empty(0, np.float32),
                np.concatenate([ids for ids, _ in rows]) if rows else np.empty(0, np.int64),
                indptr,
            ),
            shape=(len(rows), width),
        )

    def _chain_log_proba(self, rows: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        if len(rows) == 1:
            ids, w = rows[0]
            z = np.atleast_2d(
                self.t.chain_intercept + (w @ self.t.chain_coef[ids] if len(ids) else 0.0)
            )
        else:
            z = (
                self._rows(rows, len(self.t.chain_coef)) @ self.t.chain_coef
                + self.t.chain_intercept
            )
        return self._log_softmax(z)

    def _cosines(
        self,
        whole: list[tuple[np.ndarray, np.ndarray]],
        title: list[tuple[np.ndarray, np.ndarray]],
    ) -> tuple[np.ndarray, np.ndarray]:
        if len(whole) == 1:
            return (
                self.t.whole_index.score_one(*whole[0])[None, :],
                self.t.title_index.score_one(*title[0])[None, :],
            )
        width = len(self.t.space.idf)
        return (
            self.t.whole_index.score_many(self._rows(whole, width)),
            self.t.title_index.score_many(self._rows(title, width)),
        )

    def _one(self, q: Query) -> tuple[np.ndarray, ...]:
        """Return cosines and chain log-probabilities of one query (microsecond-lean path)."""
        main, chain = self._vectors(q.whole)
        main_t, chain_t = (main, chain) if q.title == q.whole else self._vectors(q.title)
        whole, title = self._cosines([main], [main_t])
        return whole, title, self._chain_log_proba([chain]), self._chain_log_proba([chain_t])

    def _many(self, queries: list[Query]) -> tuple[np.ndarray, ...]:
        """Return cosines and chain log-probabilities of a batch (counting done per batch)."""
        space, cspace = self.t.space, self.t.chain_space
        whole_ids: list[list[int]] = []
        whole_cids: list[list[int]] = []
        title_ids: list[list[int]] = []
        title_cids: list[list[int]] = []
        for q in queries:
            for text, ids, cids in (
                (q.whole, whole_ids, whole_cids),
                (q.title, title_ids, title_cids),
            ):
                if self.t.shared_analysis:
                    feats, unigrams = analyze_with_unigrams(text)
                    ids.append(space.ids(feats))
                    cids.append(cspace.ids(feats, unigrams))
                else:
                    ids.append(space.ids(analyze(text, *space.ngram_range)))
                    cids.append(cspace.ids(analyze(text, 1, 3)))
        whole = self.t.whole_index.score_many(space.batch(whole_ids))
        title = self.t.title_index.score_many(space.batch(title_ids))
        return (
            whole,
            title,
            self._log_softmax(
                cspace.batch(whole_cids) @ self.t.chain_coef + self.t.chain_intercept
            ),
            self._log_softmax(
                cspace.batch(title_cids) @ self.t.chain_coef + self.t.chain_intercept
            ),
        )

    @staticmethod
    def _log_softmax(z: np.ndarray) -> np.ndarray:
        z = np.asarray(z) - np.max(z, axis=1, keepdims=True)
        return np.maximum(z - np.log(np.exp(z).sum(axis=1, keepdims=True)), -10.0)

    # ------------------------------------------------------------------ titles
    def _title_occupations(self, phrase: str) -> tuple[list[int], float]:
        pi = self.t.phrase_index.get(phrase)
        if pi is None:
            return [], 0.0
        occs = [t for k, t in self.t.payloads[pi] if k in OCC_KINDS]
        return occs, float(self.m.phrase_generality[pi])

    def title_matches(self, q: Query) -> tuple[dict[int, float], dict[int, float]]:
        """Return the occupations whose title *is* the query title, and those it *ends with*.

        Values: the exact title's generality (a title inside many others, like 操作工, counts
        little); for the ending, the share of the title it covers (job titles end with the job:
        设备维修钳工 → 钳工).
        """
        bare = _BRACKETS.sub("", q.title.split(" ; ")[0]).replace(" ", "").strip()
        exact: dict[int, float] = {}
        ending: dict[int, float] = {}
        occs, generality = self._title_occupations(bare)
        for o in occs:
            exact[o] = generality
        for start in range(1, len(bare) - 1):
            occs, _ = self._title_occupations(bare[start:])
            if occs:
                for o in occs:
                    ending[o] = (len(bare) - start) / len(bare)
                break
        return exact, ending

    # ------------------------------------------------------------------ features
    def analyse(self, items: Sequence[tuple[str | None, str | None]]) -> Batch:
        """Return the features of ``items`` (tuning and explanations use them directly)."""
        queries = [prepare(t, x, self.m.text_limit) for t, x in items]
        return self.featurize(queries)

    def featurize(self, queries: list[Query]) -> Batch:
        """Return the features of prepared queries."""
        n, n_o, n_p, n_s = len(queries), self.t.n_occ, self.t.n_prog, self.t.n_seg
        if n == 1:
            whole, title, lp_whole, lp_title = self._one(queries[0])
        else:
            whole, title, lp_whole, lp_title = self._many(queries)

        occ = np.zeros((N_OCC_FEATS, n, n_o), np.float32)
        prog = np.zeros((N_PROG_FEATS, n, n_p), np.float32)
        occ[0] = title[:, :n_o]
        occ[1] = whole[:, :n_o]
        occ[2] = whole[:, n_o : 2 * n_o]
        occ[OCC_REL_TITLE] = _relative(occ[0])
        prog[0] = whole[:, 2 * n_o : 2 * n_o + n_p]
        prog[1] = title[:, n_o : n_o + n_p]
        prog[2] = title[:, n_o + n_p :]
        prog[PROG_REL_FOCUS] = _relative(prog[2])
        cos_seg = whole[:, 2 * n_o + n_p :]

        skill_title = np.zeros((n, len(CHAINS)))
        skill_text = np.zeros((n, len(CHAINS)))
        skill_seg = np.zeros((n, n_s))
        seg_name = np.zeros((n, n_s))
        none_hit = np.zeros(n)
        prog_hits: dict[tuple[int, int], float] = {}
        hits_all = []
        scan = self.scanner.scan
        for i, q in enumerate(queries):
            hits = scan(q.whole)
            hits_all.append(hits)
            for pi, start, _end in hits:
                w = self.t.phrase_weight[pi]
                in_title = start < q.n_title
                for kind, target in self.t.payloads[pi]:
                    if kind == SKILL:
                        share = w / self.t.phrase_chains[pi]
                        if in_title:
                            skill_title[i, self.t.skill_chain[target]] += share
                        else:
                            skill_text[i, self.t.skill_chain[target]] += share
                        skill_seg[i, self.m.skill_segment[target]] += share
                    elif kind in OCC_KINDS:
                        col = 3 if in_title else 4
                        value = self.t.title_saturated[pi]
                        if value > occ[col, i, target]:
                            occ[col, i, target] = value
                    elif kind == NONE_EXAMPLE:
                        none_hit[i] += w
                    elif kind == PROG_NAME:
                        prog_hits[(i, target)] = prog_hits.get((i, target), 0.0) + w
                    elif kind == SEG_NAME:
                        seg_name[i, target] += w
            exact, ending = self.title_matches(q)
            for o, v in exact.items():
                occ[OCC_EXACT, i, o] = v
            for o, v in ending.items():
                occ[OCC_ENDING, i, o] = v
        for (i, p), v in prog_hits.items():
            prog[3, i, p] = scoring.saturate(v)

        # The chains of the occupations the title looks most like.
        prelim = occ[0] + occ[1] + occ[3] + 0.5 * occ[4]
        top = np.argpartition(-prelim, 3, axis=1)[:, :3]
        weight = np.clip(np.take_along_axis(prelim, top, axis=1), 0.0, None).astype(np.float64)
        total = weight.sum(axis=1, keepdims=True)
        safe = np.where(total > 0, total, 1.0)
        occ_prior = np.einsum("nk,nkc->nc", weight, self.t.occ_chain[top]) / safe
        outside = np.einsum("nk,nk->n", weight, self.t.occ_outside[top]) / safe[:, 0]

        chain_feats = np.zeros((n, len(CHAINS), N_CHAIN_FEATS))
        chain_feats[:, :, 0] = lp_whole[:, :4]
        chain_feats[:, :, 1] = lp_title[:, :4]
        chain_feats[:, :, 2] = scoring.saturate(skill_title)
        chain_feats[:, :, 3] = scoring.saturate(skill_text)
        for c, mask in enumerate(self.t.seg_masks):
            chain_feats[:, c, 4] = cos_seg[:, mask].max(axis=1) if mask.any() else 0.0
            chain_feats[:, c, 6] = scoring.saturate(seg_name[:, mask].sum(axis=1))
        chain_feats[:, :, 5] = occ_prior
        none_feats = np.stack(
            [lp_whole[:, 4], lp_title[:, 4], scoring.saturate(none_hit), outside, np.ones(n)],
            axis=1,
        )
        seg_raw = 3.0 * scoring.saturate(skill_seg) + 4.0 * cos_seg + seg_name
        return Batch(queries, hits_all, chain_feats, none_feats, occ, prog, seg_raw)

    # ------------------------------------------------------------------ decisions
    def chain_proba(self, b: Batch) -> np.ndarray:
        """Return the (n, 5) label probabilities (softmax of the conditional logit)."""
        z = scoring.chain_logits(b.chain_feats, b.none_feats, self.w["chain"], self.w["none"])
        return scoring.softmax(z)

    def segment_weights(self, b: Batch, proba: np.ndarray) -> np.ndarray:
        """Return each segment's share: P(its chain) × softmax of segment evidence in the chain."""
        out = np.zeros((len(proba), self.t.n_seg))
        for c, mask in enumerate(self.t.seg_masks):
            out[:, mask] = proba[:, c : c + 1] * scoring.softmax(b.seg_raw[:, mask])
        return out

    def occupation_proba(self, b: Batch, seg_w: np.ndarray) -> np.ndarray:
        """Return P(occupation is a right answer), (n × occupations)."""
        b.occ[OCC_BRIDGE] = seg_w @ self.t.seg_occ
        # In the likely segment AND like the text: the bridge alone cannot rank a segment's
        # occupations, the similarity alone does not know the chain.
        b.occ[OCC_BRIDGE_X_SIM] = b.occ[OCC_BRIDGE] * _relative(b.occ[2])
        return _linear(b.occ, self.w["occupation"])

    def programme_proba(self, b: Batch, seg_w: np.ndarray, occ_p: np.ndarray) -> np.ndarray:
        """Return P(programme is a right answer), (n × programmes)."""
        b.prog[PROG_LINK] = _bridge_max(occ_p, self.t.link, self.t.n_prog)
        b.prog[PROG_SIMILAR] = _bridge_max(occ_p, self.t.similar, self.t.n_prog)
        b.prog[PROG_SEGMENT] = seg_w @ self.t.seg_prog
        b.prog[PROG_SEGMENT_X_SIM] = b.prog[PROG_SEGMENT] * _relative(b.prog[0])
        return _linear(b.prog, self.w["programme"])

    def match(
        self,
        items: Sequence[tuple[str | None, str | None]],
        *,
        top_k: int,
        allowed_programmes: set[str] | None,
    ) -> list[dict[str, Any]]:
        """Return the answer for each item (see ``Matcher.match``)."""
        allowed_mask = None
        if allowed_programmes is not None:
            allowed_mask = np.zeros(self.t.n_prog, bool)
            for code in allowed_programmes:
                i = self.t.prog_index.get(code)
                if i is not None:
                    allowed_mask[i] = True
        out: list[dict[str, Any]] = []
        for start in range(0, len(items), BATCH):
            chunk = self.analyse(items[start : start + BATCH])
            out.extend(self.decide(chunk, top_k=top_k, allowed_mask=allowed_mask))
        return out

    def chains_and_segments(
        self, items: Sequence[tuple[str | None, str | None]]
    ) -> list[dict[str, Any]]:
        """Return, per item, the chain probabilities, segment shares and chain evidence.

        ``{"proba": {label: p}, "segments": {"chain.segment": share}, "evidence": {label:
        [str]}}``: a segment's share is P(its chain) times its share of that chain's segment
        evidence; the programme → chain mapping builds on it.
        """
        out = []
        for start in range(0, len(items), BATCH):
            b = self.analyse(items[start : start + BATCH])
            proba = self.chain_proba(b)
            seg_w = self.segment_weights(b, proba)
            for i in range(len(b.queries)):
                ex = Explainer(self.m, self.t, b, i, seg_w[i], np.zeros(self.t.n_occ))
                out.append(
                    {
                        "proba": {
                            label: float(p) for label, p in zip(LABELS, proba[i], strict=True)
                        },
                        "segments": {
                            key: float(w)
                            for key, w in zip(self.m.segment_keys, seg_w[i], strict=True)
                        },
                        "evidence": {label: ex.chain(j) for j, label in enumerate(LABELS)},
                    }
                )
        return out

    def decide(
        self, b: Batch, *, top_k: int, allowed_mask: np.ndarray | None
    ) -> list[dict[str, Any]]:
        """Return the answer dicts of a featurized batch."""
        proba = self.chain_proba(b)
        seg_w = self.segment_weights(b, proba)
        occ_p = self.occupation_proba(b, seg_w)
        prog_p = self.programme_proba(b, seg_w, occ_p)
        if allowed_mask is not None:
            prog_p = np.where(allowed_mask, prog_p, -1.0)
        occ_top = _top(occ_p, top_k)
        prog_top = _top(prog_p, top_k)
        m = self.m
        out = []
        for i in range(len(b.queries)):
            ev = Explainer(self.m, self.t, b, i, seg_w[i], occ_p[i])
            order = np.argsort(-proba[i], kind="stable")
            occs, progs = occ_top[i], prog_top[i]
            occ_ev = ev.occupations(occs)
            prog_ev = ev.programmes(progs)
            out.append(
                {
                    "chain": LABELS[int(order[0])],
                    "chains": [
                        {"key": LABELS[j], "score": round(float(proba[i, j]), 4)} for j in order
                    ],
                    "occupations": [
                        {
                            "code": m.occupation_codes[o],
                            "name": m.occupation_names[o],
                            "score": round(float(occ_p[i, o]), 4),
                            "evidence": e,
                        }
                        for o, e in zip(occs, occ_ev, strict=True)
                    ],
                    "programmes": [
                        {
                            "code": m.programme_codes[p],
                            "name": m.programme_names[p],
                            "score": round(float(prog_p[i, p]), 4),
                            "evidence": e,
                        }
                        for p, e in zip(progs, prog_ev, strict=True)
                        if prog_p[i, p] >= 0
                    ],
                }
            )
        return out


def _linear(feats: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Return ``sigmoid(Σ_k w_k · feats[k] + bias)`` for a (features × n × m) array, as (n × m)."""
    f, n, m = feats.shape
    z = np.dot(w[:-1].astype(np.float32), feats.reshape(f, n * m)).reshape(n, m)
    return scoring.sigmoid(z + np.float32(w[-1]))


def _top(scores: np.ndarray, k: int) -> list[list[int]]:
    """Return, per row, the indices of the ``k`` highest scores, best first."""
    k = min(k, scores.shape[1])
    if k <= 0:
        return [[] for _ in range(len(scores))]
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    vals = np.take_along_axis(scores, part, axis=1)
    order = np.argsort(-vals, axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1).tolist()
