"""Fit the vocabulary and idf of a character n-gram TF-IDF space (scikit-learn's vectorizer)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from vocmatch.matching.text import analyze


def fit_vocabulary(
    corpus: Sequence[str], ngram_range: tuple[int, int] = (2, 3)
) -> tuple[list[str], np.ndarray]:
    """Return the vocabulary (n-gram of each column) and idf of ``corpus`` (normalised texts).

    Sublinear tf, smooth idf and l2 rows, as :class:`~vocmatch.matching.engine.vectors.TfidfSpace`
    computes them at query time.
    """
    lo, hi = ngram_range
    vec = TfidfVectorizer(
        analyzer=partial(analyze, ngram_min=lo, ngram_max=hi),
        sublinear_tf=True,
        norm="l2",
        dtype=np.float32,
    )
    vec.fit(corpus)
    terms = [""] * len(vec.vocabulary_)
    for term, col in vec.vocabulary_.items():
        terms[int(col)] = term
    return terms, vec.idf_.astype(np.float32)
