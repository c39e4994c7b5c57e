"""The matcher as a scikit-learn style estimator: fitted from reference data, pure, no DB.

``Matcher(**params).fit(read_reference(data_dir))`` learns the documents, phrase dictionary,
title classifiers and bridges into one frozen
:class:`~vocmatch.matching.engine.fitted.FittedModel` (``model_``; see
:mod:`~vocmatch.matching.fitting.build`); ``predict`` gives the chain of each text,
``predict_proba`` the five chain probabilities, and ``match`` the full answer (chain,
occupations, programmes, evidence, what normalisation removed from the title), all through the
query-time :class:`~vocmatch.matching.engine.runtime.Runtime`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from vocmatch.matching.engine.fitted import FittedModel
from vocmatch.matching.engine.runtime import Runtime
from vocmatch.matching.engine.vocab import LABELS
from vocmatch.matching.fitting.build import fit_model
from vocmatch.matching.fitting.reference import ReferenceData

Item = tuple[str | None, str | None]


class Matcher(BaseEstimator):
    """Match job texts to a chain, occupations and programmes, with evidence.

    Parameters
    ----------
    ngram_range : tuple of int, default=(2, 3)
        Character n-gram lengths of the TF-IDF features (Chinese has no spaces).
    weights : dict or None, default=None
        Combination weights (see ``build.DEFAULT_WEIGHTS``); None uses the defaults.
    thresholds : dict or None, default=None
        The least calibrated score an occupation / programme is listed with.
    text_limit : int, default=4000
        Characters of ``text`` read per query (the rest is ignored, before normalising).
    chain_C : float, default=4.0
        Inverse L2 strength of the chain classifier fitted on the reference data's own labels.
    holdout : tuple of str, default=()
        Occupation codes whose titles and programme links are left out of the fit (evaluation).

    Attributes
    ----------
    model_ : FittedModel
        Everything fitted: codes, names, vocabularies, classifiers, documents, bridges, weights
        and the sha256 of each reference file.
    """

    def __init__(
        self,
        ngram_range: tuple[int, int] = (2, 3),
        weights: dict[str, list[float]] | None = None,
        thresholds: dict[str, float] | None = None,
        text_limit: int = 4000,
        chain_C: float = 4.0,
        holdout: tuple[str, ...] = (),
    ) -> None:
        self.ngram_range = ngram_range
        self.weights = weights
        self.thresholds = thresholds
        self.text_limit = text_limit
        self.chain_C = chain_C
        self.holdout = holdout

    @classmethod
    def from_model(cls, model: FittedModel) -> Matcher:
        """Return a fitted matcher around a loaded model (its params restored)."""
        params = dict(model.params)
        params["ngram_range"] = tuple(params.get("ngram_range", (2, 3)))
        params["holdout"] = tuple(params.get("holdout", ()))
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
        params = {k: list(v) if isinstance(v, tuple) else v for k, v in self.get_params().items()}
        model = fit_model(
            X,
            params=params,
            weights=self.weights,
            thresholds=self.thresholds,
            holdout=self.holdout,
            chain_C=self.chain_C,
            ngram_range=(int(self.ngram_range[0]), int(self.ngram_range[1])),
        )
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
            The most occupations and programmes returned per item (fewer when fewer reach the
            model's thresholds).
        allowed_programmes : set of str or None
            Only these programme codes may be returned (``scope=offered``); None allows all.

        Returns
        -------
        list of dict
            ``{"chain", "chains": [{"key", "score"}], "occupations": [{"code", "name",
            "score", "evidence"}], "programmes": [...], "title": {...}, "notes": [...]}`` per
            item, in input order.
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
