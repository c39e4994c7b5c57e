"""The fitted matcher as one frozen value: exactly what the artifact saves, nothing derived.

:class:`FittedModel` is built by :meth:`vocmatch.matching.fitting.estimator.Matcher.fit`, saved
and loaded by :mod:`vocmatch.matching.engine.artifacts` (numpy arrays in ``.npz``, everything
else in JSON: loading never runs code), and read by the query-time
:class:`~vocmatch.matching.engine.runtime.Runtime` and
:class:`~vocmatch.matching.engine.evidence.Explainer`. Lookup tables that can be computed from
these fields are not fields (see :mod:`vocmatch.matching.engine.tables`).

Field kinds decide the storage: ``np.ndarray`` → one array, ``sp.csr_matrix`` → its CSR parts,
anything else → JSON. Adding a field therefore needs no change to the artifact code.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True, eq=False)
class FittedModel:
    """Everything a fitted matcher knows (arrays, sparse matrices and plain JSON values)."""

    # identity and provenance
    version: str
    fitted_at: str
    params: dict[str, Any]
    data_hashes: dict[str, str]
    fit_seconds: float
    weights: dict[str, list[float]]
    thresholds: dict[str, float]  # the least score an occupation / programme is listed with
    holdout: list[str]  # occupations whose titles and links were held out (evaluation models)
    lexicon_unknown: list[str]  # glossary entries naming no occupation (reported in the card)
    # word lists (data/glossary.yaml, data/title_words.yaml)
    english: dict[str, str]
    english_levels: dict[str, str]
    title_words: dict[str, Any]
    # the labels the matcher answers with
    occupation_codes: list[str]
    occupation_names: list[str]
    occupation_titles: list[list[str]]  # normalised name, 工种, market titles, glossary titles
    occupation_prior: np.ndarray  # (occupations × 2) log share of its major / middle group
    occupation_level: list[str]  # the level class of the occupation's name (工程技术人员: engineer)
    # every title of every occupation, cleaned like a query title (the nearest-title index)
    title_cores: list[str]
    title_occupation: np.ndarray
    title_matrix: sp.csr_matrix  # titles × n-grams of the shared space
    programme_codes: list[str]
    programme_names: list[str]
    segment_keys: list[str]  # "chain.segment"
    segment_names: list[str]
    segment_chain: np.ndarray  # chain index per segment
    skill_names: list[str]
    skill_segment: np.ndarray  # segment index per skill
    # the phrase dictionary: phrase i points to (kind, target) pairs payload_indptr[i]:[i+1]
    phrases: list[str]
    payload_indptr: np.ndarray
    payload_kind: np.ndarray
    payload_target: np.ndarray
    phrase_generality: np.ndarray
    # character n-gram TF-IDF space shared by occupations, programmes and segments
    vocabulary: list[str]
    idf: np.ndarray
    # the chain classifier (1–3-grams, own space)
    chain_vocabulary: list[str]
    chain_idf: np.ndarray
    chain_coef: np.ndarray  # n-grams × labels
    chain_intercept: np.ndarray
    # the title → occupation classifier (1–3-grams, own space; coef term-major, pruned)
    clf_vocabulary: list[str]
    clf_idf: np.ndarray
    clf_coef: sp.csr_matrix
    clf_intercept: np.ndarray
    occupation_group: np.ndarray  # minor-group index of each occupation
    group_coef: sp.csr_matrix  # the same n-grams × minor groups
    group_intercept: np.ndarray
    # documents (rows l2-normalised in the shared space) and bridges
    occ_title_matrix: sp.csr_matrix
    occ_full_matrix: sp.csr_matrix
    programme_matrix: sp.csr_matrix
    programme_focus_matrix: sp.csr_matrix
    # the profiles as written (documents.PROFILE_FIELDS) in the shared n-grams, weighted by their
    # own idf (over the profiles alone; 0 for an n-gram no profile has): the plain profile TF-IDF
    profile_idf: np.ndarray
    profile_matrix: sp.csr_matrix
    segment_matrix: sp.csr_matrix
    occ_programme_crosswalk: sp.csr_matrix  # MOHRSS 2023 links
    occ_programme_profile: sp.csr_matrix  # the profiles' 职业面向, groups expanded
    occ_programme_similar: sp.csr_matrix  # profile-similarity bridge
    occ_programme_sibling: sp.csr_matrix  # the links of the occupation's minor-group siblings
    segment_occupation: sp.csr_matrix
    segment_programme: sp.csr_matrix

    @property
    def ngram_range(self) -> tuple[int, int]:
        """Return the character n-gram lengths of the shared TF-IDF space."""
        lo, hi = self.params.get("ngram_range", (2, 3))
        return int(lo), int(hi)

    @property
    def text_limit(self) -> int:
        """Return how many characters of a text are read per query."""
        return int(self.params.get("text_limit", 4000))

    def payloads(self, phrase: int) -> list[tuple[int, int]]:
        """Return the ``(kind, target)`` pairs phrase ``phrase`` points to."""
        lo, hi = int(self.payload_indptr[phrase]), int(self.payload_indptr[phrase + 1])
        return list(
            zip(self.payload_kind[lo:hi].tolist(), self.payload_target[lo:hi].tolist(), strict=True)
        )


def field_kinds() -> dict[str, str]:
    """Return ``{field name: "array" | "sparse" | "json"}`` of :class:`FittedModel`."""
    out = {}
    for f in dataclasses.fields(FittedModel):
        annotation = str(f.type)
        if annotation == "np.ndarray":
            out[f.name] = "array"
        elif annotation == "sp.csr_matrix":
            out[f.name] = "sparse"
        else:
            out[f.name] = "json"
    return out


def pack_payloads(payloads: list[list[tuple[int, int]]]) -> tuple[np.ndarray, ...]:
    """Return ``(indptr, kinds, targets)``: the per-phrase payload lists as flat arrays."""
    indptr = np.zeros(len(payloads) + 1, np.int64)
    indptr[1:] = np.cumsum([len(p) for p in payloads])
    kinds = np.asarray([k for p in payloads for k, _ in p], np.int8)
    targets = np.asarray([t for p in payloads for _, t in p], np.int32)
    return indptr, kinds, targets
