"""The matcher as a scikit-learn style estimator: fitted from reference data, pure, no DB.

``Matcher(**params).fit(read_reference(data_dir))`` learns the documents, phrase dictionary,
classifier and bridges into one frozen :class:`~vocmatch.matching.engine.fitted.FittedModel`
(``model_``); ``predict`` gives the chain of each text, ``predict_proba`` the five chain
probabilities, and ``match`` the full answer (chain, occupations, programmes, evidence), all
through the query-time :class:`~vocmatch.matching.engine.runtime.Runtime`.

How a text is scored (details in :mod:`vocmatch.matching.engine.runtime`):

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
   links of the likely occupations, and the segment → programme lists.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from vocmatch.matching.engine import artifacts
from vocmatch.matching.engine.fitted import FittedModel, pack_payloads
from vocmatch.matching.engine.runtime import Runtime
from vocmatch.matching.engine.vectors import TfidfSpace
from vocmatch.matching.engine.vocab import LABELS
from vocmatch.matching.fitting.documents import alias_titles, build, chain_training_docs
from vocmatch.matching.fitting.reference import ReferenceData
from vocmatch.matching.fitting.vocabulary import fit_vocabulary

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

Item = tuple[str | None, str | None]


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


def fit_chain_classifier(
    ref: ReferenceData, use_aliases: bool, C: float
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(vocabulary, idf, coef (n-grams × labels), intercept)`` of the chain classifier.

    An L2 logistic regression on 1–3-gram TF-IDF of the reference data's own chain labels (see
    :func:`~vocmatch.matching.fitting.documents.chain_training_docs`).
    """
    texts, labels = chain_training_docs(ref, alias_titles(ref, use_aliases))
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
        Add the everyday job titles of :mod:`vocmatch.matching.fitting.aliases` (厨师 → 中式烹调师)
        to the occupations' titles.

    Attributes
    ----------
    model_ : FittedModel
        Everything fitted: codes, names, vocabularies, classifier, documents, bridges, weights
        and the sha256 of each reference file.
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

    @classmethod
    def from_model(cls, model: FittedModel) -> Matcher:
        """Return a fitted matcher around a loaded model (its params restored)."""
        params = dict(model.params)
        params["ngram_range"] = tuple(params.get("ngram_range", (2, 3)))
        matcher = cls(**params)
        matcher._set_model(model)
        return matcher

    def _set_model(self, model: FittedModel) -> None:
        self.model_ = model
        self._runtime = Runtime(model)

    def fit(self, X: ReferenceData, y: Any = None) -> Matcher:
        """Fit the matcher on reference data.

        Parameters
        ----------
        X : ReferenceData
            From :func:`vocmatch.matching.fitting.reference.read_reference`.
        y : ignored

        Returns
        -------
        self : Matcher
        """
        started = time.perf_counter()
        b = build(X, self.use_aliases)
        chain_vocabulary, chain_idf, chain_coef, chain_intercept = fit_chain_classifier(
            X, self.use_aliases, self.chain_C
        )
        vocabulary, idf = fit_vocabulary(
            [*b.occ_full_docs, *b.prog_docs, *b.seg_docs], self.ngram_range
        )
        space = TfidfSpace({t: i for i, t in enumerate(vocabulary)}, idf, self.ngram_range)
        occ_full = space.many(b.occ_full_docs)
        programmes = space.many(b.prog_docs)
        indptr, kinds, targets = pack_payloads(b.payloads)
        params = {k: list(v) if isinstance(v, tuple) else v for k, v in self.get_params().items()}
        model = FittedModel(
            version="",
            fitted_at=datetime.now(UTC).isoformat(timespec="seconds"),
            params=params,
            data_hashes=dict(X.hashes),
            fit_seconds=0.0,
            weights={k: list(v) for k, v in (self.weights or DEFAULT_WEIGHTS).items()},
            occupation_codes=b.occ_codes,
            occupation_names=b.occ_names,
            occupation_titles=b.occ_titles,
            programme_codes=b.prog_codes,
            programme_names=b.prog_names,
            segment_keys=b.seg_keys,
            segment_names=b.seg_names,
            segment_chain=b.seg_chain,
            skill_names=b.skill_names,
            skill_segment=b.skill_seg,
            phrases=b.phrases,
            payload_indptr=indptr,
            payload_kind=kinds,
            payload_target=targets,
            phrase_generality=b.generality,
            vocabulary=vocabulary,
            idf=idf,
            chain_vocabulary=chain_vocabulary,
            chain_idf=chain_idf,
            chain_coef=chain_coef,
            chain_intercept=chain_intercept,
            occ_title_matrix=space.many(b.occ_title_docs),
            occ_full_matrix=occ_full,
            programme_matrix=programmes,
            programme_focus_matrix=space.many(b.prog_focus_docs),
            segment_matrix=space.many(b.seg_docs),
            occ_programme=b.occ_prog,
            occ_programme_similar=similar_programmes(occ_full, programmes),
            segment_occupation=b.seg_occ,
            segment_programme=b.seg_prog,
        )
        model = finish(model, time.perf_counter() - started)
        self._set_model(model)
        return self

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "model_")

    @property
    def runtime(self) -> Runtime:
        """Return the query-time runtime of the fitted model."""
        check_is_fitted(self)
        return self._runtime

    def match(
        self,
        items: Sequence[Item],
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
        return self.runtime.match(items, top_k=top_k, allowed_programmes=allowed_programmes)

    def predict_proba(self, items: Sequence[Item]) -> np.ndarray:
        """Return the (n, 5) chain probabilities, columns in ``LABELS`` order."""
        rows = self.runtime.chains_and_segments(items)
        return np.asarray([[r["proba"][label] for label in LABELS] for r in rows])

    def predict(self, items: Sequence[Item]) -> np.ndarray:
        """Return the chain key (or ``none``) of each ``(title, text)``."""
        return np.asarray(LABELS)[self.predict_proba(items).argmax(axis=1)]

    @property
    def classes_(self) -> tuple[str, ...]:
        """The chain labels, in ``predict_proba`` column order."""
        return LABELS


def finish(model: FittedModel, seconds: float) -> FittedModel:
    """Return ``model`` with its fit time and content version filled in."""
    timed = dataclasses.replace(model, fit_seconds=round(seconds, 2))
    return dataclasses.replace(timed, version=artifacts.content_version(timed))
