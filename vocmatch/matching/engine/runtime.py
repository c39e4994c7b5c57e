"""Query time: from (title, text) pairs to calibrated scores, honest lists and evidence.

Every step works on a batch of ``n`` queries at once (``n`` = 1 for the API):

1. prepare — find the job in the title (:mod:`~vocmatch.matching.engine.titles`), expand English;
2. retrieve — TF-IDF cosines, nearest single titles, the title classifiers, the chain classifier;
3. find — phrase hits in the text, title matches (exact, ending at a word boundary);
4. decide — the chain (conditional logit), the occupations and the programmes (logistic models
   over each query's candidates, see :mod:`~vocmatch.matching.engine.candidates`).

A list holds only entries whose score reaches the model's calibrated threshold (``top_k`` is a
maximum, never a promise), and the answer says what normalisation removed from the title and
when the title is too generic to tell the job.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from vocmatch.matching.engine import candidates as cand
from vocmatch.matching.engine import chain as chains
from vocmatch.matching.engine.batch import Batch
from vocmatch.matching.engine.evidence import Explainer
from vocmatch.matching.engine.fitted import FittedModel
from vocmatch.matching.engine.query import prepare
from vocmatch.matching.engine.retrieval import Retriever
from vocmatch.matching.engine.tables import Tables
from vocmatch.matching.engine.vocab import LABELS

BATCH = 256
GENERIC_SHRINK = 0.8  # a generic title without text: chain scores move 80 % toward 1/5
Item = tuple[str | None, str | None]


class Runtime:
    """The fitted model in query-time form."""

    def __init__(self, m: FittedModel) -> None:
        self.m = m
        self.t = Tables.build(m)
        self.retriever = Retriever(self.t, np.asarray(m.occupation_group))
        self.w = {k: np.asarray(v, np.float64) for k, v in m.weights.items()}
        self.prior = np.asarray(m.occupation_prior, np.float32)

    @property
    def model(self) -> FittedModel:
        """Return the fitted model this runtime reads."""
        return self.m

    # ------------------------------------------------------------------ steps
    def analyse(
        self, items: Sequence[Item], employers: Sequence[Sequence[str]] | None = None
    ) -> Batch:
        """Return the prepared queries of ``items`` with their similarities and hits."""
        t = self.t
        queries = [
            prepare(
                title,
                text,
                text_limit=self.m.text_limit,
                glossary=t.glossary,
                normaliser=t.normaliser,
                employers=employers[k] if employers else (),
            )
            for k, (title, text) in enumerate(items)
        ]
        sims = self.retriever.similarities(queries)
        hits = chains.find(queries, t)
        shape = sims.cos_occ_full.shape
        # The occupations the title most likely is: their chains (or none) inform the chain.
        prelim = (
            sims.cos_occ_title_t
            + sims.cos_occ_full
            + chains.dense(hits.occ_title, shape)
            + 2.0 * chains.dense(hits.exact, shape)
            + chains.dense(hits.ending, shape)
        )
        return Batch(queries, sims, hits, chains.chain_features(sims, hits, t, prelim))

    @staticmethod
    def vague(b: Batch) -> np.ndarray:
        """Return which queries are a generic title (普工, 操作工, 技术员) without text."""
        return np.asarray([q.clean.generic and not q.has_text for q in b.queries], bool)

    def chain_proba(self, b: Batch) -> np.ndarray:
        """Return the (n, 5) label probabilities; generic titles without text are shrunk.

        Such a title says nothing of the job: its chain scores move toward 1/5, and its
        occupation and programme scores toward 0 (see :meth:`scores`), so a bare 操作工 lists
        nothing with confidence, however well one occupation's name shares its characters.
        """
        proba = chains.chain_proba(b.chain, self.w["chain"], self.w["none"])
        vague = self.vague(b)
        proba[vague] = (1 - GENERIC_SHRINK) * proba[vague] + GENERIC_SHRINK / len(LABELS)
        return proba

    def segment_weights(self, b: Batch, proba: np.ndarray) -> np.ndarray:
        """Return each segment's share of the query (P(chain) × segment evidence)."""
        return chains.segment_weights(b.chain, proba, self.t)

    def occupation_candidates(
        self, b: Batch, seg_w: np.ndarray, forced: list[list[int]] | None = None
    ) -> cand.Candidates:
        """Return each query's candidate occupations and their features."""
        return cand.occupations(b.queries, b.sims, b.hits, self.t, seg_w, self.prior, forced)

    def programme_candidates(
        self,
        b: Batch,
        seg_w: np.ndarray,
        occ_p: np.ndarray,
        forced: list[list[int]] | None = None,
        occ_top: np.ndarray | None = None,
    ) -> cand.Candidates:
        """Return each query's candidate programmes and their features."""
        return cand.programmes(
            b.queries, b.sims, b.hits, self.t, seg_w, occ_p, forced, occ_top=occ_top
        )

    def scores(
        self, b: Batch, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray, cand.Scored, cand.Scored]:
        """Return chain probabilities, segment weights, and the scored occupation and programme
        candidates (programmes in ``allowed`` are always candidates)."""
        proba = self.chain_proba(b)
        seg_w = self.segment_weights(b, proba)
        occ_c = self.occupation_candidates(b, seg_w)
        occ_s = cand.linear(occ_c, self.w["occupation"], self.w.get("occupation_calibration"))
        occ_p = cand.scatter(occ_c, occ_s, self.t.n_occ)
        vague = self.vague(b)  # the programme bridges follow the unshrunk occupation scores
        occ_s[vague] *= 1 - GENERIC_SHRINK
        forced = None
        if allowed is not None:
            forced = [np.flatnonzero(allowed).tolist()] * len(b.queries)
        prog_c = self.programme_candidates(b, seg_w, occ_p, forced, occ_top=occ_c.index)
        prog_s = cand.linear(prog_c, self.w["programme"], self.w.get("programme_calibration"))
        prog_s[vague] *= 1 - GENERIC_SHRINK
        if allowed is not None:
            prog_s = np.where(allowed[prog_c.index], prog_s, 0.0)
        return (
            proba,
            seg_w,
            cand.Scored(occ_c, occ_s, occ_p),
            cand.Scored(prog_c, prog_s, np.zeros((0, 0))),
        )

    # ------------------------------------------------------------------ answers
    def match(
        self,
        items: Sequence[Item],
        *,
        top_k: int,
        allowed_programmes: set[str] | None,
        employers: Sequence[Sequence[str]] | None = None,
        listed_only: bool = True,
    ) -> list[dict[str, Any]]:
        """Return the answer for each item (see ``Matcher.match``).

        ``listed_only=False`` returns the ``top_k`` best whatever their score (the evaluation
        measures the ranking that way, beside how much the thresholded lists keep).
        """
        allowed = None
        if allowed_programmes is not None:
            allowed = np.zeros(self.t.n_prog, bool)
            for code in allowed_programmes:
                i = self.t.prog_index.get(code)
                if i is not None:
                    allowed[i] = True
        out: list[dict[str, Any]] = []
        for start in range(0, len(items), BATCH):
            chunk = items[start : start + BATCH]
            who = employers[start : start + BATCH] if employers else None
            out.extend(
                self.decide(
                    self.analyse(chunk, who), top_k=top_k, allowed=allowed, listed_only=listed_only
                )
            )
        return out

    def decide(
        self, b: Batch, *, top_k: int, allowed: np.ndarray | None, listed_only: bool = True
    ) -> list[dict[str, Any]]:
        """Return the answer dicts of an analysed batch."""
        proba, seg_w, occ, prog = self.scores(b, allowed)
        occ_min = self.m.thresholds.get("occupation", 0.05) if listed_only else 0.0
        prog_min = self.m.thresholds.get("programme", 0.05) if listed_only else 1e-9
        occ_top = occ.top(top_k, occ_min)
        prog_top = prog.top(top_k, prog_min)
        occ_p = occ.dense
        m = self.m
        out = []
        for i, q in enumerate(b.queries):
            ev = Explainer(m, self.t, b, i, seg_w[i], occ_p[i])
            order = np.argsort(-proba[i], kind="stable")
            occs, progs = occ_top[i], prog_top[i]
            notes = []
            if q.clean.generic:
                notes.append("title_too_generic")
            if not occs:
                notes.append("no_likely_occupation")
            if not progs:
                notes.append("no_likely_programme")
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
                            "score": round(score, 4),
                            "evidence": e,
                        }
                        for (o, score), e in zip(
                            occs, ev.occupations([o for o, _ in occs]), strict=True
                        )
                    ],
                    "programmes": [
                        {
                            "code": m.programme_codes[p],
                            "name": m.programme_names[p],
                            "score": round(score, 4),
                            "evidence": e,
                        }
                        for (p, score), e in zip(
                            progs, ev.programmes([p for p, _ in progs]), strict=True
                        )
                    ],
                    "title": {
                        "job": q.clean.job,
                        "level": q.clean.level or None,
                        "level_words": q.clean.level_words,
                        "removed": [{"kind": r.kind, "text": r.text} for r in q.clean.removed],
                    },
                    "notes": notes,
                }
            )
        return out

    def chains_and_segments(self, items: Sequence[Item]) -> list[dict[str, Any]]:
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
