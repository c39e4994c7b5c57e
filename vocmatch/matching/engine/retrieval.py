"""Dense similarities of a batch of queries with everything the model knows.

Per query: TF-IDF cosines of the whole text and of the title with the occupation, programme and
segment documents; the nearest single title of each occupation; the title classifiers' scores
(occupations and minor groups); the chain classifier's log-probabilities. One query takes the
inverted-index path (microseconds); a batch goes through sparse matrix products.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from vocmatch.matching.engine.query import Query
from vocmatch.matching.engine.tables import Tables
from vocmatch.matching.engine.vectors import InvertedIndex, TfidfSpace
from vocmatch.matching.text import analyze, analyze_with_unigrams

Vector = tuple[np.ndarray, np.ndarray]


@dataclass
class Similarities:
    """Dense (n × targets) scores of a batch."""

    cos_occ_title_t: np.ndarray  # title vs occupation title documents
    cos_occ_title_q: np.ndarray  # whole text vs occupation title documents
    cos_occ_full: np.ndarray  # whole text vs occupation documents (titles, definition, tasks)
    cos_prog: np.ndarray  # whole text vs programme profiles
    cos_own: np.ndarray  # whole text vs the profiles as written, in the profiles' own idf
    cos_prog_t: np.ndarray  # title vs programme profiles
    cos_focus_t: np.ndarray  # title vs programme 职业面向 documents
    cos_seg: np.ndarray  # whole text vs segment documents
    nearest: np.ndarray  # best cosine of the title core with one title of each occupation
    cos_name: np.ndarray  # cosine of the title core with the occupation's own name
    cover_occ: np.ndarray  # idf share of the text's n-grams found in each occupation document
    cover_prog: np.ndarray  # … in each programme profile
    clf: np.ndarray  # title classifier decision per occupation
    group: np.ndarray  # minor-group classifier decision, per occupation
    chain_whole: np.ndarray  # chain classifier log-probabilities (n × 5)
    chain_title: np.ndarray


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z) - np.max(z, axis=1, keepdims=True)
    return np.maximum(z - np.log(np.exp(z).sum(axis=1, keepdims=True)), -10.0)


def _rows(vectors: list[Vector], width: int) -> sp.csr_matrix:
    indptr = np.zeros(len(vectors) + 1, np.int64)
    indptr[1:] = np.cumsum([len(ids) for ids, _ in vectors])
    return sp.csr_matrix(
        (
            np.concatenate([w for _, w in vectors]) if vectors else np.empty(0, np.float32),
            np.concatenate([ids for ids, _ in vectors]) if vectors else np.empty(0, np.int64),
            indptr,
        ),
        shape=(len(vectors), width),
    )


def _score(index: InvertedIndex, vectors: list[Vector], width: int) -> np.ndarray:
    if len(vectors) == 1:
        return index.score_one(*vectors[0])[None, :]
    return index.score_many(_rows(vectors, width))


class Retriever:
    """Turn queries into vectors and score them against the model's indexes."""

    def __init__(self, t: Tables, occupation_group: np.ndarray) -> None:
        self.t = t
        self.occupation_group = occupation_group

    def _pair(self, text: str, second: TfidfSpace) -> tuple[Vector, Vector]:
        """Return the vectors of ``text`` in the shared space and in ``second`` (1–3-grams).

        With the default 2–3-gram shared space one pass cuts both: the 2–3-grams and the single
        characters together are the 1–3-grams.
        """
        t = self.t
        if t.shared_analysis:
            feats, unigrams = analyze_with_unigrams(text)
            return t.space.from_features(feats), second.from_features(feats, unigrams)
        lo, hi = t.space.ngram_range
        return (
            t.space.from_features(analyze(text, lo, hi)),
            second.from_features(analyze(text, 1, 3)),
        )

    def similarities(self, queries: list[Query]) -> Similarities:
        """Return the dense similarities of ``queries``."""
        t = self.t
        whole_v, chain_w, title_v, chain_t, core_v, clf_v = [], [], [], [], [], []
        for q in queries:
            main, chain = self._pair(q.whole, t.chain_space)
            whole_v.append(main)
            if q.chain_whole != q.whole:  # the level words (主管) inform the chain only
                chain = self._pair(q.chain_whole, t.chain_space)[1]
            chain_w.append(chain)
            if q.title == q.whole:
                title_v.append(main)
                chain_t.append(chain)
            else:
                main_t, chain_tt = self._pair(q.title, t.chain_space)
                title_v.append(main_t)
                if q.chain_title != q.title:
                    chain_tt = self._pair(q.chain_title, t.chain_space)[1]
                chain_t.append(chain_tt)
            core_main, core_clf = self._pair(q.core_text or q.title, t.clf_space)
            core_v.append(core_main)
            clf_v.append(core_clf)
        n_occ, n_prog = t.n_occ, t.n_prog
        width = len(t.space.idf)
        whole = _score(t.whole_index, whole_v, width)
        if len(queries) == 1 and queries[0].title == queries[0].whole:
            # A title alone: its title scores are its whole-text scores, but for 职业面向.
            title = np.concatenate(
                [
                    whole[:, :n_occ],
                    whole[:, 2 * n_occ : 2 * n_occ + n_prog],
                    t.focus_index.score_one(*whole_v[0])[None, :],
                ],
                axis=1,
            )
        else:
            title = _score(t.title_index, title_v, width)
        own = _score(t.profile_index, [self._reweight(v) for v in whole_v], width)
        cover = _score(t.cover_index, [self._idf_share(ids) for ids, _ in whole_v], width)
        singles = _score(t.nearest_index, core_v, width)
        nearest = (
            np.maximum.reduceat(singles, t.title_starts, axis=1)
            if singles.shape[1]
            else np.zeros((len(queries), n_occ), np.float32)
        )
        cos_name = singles[:, t.title_starts] if singles.shape[1] else nearest
        clf_width = len(t.clf_space.idf)
        both = _score(t.clf_index, clf_v, clf_width)
        clf = both[:, :n_occ] + t.clf_intercept
        group = (both[:, n_occ:] + t.group_intercept)[:, self.occupation_group]
        chain_width = len(t.chain_coef)
        return Similarities(
            cos_occ_title_t=title[:, :n_occ],
            cos_occ_title_q=whole[:, :n_occ],
            cos_occ_full=whole[:, n_occ : 2 * n_occ],
            cos_prog=whole[:, 2 * n_occ : 2 * n_occ + n_prog],
            cos_own=own,
            cos_prog_t=title[:, n_occ : n_occ + n_prog],
            cos_focus_t=title[:, n_occ + n_prog :],
            cos_seg=whole[:, 2 * n_occ + n_prog :],
            nearest=nearest,
            cos_name=cos_name,
            cover_occ=cover[:, :n_occ],
            cover_prog=cover[:, n_occ:],
            clf=np.asarray(clf, np.float32),
            group=np.asarray(group, np.float32),
            chain_whole=self._chain(chain_w, chain_width),
            chain_title=self._chain(chain_t, chain_width),
        )

    def _reweight(self, v: Vector) -> Vector:
        """Return the query's shared-space vector in the profiles' own idf (l2 again).

        Sublinear tf × idf, l2: changing the idf is a per-n-gram factor, then a new norm; the
        n-grams no profile has drop out (as in a TF-IDF fitted on the profiles).
        """
        ids, w = v
        w = w * self.t.profile_reweight[ids]
        norm = float(np.sqrt(np.dot(w, w)))
        return ids, (w / norm if norm > 0 else w)

    def _idf_share(self, ids: np.ndarray) -> Vector:
        """Return the query's n-grams weighted by idf, summing to 1 (for coverage)."""
        w = self.t.space.idf[ids].astype(np.float32)
        total = float(w.sum())
        return ids, (w / total if total > 0 else w)

    def _chain(self, vectors: list[Vector], width: int) -> np.ndarray:
        t = self.t
        if len(vectors) == 1:
            ids, w = vectors[0]
            z = np.atleast_2d(t.chain_intercept + (w @ t.chain_coef[ids] if len(ids) else 0.0))
        else:
            z = _rows(vectors, width) @ t.chain_coef + t.chain_intercept
        return _log_softmax(z)
