"""Fit a :class:`FittedModel` from reference data: documents, classifiers, bridges, weights.

:func:`fit_model` is what :meth:`Matcher.fit` runs. With ``holdout`` codes, those occupations'
titles and programme links are removed first (see :mod:`~vocmatch.matching.fitting.holdout`):
the evaluation scores such a model on exactly what it was not shown.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from vocmatch.matching.engine import artifacts
from vocmatch.matching.engine.candidates import OCC_FEATURES, PROG_FEATURES
from vocmatch.matching.engine.fitted import FittedModel, pack_payloads
from vocmatch.matching.engine.titles import TitleNormaliser
from vocmatch.matching.engine.vectors import TfidfSpace
from vocmatch.matching.fitting import documents as docs
from vocmatch.matching.fitting.chain_data import chain_training_docs
from vocmatch.matching.fitting.classifier import fit_classifier, training_set
from vocmatch.matching.fitting.holdout import without
from vocmatch.matching.fitting.lexicon import english_words
from vocmatch.matching.fitting.links import (
    level_prior,
    link_matrices,
    segment_lists,
    sibling_links,
    similar_programmes,
)
from vocmatch.matching.fitting.reference import ReferenceData
from vocmatch.matching.fitting.tables import records
from vocmatch.matching.fitting.vocabulary import fit_vocabulary
from vocmatch.matching.text import normalise

CHAIN_NGRAMS = (1, 3)  # single characters matter for the chain: 钨, 锂, 钴, 镍
# Combination weights before `vocmatch train` fits them (the tests' small models use these):
# the values `vocmatch train` learned on the real data (model_card.json), rounded.
_OCC_DEFAULT = {
    "cos_title": -0.9,
    "cos_title_in_text": 1.54,
    "cos_document": 4.15,
    "cover_document": 3.48,
    "nearest_title": -2.36,
    "cos_name": 1.46,
    "classifier": 0.25,
    "classifier_margin": 0.57,
    "group_classifier": 0.2,
    "hit_title": 3.06,
    "hit_text": 8.47,
    "exact_title": 1.57,
    "title_ending": 1.66,
    "segment": 5.51,
    "segment_x_similarity": 3.33,
    "prior_major": 0.36,
    "engineer_asked": -0.21,
    "engineer_title": -0.73,
    "technician_engineer": -1.11,
    "worker_level": -0.67,
    "manager_level": -0.04,
    "same_level": 1.29,
    "generic_title": 1.37,
}
_PROG_DEFAULT = {
    "cos_profile": 1.25,
    "cover_profile": 0.7,
    "cos_profile_title": 2.53,
    "cos_focus_title": 0.42,
    "relative_cos_profile": 1.53,
    "relative_cos_focus": 0.15,
    "own_profile_with_text": 1.2,
    "relative_own_profile_with_text": 3.0,
    "best_own_profile_lead": 10.0,
    "best_own_profile_sure": 3.0,
    "name_hit": 2.02,
    "crosswalk": 0.53,
    "profile_link": -0.9,
    "similar_profile": 2.49,
    "sibling_link": 0.5,
    "neighbour_link": 2.14,
    "segment": 6.52,
    "segment_x_similarity": -2.32,
    "text_without_links": 5.6,
    "generic_title": 0.33,
}
DEFAULT_WEIGHTS: dict[str, list[float]] = {
    # per chain: classifier log-prob (whole, title), skill hits in title, in text, best segment
    # cosine, occupation prior, segment names
    "chain": [0.82, 0.25, 0.15, 0.08, 0.06, 0.13, 0.05],
    # none: classifier log-prob (whole, title), none-example hits, occupations outside chains, bias
    "none": [0.56, 0.28, 0.03, 0.17, 0.12],
    # occupation and programme: one weight per feature name (candidates.py), then the bias
    "occupation": [_OCC_DEFAULT.get(f, 0.0) for f in OCC_FEATURES] + [-2.52],
    "programme": [_PROG_DEFAULT.get(f, 0.0) for f in PROG_FEATURES] + [-4.94],
    "occupation_calibration": [0.91, 0.34, 0.48],
    "programme_calibration": [0.85, 0.34, 0.5],
}
DEFAULT_THRESHOLDS = {"occupation": 0.064, "programme": 0.053}


def fit_chain_classifier(
    ref: ReferenceData, C: float
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(vocabulary, idf, coef (n-grams × labels), intercept)`` of the chain classifier.

    An L2 logistic regression on 1–3-gram TF-IDF of the reference data's own chain labels (see
    :func:`~vocmatch.matching.fitting.chain_data.chain_training_docs`).
    """
    texts, labels = chain_training_docs(ref, docs.glossary_titles(ref)[0])
    vocabulary, idf = fit_vocabulary(texts, CHAIN_NGRAMS)
    space = TfidfSpace({t: i for i, t in enumerate(vocabulary)}, idf, CHAIN_NGRAMS)
    clf = LogisticRegression(C=C, class_weight="balanced", solver="newton-cg", max_iter=500)
    # One BLAS thread: on a busy 2-core machine threads oversubscribe and a 0.3 s fit takes 15 s.
    with threadpool_limits(limits=1):
        clf.fit(space.many(texts), labels)
    return (
        vocabulary,
        idf,
        clf.coef_.T.astype(np.float32),
        clf.intercept_.astype(np.float32),
    )


def profile_space(
    space: TfidfSpace, codes: Sequence[str], profiles: dict[str, str]
) -> tuple[np.ndarray, sp.csr_matrix]:
    """Return the idf of the shared n-grams over the profiles alone (smooth, as scikit-learn's;
    0 for an n-gram in no profile) and the profiles' rows weighted by it (l2, sublinear tf).

    Over the profiles alone, an n-gram every profile has (技术, 岗位) weighs little and one only a
    few have (种子, 钻井) much: in the shared space, fitted with the occupations too, those weights
    differ, and the links names added to the programme documents blur what the profile says.
    """
    texts = [profiles.get(c, "") for c in codes]
    present = space.many(texts)
    df = np.bincount(present.indices, minlength=len(space.idf))
    n = len(texts)
    idf = np.where(df > 0, np.log((1 + n) / (1 + df)) + 1.0, 0.0).astype(np.float32)
    own = TfidfSpace(space.vocabulary, idf, space.ngram_range)
    return idf, own.many(texts)


def fit_model(
    ref: ReferenceData,
    *,
    params: dict[str, Any],
    weights: dict[str, list[float]] | None = None,
    thresholds: dict[str, float] | None = None,
    holdout: Sequence[str] = (),
    unlinked: Sequence[str] | None = None,
    chain_C: float = 4.0,
    ngram_range: tuple[int, int] = (2, 3),
) -> FittedModel:
    """Return the model fitted on ``ref`` without the ``holdout`` occupations' titles and the
    crosswalk links of ``unlinked`` (by default the same occupations)."""
    started = time.perf_counter()
    ref = without(ref, holdout, unlinked)
    english = english_words(ref.glossary)
    levels = dict(ref.glossary.english.get("level", {}))
    normaliser = TitleNormaliser(ref.title_words, levels)
    occ_rows = records(ref.occupations)
    occ_codes = [r["code"] for r in occ_rows]
    occ_names = [r["name"] for r in occ_rows]
    prog_codes = list(ref.programmes["code"])
    prog_names = list(ref.programmes["name"])
    titles = docs.occupation_titles(ref, normaliser)
    segs = docs.segments(ref)
    title_docs, full_docs = docs.occupation_docs(ref, titles)
    prog_docs, focus_docs = docs.programme_docs(ref, dict(zip(occ_codes, occ_names, strict=True)))
    phrases, payloads = docs.phrases(ref, titles, segs, prog_names)
    vocabulary, idf = fit_vocabulary([*full_docs, *prog_docs, *segs.docs], ngram_range)
    space = TfidfSpace({t: i for i, t in enumerate(vocabulary)}, idf, ngram_range)
    occ_full = space.many(full_docs)
    programmes = space.many(prog_docs)
    profile_idf, profile_matrix = profile_space(space, prog_codes, docs.profile_texts(ref))
    chain_vocabulary, chain_idf, chain_coef, chain_intercept = fit_chain_classifier(ref, chain_C)
    groups = sorted({c[:7] for c in occ_codes})
    occupation_group = np.asarray([groups.index(c[:7]) for c in occ_codes], np.int32)
    clf = fit_classifier(training_set(titles, normaliser), occupation_group)
    links = link_matrices(ref, occ_codes, prog_codes)
    seg_occ, seg_prog = segment_lists(segs, occ_codes, prog_codes)
    indptr, kinds, targets = pack_payloads(payloads)
    model = FittedModel(
        version="",
        fitted_at=datetime.now(UTC).isoformat(timespec="seconds"),
        params=params,
        data_hashes=dict(ref.hashes),
        fit_seconds=0.0,
        weights={k: list(v) for k, v in (weights or DEFAULT_WEIGHTS).items()},
        thresholds=dict(thresholds or DEFAULT_THRESHOLDS),
        holdout=sorted(holdout),
        lexicon_unknown=titles.unknown,
        english=english,
        english_levels=levels,
        title_words=ref.title_words,
        occupation_codes=occ_codes,
        occupation_names=occ_names,
        occupation_titles=titles.by_occupation,
        occupation_prior=level_prior(ref, occ_codes),
        occupation_level=[normaliser.clean(normalise(n)).level for n in occ_names],
        title_cores=titles.cores,
        title_occupation=np.asarray(titles.occupation, np.int32),
        title_matrix=space.many(titles.texts),
        programme_codes=prog_codes,
        programme_names=prog_names,
        segment_keys=segs.keys,
        segment_names=segs.names,
        segment_chain=np.asarray(segs.chain, np.int64),
        skill_names=segs.skill_names,
        skill_segment=np.asarray(segs.skill_segment, np.int64),
        phrases=phrases,
        payload_indptr=indptr,
        payload_kind=kinds,
        payload_target=targets,
        phrase_generality=docs.title_generality(phrases, titles.by_occupation),
        vocabulary=vocabulary,
        idf=idf,
        chain_vocabulary=chain_vocabulary,
        chain_idf=chain_idf,
        chain_coef=chain_coef,
        chain_intercept=chain_intercept,
        clf_vocabulary=clf.vocabulary,
        clf_idf=clf.idf,
        clf_coef=clf.coef,
        clf_intercept=clf.intercept,
        occupation_group=occupation_group,
        group_coef=clf.group_coef,
        group_intercept=clf.group_intercept,
        occ_title_matrix=space.many(title_docs),
        occ_full_matrix=occ_full,
        programme_matrix=programmes,
        programme_focus_matrix=space.many(focus_docs),
        profile_idf=profile_idf,
        profile_matrix=profile_matrix,
        segment_matrix=space.many(segs.docs),
        occ_programme_crosswalk=links["crosswalk"],
        occ_programme_profile=links["profile"],
        occ_programme_similar=similar_programmes(occ_full, programmes),
        occ_programme_sibling=sibling_links(
            links["crosswalk"].maximum(links["profile"]), occupation_group
        ),
        segment_occupation=seg_occ,
        segment_programme=seg_prog,
    )
    timed = dataclasses.replace(model, fit_seconds=round(time.perf_counter() - started, 2))
    return dataclasses.replace(timed, version=artifacts.content_version(timed))
