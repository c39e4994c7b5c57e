"""Lookup tables derived from a :class:`FittedModel` once per process (never saved).

The runtime and the explainer both read them; they are computed from the fitted fields only, so
a loaded model and a freshly fitted one give the same tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from vocmatch.matching.engine import scoring
from vocmatch.matching.engine.fitted import FittedModel
from vocmatch.matching.engine.vectors import InvertedIndex, TfidfSpace
from vocmatch.matching.engine.vocab import CHAINS, SKILL

CSR = tuple[np.ndarray, np.ndarray, np.ndarray]


def csr_parts(matrix: sp.spmatrix) -> CSR:
    """Return ``(indptr, indices, data as float64)`` of a matrix in sorted CSR form."""
    csr = sp.csr_matrix(matrix)
    csr.sort_indices()
    return csr.indptr, csr.indices, csr.data.astype(np.float64)


@dataclass(frozen=True, eq=False)
class Tables:
    """Query-time shapes of the fitted model: indexes, dense bridges, per-phrase weights."""

    n_occ: int
    n_prog: int
    n_seg: int
    whole_index: InvertedIndex
    title_index: InvertedIndex
    space: TfidfSpace
    chain_space: TfidfSpace
    shared_analysis: bool
    chain_coef: np.ndarray
    chain_intercept: np.ndarray
    phrase_index: dict[str, int]
    payloads: list[list[tuple[int, int]]]
    phrase_weight: list[float]
    title_saturated: list[float]
    phrase_chains: list[int]
    seg_chain: np.ndarray
    skill_chain: np.ndarray
    seg_masks: list[np.ndarray]
    seg_occ: np.ndarray
    seg_prog: np.ndarray
    occ_chain: np.ndarray
    occ_outside: np.ndarray
    link: CSR
    similar: CSR
    prog_index: dict[str, int]
    title_bigrams: list[list[tuple[str, set[str]]]]
    programme_links: list[tuple[np.ndarray, np.ndarray]]

    @classmethod
    def build(cls, m: FittedModel) -> Tables:
        """Return the tables of ``m``."""
        n_occ, n_prog = len(m.occupation_codes), len(m.programme_codes)
        vocabulary = {term: i for i, term in enumerate(m.vocabulary)}
        phrase_weight = [scoring.phrase_weight(p) for p in m.phrases]
        generality = np.asarray(m.phrase_generality, np.float64)
        title_weight = [w * g for w, g in zip(phrase_weight, generality, strict=True)]
        payloads = [m.payloads(i) for i in range(len(m.phrases))]
        seg_chain = np.asarray(m.segment_chain)
        skill_chain = seg_chain[np.asarray(m.skill_segment)]
        seg_occ = m.segment_occupation.toarray()
        occ_chain = np.zeros((n_occ, len(CHAINS)))
        for c in range(len(CHAINS)):
            rows = seg_occ[seg_chain == c]
            if len(rows):
                occ_chain[:, c] = rows.max(axis=0)
        csc = sp.csc_matrix(m.occ_programme)
        return cls(
            n_occ=n_occ,
            n_prog=n_prog,
            n_seg=len(m.segment_keys),
            # One index per query part, documents stacked: one pass over the query's n-grams.
            whole_index=InvertedIndex.from_docs(
                sp.vstack(
                    [m.occ_title_matrix, m.occ_full_matrix, m.programme_matrix, m.segment_matrix]
                ).tocsr()
            ),
            title_index=InvertedIndex.from_docs(
                sp.vstack(
                    [m.occ_title_matrix, m.programme_matrix, m.programme_focus_matrix]
                ).tocsr()
            ),
            space=TfidfSpace(vocabulary, m.idf, m.ngram_range),
            chain_space=TfidfSpace(
                {term: i for i, term in enumerate(m.chain_vocabulary)}, m.chain_idf, (1, 3)
            ),
            shared_analysis=m.ngram_range == (2, 3),
            chain_coef=np.asarray(m.chain_coef, np.float64),
            chain_intercept=np.asarray(m.chain_intercept, np.float64),
            phrase_index={p: i for i, p in enumerate(m.phrases)},
            payloads=payloads,
            phrase_weight=phrase_weight,
            # Occupation title hits keep their strongest phrase, saturated: 1 − exp(−weight).
            title_saturated=[float(scoring.saturate(w)) for w in title_weight],
            # A phrase naming skills of several chains says less about each of them.
            phrase_chains=[
                len({int(skill_chain[t]) for k, t in pl if k == SKILL}) or 1 for pl in payloads
            ],
            seg_chain=seg_chain,
            skill_chain=skill_chain,
            seg_masks=[seg_chain == c for c in range(len(CHAINS))],
            seg_occ=seg_occ,
            seg_prog=m.segment_programme.toarray(),
            occ_chain=occ_chain,
            occ_outside=(occ_chain.max(axis=1) == 0).astype(np.float64),
            link=csr_parts(m.occ_programme),
            similar=csr_parts(m.occ_programme_similar),
            prog_index={c: i for i, c in enumerate(m.programme_codes)},
            title_bigrams=[
                [(t, {t[i : i + 2] for i in range(len(t) - 1)}) for t in titles[:6]]
                for titles in m.occupation_titles
            ],
            programme_links=[
                (
                    csc.indices[csc.indptr[p] : csc.indptr[p + 1]],
                    csc.data[csc.indptr[p] : csc.indptr[p + 1]],
                )
                for p in range(n_prog)
            ],
        )
