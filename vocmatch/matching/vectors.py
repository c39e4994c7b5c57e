"""TF-IDF over character n-grams, with a hand-rolled transform fast enough for one query.

Fitting uses scikit-learn's ``TfidfVectorizer`` (sublinear tf, smooth idf, l2 rows) with the
analyzer of :mod:`vocmatch.matching.text`; matching re-implements its ``transform`` for a single
text in a few microseconds (scikit-learn's own call costs ~150 µs of input checking), and keeps
every document matrix as an inverted index (term → documents) so one query touches only the
documents sharing a feature with it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from vocmatch.matching.text import analyze


def fit_vocabulary(
    corpus: Sequence[str], ngram_range: tuple[int, int] = (2, 3)
) -> tuple[dict[str, int], np.ndarray]:
    """Return the vocabulary and idf of ``corpus`` (normalised texts)."""
    lo, hi = ngram_range
    vec = TfidfVectorizer(
        analyzer=lambda t: analyze(t, lo, hi), sublinear_tf=True, norm="l2", dtype=np.float32
    )
    vec.fit(corpus)
    vocab = {k: int(v) for k, v in vec.vocabulary_.items()}
    return vocab, vec.idf_.astype(np.float32)


class TfidfSpace:
    """Turn normalised texts into l2-normalised sublinear TF-IDF rows of a fixed vocabulary."""

    def __init__(
        self, vocabulary: dict[str, int], idf: np.ndarray, ngram_range: tuple[int, int] = (2, 3)
    ) -> None:
        self.vocabulary = vocabulary
        self.idf = idf
        self.ngram_range = (int(ngram_range[0]), int(ngram_range[1]))

    def one(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(feature ids, weights)`` of one text (weights l2-normalised)."""
        vocab = self.vocabulary
        counts = Counter(f for f in analyze(text, *self.ngram_range) if f in vocab)
        if not counts:
            return np.empty(0, np.int64), np.empty(0, np.float32)
        ids = np.fromiter((vocab[f] for f in counts), np.int64, len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), np.float32, len(counts))
        w = tf * self.idf[ids]
        w /= np.sqrt(np.dot(w, w))
        return ids, w

    def many(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Return the TF-IDF rows of ``texts`` as a CSR matrix."""
        indptr = [0]
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        for t in texts:
            ids, w = self.one(t)
            indices.append(ids)
            data.append(w)
            indptr.append(indptr[-1] + len(ids))
        return sp.csr_matrix(
            (
                np.concatenate(data) if data else np.empty(0, np.float32),
                np.concatenate(indices) if indices else np.empty(0, np.int64),
                np.asarray(indptr),
            ),
            shape=(len(texts), len(self.idf)),
        )


class InvertedIndex:
    """Documents stored term-major (CSR of the transpose) for cosine scores of sparse queries."""

    def __init__(self, term_doc: sp.csr_matrix) -> None:
        self.term_doc = term_doc.tocsr()
        self.n_docs = term_doc.shape[1]
        self._indptr = self.term_doc.indptr
        self._indices = self.term_doc.indices
        self._data = self.term_doc.data

    @classmethod
    def from_docs(cls, doc_term: sp.csr_matrix) -> InvertedIndex:
        """Build from a documents × terms matrix (rows l2-normalised)."""
        return cls(sp.csr_matrix(doc_term.T))

    def score_one(self, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Return the cosine of one query (``ids``, ``weights``) with every document."""
        if len(ids) == 0:
            return np.zeros(self.n_docs, np.float32)
        starts = self._indptr[ids]
        lengths = self._indptr[ids + 1] - starts
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(self.n_docs, np.float32)
        # Positions of every posting of every query term, without a Python loop.
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        vals = self._data[offsets] * np.repeat(weights, lengths)
        return np.bincount(self._indices[offsets], weights=vals, minlength=self.n_docs).astype(
            np.float32
        )

    def score_many(self, queries: sp.csr_matrix) -> np.ndarray:
        """Return the dense cosine matrix of ``queries`` (rows) with every document."""
        return np.asarray((queries @ self.term_doc).toarray(), dtype=np.float32)
