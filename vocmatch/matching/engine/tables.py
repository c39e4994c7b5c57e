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
from vocmatch.matching.engine.glossary import Glossary
from vocmatch.matching.engine.terms import PhraseScanner
from vocmatch.matching.engine.titles import TitleNormaliser
from vocmatch.matching.engine.vectors import InvertedIndex, TfidfSpace
from vocmatch.matching.engine.vocab import CHAINS, SKILL

CSR = tuple[np.ndarray, np.ndarray, np.ndarray]


def csr_parts(matrix: sp.spmatrix) -> CSR:
    """Return ``(indptr, indices, data as float64)`` of a matrix in sorted CSR form."""
    csr = sp.csr_matrix(matrix)
    csr.sort_indices()
    return csr.indptr, csr.indices, csr.data.astype(np.float64)


def _stacked(matrices: list[sp.spmatrix]) -> CSR:
    """Return one CSR over the union of the matrices' entries, data (nnz × matrices)."""
    union = sp.csr_matrix(
        sum((_binary(sp.csr_matrix(m)) for m in matrices), sp.csr_matrix(matrices[0].shape))
    )
    union.sort_indices()
    rows = np.repeat(np.arange(union.shape[0]), np.diff(union.indptr))
    data = np.stack(
        [np.asarray(sp.csr_matrix(m)[rows, union.indices]).ravel() for m in matrices], axis=1
    ).astype(np.float64)
    return union.indptr, union.indices, data


def _binary(matrix: sp.csr_matrix) -> sp.csr_matrix:
    out = matrix.copy()
    out.data = np.ones_like(out.data)
    return out


def _columns(matrix: sp.spmatrix, n: int) -> list[tuple[np.ndarray, np.ndarray]]:
    csc = sp.csc_matrix(matrix)
    return [
        (
            csc.indices[csc.indptr[p] : csc.indptr[p + 1]],
            csc.data[csc.indptr[p] : csc.indptr[p + 1]],
        )
        for p in range(n)
    ]


@dataclass(frozen=True, eq=False)
class Tables:
    """Query-time shapes of the fitted model: indexes, dense bridges, per-phrase weights."""

    n_occ: int
    n_prog: int
    n_seg: int
    glossary: Glossary
    normaliser: TitleNormaliser
    scanner: PhraseScanner
    whole_index: InvertedIndex  # occupation titles, occupation docs, programmes, segments
    title_index: InvertedIndex  # occupation titles, programmes, 职业面向
    focus_index: InvertedIndex  # 职业面向 alone (a title-only query reuses the rest)
    profile_index: InvertedIndex  # the profiles as written, in their own idf
    profile_reweight: np.ndarray  # per shared n-gram: profile idf / shared idf
    nearest_index: InvertedIndex  # every single title of every occupation
    cover_index: InvertedIndex  # which n-grams each occupation / programme document holds (0/1)
    title_starts: np.ndarray  # first row of each occupation's single titles
    space: TfidfSpace
    chain_space: TfidfSpace
    clf_space: TfidfSpace
    clf_index: InvertedIndex  # n-grams → occupations, then minor groups (both classifiers)
    shared_analysis: bool
    chain_coef: np.ndarray
    chain_intercept: np.ndarray
    clf_intercept: np.ndarray
    group_intercept: np.ndarray
    cores: dict[str, list[int]]  # a title core → the occupations with that core
    generic_endings: tuple[str, ...]  # generic job words a title may end with, longest first
    phrase_index: dict[str, int]
    payloads: list[list[tuple[int, int]]]
    phrase_weight: list[float]
    title_saturated: list[float]
    phrase_chains: list[int]
    seg_chain: np.ndarray
    skill_chain: np.ndarray
    seg_of_skill: np.ndarray
    seg_masks: list[np.ndarray]
    seg_occ: np.ndarray
    seg_prog: np.ndarray
    occ_chain: np.ndarray
    occ_outside: np.ndarray
    major: np.ndarray  # the major group (1–8) of each occupation
    occ_level: list[str]  # the level class of each occupation's name
    crosswalk: CSR
    profile: CSR
    similar: CSR
    sibling: CSR
    linked: CSR  # the stronger of the crosswalk and the profile link
    bridges: CSR  # crosswalk, profile, similar profile, siblings: one column each
    prog_index: dict[str, int]
    title_bigrams: list[list[tuple[str, set[str]]]]
    crosswalk_of: list[tuple[np.ndarray, np.ndarray]]  # per programme: (occupations, weights)
    profile_of: list[tuple[np.ndarray, np.ndarray]]

    @classmethod
    def build(cls, m: FittedModel) -> Tables:
        """Return the tables of ``m``."""
        n_occ, n_prog = len(m.occupation_codes), len(m.programme_codes)
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
        cores: dict[str, list[int]] = {}
        for core, occ in zip(m.title_cores, m.title_occupation.tolist(), strict=True):
            if occ not in cores.setdefault(core, []):
                cores[core].append(occ)
        title_occ = np.asarray(m.title_occupation)
        return cls(
            n_occ=n_occ,
            n_prog=n_prog,
            n_seg=len(m.segment_keys),
            glossary=Glossary(m.english),
            normaliser=TitleNormaliser(m.title_words, m.english_levels),
            scanner=PhraseScanner(m.phrases),
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
            focus_index=InvertedIndex.from_docs(sp.csr_matrix(m.programme_focus_matrix)),
            profile_index=InvertedIndex.from_docs(sp.csr_matrix(m.profile_matrix)),
            profile_reweight=np.divide(
                m.profile_idf,
                m.idf,
                out=np.zeros(len(m.idf), np.float32),
                where=np.asarray(m.idf) > 0,
            ).astype(np.float32),
            nearest_index=InvertedIndex.from_docs(sp.csr_matrix(m.title_matrix)),
            cover_index=InvertedIndex.from_docs(
                _binary(sp.vstack([m.occ_full_matrix, m.programme_matrix]).tocsr())
            ),
            title_starts=np.searchsorted(title_occ, np.arange(n_occ)),
            space=TfidfSpace({t: i for i, t in enumerate(m.vocabulary)}, m.idf, m.ngram_range),
            chain_space=TfidfSpace(
                {t: i for i, t in enumerate(m.chain_vocabulary)}, m.chain_idf, (1, 3)
            ),
            clf_space=TfidfSpace({t: i for i, t in enumerate(m.clf_vocabulary)}, m.clf_idf, (1, 3)),
            clf_index=InvertedIndex(sp.hstack([m.clf_coef, m.group_coef]).tocsr()),
            shared_analysis=m.ngram_range == (2, 3),
            chain_coef=np.asarray(m.chain_coef, np.float64),
            chain_intercept=np.asarray(m.chain_intercept, np.float64),
            clf_intercept=np.asarray(m.clf_intercept, np.float32),
            group_intercept=np.asarray(m.group_intercept, np.float32),
            cores=cores,
            generic_endings=tuple(
                sorted((g for g in m.title_words.get("generic", ()) if len(g) >= 2), key=len)[::-1]
            ),
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
            seg_of_skill=np.asarray(m.skill_segment),
            seg_masks=[seg_chain == c for c in range(len(CHAINS))],
            seg_occ=seg_occ,
            seg_prog=m.segment_programme.toarray(),
            occ_chain=occ_chain,
            occ_outside=(occ_chain.max(axis=1) == 0).astype(np.float64),
            major=np.asarray([int(c[0]) for c in m.occupation_codes]),
            occ_level=list(m.occupation_level),
            crosswalk=csr_parts(m.occ_programme_crosswalk),
            profile=csr_parts(m.occ_programme_profile),
            similar=csr_parts(m.occ_programme_similar),
            sibling=csr_parts(m.occ_programme_sibling),
            linked=csr_parts(m.occ_programme_crosswalk.maximum(m.occ_programme_profile)),
            bridges=_stacked(
                [
                    m.occ_programme_crosswalk,
                    m.occ_programme_profile,
                    m.occ_programme_similar,
                    m.occ_programme_sibling,
                ]
            ),
            prog_index={c: i for i, c in enumerate(m.programme_codes)},
            title_bigrams=[
                [(t, {t[i : i + 2] for i in range(len(t) - 1)}) for t in titles[:8]]
                for titles in m.occupation_titles
            ],
            crosswalk_of=_columns(m.occ_programme_crosswalk, n_prog),
            profile_of=_columns(m.occ_programme_profile, n_prog),
        )
