"""The matcher as a scikit-learn style estimator: fitted from reference data, pure, no DB.

``Matcher(**params).fit(read_reference(data_dir))`` learns the documents, phrase dictionary and
bridges; ``predict`` gives the chain of each text, ``predict_proba`` the five chain
probabilities, and ``match`` the full answer (chain, occupations, programmes, evidence).

How a text is scored (details in :mod:`vocmatch.matching.signals`):

1. Normalise (NFKC, simplified, lower case), append the Chinese of English job words.
2. Find known phrases (skill terms of the chains, occupation names, 工种, market titles, programme
   names, ``none`` examples) and compute TF-IDF cosines of character n-grams with every
   occupation, programme and segment document.
3. Chain: a conditional logit over per-chain features (skill hits in title / text, segment
   similarity, the chains of the best-matching occupations, segment names) against ``none``
   features (``none`` examples, occupations outside every chain, a bias). Its softmax is the
   calibrated chain score.
4. Occupations: a logistic model over title/definition similarity, phrase hits and the segment
   bridge (segments of the likely chain → their occupations in industries.yaml).
5. Programmes: a logistic model over profile similarity, the official occupation → programme
   links (职业面向) of the likely occupations, and the segment → programme lists.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from vocmatch.matching import signals
from vocmatch.matching.features import LABELS, alias_titles, build, chain_training_docs
from vocmatch.matching.reference import ReferenceData
from vocmatch.matching.terms import PhraseScanner
from vocmatch.matching.vectors import TfidfSpace, fit_vocabulary

CHAIN_NGRAMS = (1, 3)  # single characters matter for the chain: 钨, 锂, 钴, 镍
# Combination weights; `vocmatch train` re-tunes them on the development set's odd ids.
DEFAULT_WEIGHTS: dict[str, list[float]] = {
    # per chain: classifier log-prob (whole, title), skill hits in title, in text, best segment
    # cosine, occupation prior, segment names
    "chain": [1.0, 0.5, 1.0, 0.5, 1.0, 0.5, 0.3],
    # none: classifier log-prob (whole, title), none-example hits, occupations outside chains, bias
    "none": [1.0, 0.5, 1.0, 0.5, 0.0],
    # occupation: cos title(T), cos title(Q), cos full(Q), phrase hits title, text, exact title,
    # title ending, segment bridge, bridge × relative similarity, relative cos title(T), bias
    "occupation": [4.0, 2.0, 2.0, 3.0, 1.0, 3.0, 2.0, 2.0, 1.0, 1.0, -5.0],
    # programme: cos(Q), cos(T), cos 职业面向(T), name hit, official-link bridge, profile-similarity
    # bridge, segment bridge, segment bridge × relative similarity, relative cos 职业面向(T), bias
    "programme": [3.0, 2.0, 2.0, 2.0, 4.0, 2.0, 2.5, 1.0, 1.0, -5.0],
}


def similar_programmes(
    occ_docs: sp.csr_matrix, prog_docs: sp.csr_matrix, k: int = 5
) -> sp.csr_matrix:
    """Return occupations × programmes keeping, per occupation, its ``k`` most similar profiles.

    A second bridge beside the official 职业面向 links, which name occupations for only 245 of
    the 368 programmes: 中式烹调师 reaches 中餐烹饪 through the cooking words both texts use.
    Values are cosines divided by the occupation's best one (the best programme gets 1).
    """
    sim = np.asarray((occ_docs @ prog_docs.T).toarray(), dtype=np.float32)
    rows, cols, vals = [], [], []
    for o in range(sim.shape[0]):
        best = np.argsort(-sim[o])[:k]
        top = float(sim[o, best[0]]) if len(best) else 0.0
        if top <= 0.05:
            continue
        for p in best:
            rows.append(o)
            cols.append(int(p))
            vals.append(float(sim[o, p]) / top)
    return sp.csr_matrix((vals, (rows, cols)), shape=sim.shape, dtype=np.float32)


class Matcher(BaseEstimator):
    """Match job texts to a chain, occupations and programmes, with evidence.

    Parameters
    ----------
    ngram_range : tuple of int, default=(2, 3)
        Character n-gram lengths of the TF-IDF features (Chinese has no spaces).
    weights : dict or None, default=None
        Combination weights (see ``DEFAULT_WEIGHTS``); None uses the defaults.
    text_limit : int, default=4000
        Characters of ``text`` read per query (the rest is ignored, before normalising).
    chain_C : float, default=4.0
        Inverse L2 strength of the chain classifier fitted on the reference data's own labels
        (skill terms, products and occupations listed under one chain; ``none`` examples and
        occupations and programmes listed under no chain).
    use_aliases : bool, default=True
        Add the everyday job titles of :mod:`vocmatch.matching.aliases` (厨师 → 中式烹调师) to the
        occupations' titles.

    Attributes
    ----------
    occupation_codes_, occupation_names_ : list of str
        The 2022 detailed occupations, in ``data/occupations.csv`` order.
    programme_codes_, programme_names_ : list of str
        The 中职 programmes of the catalogue.
    segment_keys_ : list of str
        ``chain.segment`` keys of industries.yaml.
    vocabulary_ : dict
        n-gram → column of the TF-IDF space; ``idf_`` its idf.
    weights_ : dict
        The combination weights in use.
    data_hashes_ : dict
        sha256 of each reference file the model was fitted on.
    """

    def __init__(
        self,
        ngram_range: tuple[int, int] = (2, 3),
        weights: dict[str, list[float]] | None = None,
        text_limit: int = 4000,
        chain_C: float = 4.0,
        use_aliases: bool = True,
    ) -> None:
        self.ngram_range = ngram_range
        self.weights = weights
        self.text_limit = text_limit
        self.chain_C = chain_C
        self.use_aliases = use_aliases

    # ------------------------------------------------------------------ fitting
    def fit(self, X: ReferenceData, y: Any = None) -> Matcher:
        """Fit the matcher on reference data.

        Parameters
        ----------
        X : ReferenceData
            From :func:`vocmatch.matching.reference.read_reference`.
        y : ignored

        Returns
        -------
        self : Matcher
        """
        started = time.perf_counter()
        b = build(X, self.use_aliases)
        self.occupation_codes_ = b.occ_codes
        self.occupation_names_ = b.occ_names
        self.occupation_titles_ = b.occ_titles
        self.programme_codes_ = b.prog_codes
        self.programme_names_ = b.prog_names
        self.segment_keys_ = b.seg_keys
        self.segment_names_ = b.seg_names
        self.segment_chain_ = b.seg_chain
        self.skill_names_ = b.skill_names
        self.skill_segment_ = b.skill_seg
        self.phrases_ = b.phrases
        self.phrase_payloads_ = b.payloads
        self.phrase_generality_ = b.generality
        self._fit_chain_classifier(X)
        self.vocabulary_, self.idf_ = fit_vocabulary(
            [*b.occ_full_docs, *b.prog_docs, *b.seg_docs], self.ngram_range
        )
        space = TfidfSpace(self.vocabulary_, self.idf_, self.ngram_range)
        self.occ_title_matrix_ = space.many(b.occ_title_docs)
        self.occ_full_matrix_ = space.many(b.occ_full_docs)
        self.programme_matrix_ = space.many(b.prog_docs)
        self.programme_focus_matrix_ = space.many(b.prog_focus_docs)
        self.occ_programme_similar_ = similar_programmes(
            self.occ_full_matrix_, self.programme_matrix_
        )
        self.segment_matrix_ = space.many(b.seg_docs)
        self.occ_programme_ = b.occ_prog
        self.segment_occupation_ = b.seg_occ
        self.segment_programme_ = b.seg_prog
        self.weights_ = {k: list(v) for k, v in (self.weights or DEFAULT_WEIGHTS).items()}
        self.data_hashes_ = dict(X.hashes)
        self.corrections_ = list(X.corrections)
        self.fit_seconds_ = time.perf_counter() - started
        self._prepare()
        return self

    def _fit_chain_classifier(self, X: ReferenceData) -> None:
        from sklearn.linear_model import LogisticRegression  # fitting only: keeps serving lean

        texts, labels = chain_training_docs(X, alias_titles(X, self.use_aliases))
        self.chain_vocabulary_, self.chain_idf_ = fit_vocabulary(texts, CHAIN_NGRAMS)
        features = TfidfSpace(self.chain_vocabulary_, self.chain_idf_, CHAIN_NGRAMS).many(texts)
        clf = LogisticRegression(
            C=self.chain_C, class_weight="balanced", solver="newton-cg", max_iter=500
        )
        # One BLAS thread: on a busy 2-core machine threads oversubscribe and a 0.3 s fit takes 15 s.
        with threadpool_limits(limits=1):
            clf.fit(features, labels)
        self.chain_coef_ = clf.coef_.T.astype(np.float32)  # n-grams × labels
        self.chain_intercept_ = clf.intercept_.astype(np.float32)

    def _prepare(self) -> None:
        """Build the query-time helpers (scanner, inverted indexes) from the fitted arrays."""
        self._scanner = PhraseScanner(self.phrases_)
        self._runtime = signals.Runtime.create(self)

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "vocabulary_")

    # ------------------------------------------------------------------ predicting
    def match(
        self,
        items: Sequence[tuple[str | None, str | None]],
        *,
        top_k: int = 10,
        allowed_programmes: set[str] | None = None,
    ) -> list[dict[str, Any]]:
        """Return, per ``(title, text)``, the chain, chain scores, occupations and programmes.

        Parameters
        ----------
        items : sequence of (title, text)
            Either may be None or empty.
        top_k : int, default=10
            Occupations and programmes returned per item.
        allowed_programmes : set of str or None
            Only these programme codes may be returned (``scope=offered``); None allows all.

        Returns
        -------
        list of dict
            ``{"chain", "chains": [{"key", "score"}], "occupations": [{"code", "name",
            "score", "evidence"}], "programmes": [...]}`` per item, in input order.
        """
        check_is_fitted(self)
        return self._runtime.match(items, top_k=top_k, allowed_programmes=allowed_programmes)

    def predict_proba(self, items: Sequence[tuple[str | None, str | None]]) -> np.ndarray:
        """Return the (n, 5) chain probabilities, columns in ``LABELS`` order."""
        check_is_fitted(self)
        return np.asarray(
            [
                [c["score"] for c in r["chains"]]
                for r in self._runtime.match(items, top_k=1, allowed_programmes=None)
            ]
        )

    def predict(self, items: Sequence[tuple[str | None, str | None]]) -> np.ndarray:
        """Return the chain key (or ``none``) of each ``(title, text)``."""
        check_is_fitted(self)
        return np.asarray(
            [r["chain"] for r in self._runtime.match(items, top_k=1, allowed_programmes=None)]
        )

    def chains_and_segments(
        self, items: Sequence[tuple[str | None, str | None]]
    ) -> list[dict[str, Any]]:
        """Return, per item, the chain probabilities, segment shares and chain evidence.

        Returns
        -------
        list of dict
            ``{"proba": {label: p}, "segments": {"chain.segment": share},
            "evidence": {label: [str]}}``: a segment's share is P(its chain) times its share of
            that chain's segment evidence; the programme mapping builds on it.
        """
        check_is_fitted(self)
        from vocmatch.matching.evidence import Explainer

        out = []
        rt = self._runtime
        for start in range(0, len(items), 256):
            b = rt.analyse(items[start : start + 256])
            proba = rt.chain_proba(b)
            seg_w = rt.segment_weights(b, proba)
            for i in range(len(b.queries)):
                ex = Explainer(rt, b, i, seg_w[i], np.zeros(rt.n_occ))
                out.append(
                    {
                        "proba": {
                            label: float(p) for label, p in zip(LABELS, proba[i], strict=True)
                        },
                        "segments": {
                            key: float(w)
                            for key, w in zip(self.segment_keys_, seg_w[i], strict=True)
                        },
                        "evidence": {label: ex.chain(j) for j, label in enumerate(LABELS)},
                    }
                )
        return out

    @property
    def classes_(self) -> tuple[str, ...]:
        """The chain labels, in ``predict_proba`` column order."""
        return LABELS

    @staticmethod
    def sparse_names() -> tuple[str, ...]:
        """Return the names of the fitted sparse-matrix attributes."""
        return (
            "occ_title_matrix_",
            "occ_full_matrix_",
            "programme_matrix_",
            "programme_focus_matrix_",
            "occ_programme_similar_",
            "segment_matrix_",
            "occ_programme_",
            "segment_occupation_",
            "segment_programme_",
        )

    def sparse_attributes(self) -> dict[str, sp.csr_matrix]:
        """Return the fitted sparse matrices by attribute name (for saving)."""
        return {name: getattr(self, name) for name in self.sparse_names()}
