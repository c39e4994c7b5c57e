"""Two plain baselines the engine must beat, computed by ``vocmatch evaluate`` on the same items.

* ``tfidf``: cosine of character 2–3-gram TF-IDF vectors (sublinear tf, fitted on the documents
  compared with) of the query with the **occupation names** and with the **programme profiles**
  (name, 职业面向, goal, abilities, courses, certificates of the 2022 profile);
* ``rapidfuzz``: rapidfuzz ``WRatio`` of the query with the occupation and programme names.

For the chain (team set only) each takes the chain of the best-matching skill or segment name,
or ``none`` below a threshold chosen on the odd ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer

from vocmatch.matching.engine.fitted import FittedModel
from vocmatch.matching.engine.vocab import LABELS
from vocmatch.matching.fitting.documents import profile_texts
from vocmatch.matching.fitting.reference import ReferenceData
from vocmatch.matching.text import analyze, normalise

TOP = 5


class RapidfuzzBaseline:
    """Rank names by rapidfuzz WRatio; chain = best chain name's if above a threshold."""

    kind = "rapidfuzz"

    def __init__(self, model: FittedModel, ref: ReferenceData) -> None:
        self.occ_codes = list(model.occupation_codes)
        self.occ_docs = [normalise(n) for n in model.occupation_names]
        self.prog_codes = list(model.programme_codes)
        self.prog_docs = [normalise(n) for n in model.programme_names]
        self.chain_names = [normalise(n) for n in (*model.segment_names, *model.skill_names)]
        seg_chain = np.asarray(model.segment_chain)
        self.chain_of = np.concatenate([seg_chain, seg_chain[np.asarray(model.skill_segment)]])
        self.threshold = 0.0

    def similarity(self, queries: Sequence[str], docs: Sequence[str]) -> np.ndarray:
        """Return the (queries × docs) similarity in 0–1."""
        return np.asarray(process.cdist(queries, docs, scorer=fuzz.WRatio, workers=1)) / 100.0

    def _chain_scores(self, queries: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        sim = self.similarity(queries, self.chain_names)
        return sim.max(axis=1), self.chain_of[sim.argmax(axis=1)]

    def fit_threshold(self, queries: Sequence[str], gold: Sequence[str]) -> float:
        """Choose the ``none`` threshold that maximises chain accuracy on these items."""
        if not queries:
            return self.threshold
        score, chain = self._chain_scores(queries)
        best_t, best_acc = 0.0, -1.0
        for t in np.unique(np.concatenate([score, [0.0, 1.01]])):
            pred = [LABELS[c] if s >= t else "none" for s, c in zip(score, chain, strict=True)]
            acc = float(np.mean([p == g for p, g in zip(pred, gold, strict=True)]))
            if acc > best_acc:
                best_t, best_acc = float(t), acc
        self.threshold = best_t
        return best_t

    def predict(self, queries: Sequence[str]) -> list[dict[str, Any]]:
        """Return ``{"chain", "occupations": [codes], "programmes": [codes]}`` per query."""
        if not queries:
            return []
        score, chain = self._chain_scores(queries)
        occ = self.similarity(queries, self.occ_docs)
        prog = self.similarity(queries, self.prog_docs)
        return [
            {
                "chain": LABELS[chain[i]] if score[i] >= self.threshold else "none",
                "occupations": [self.occ_codes[j] for j in np.argsort(-occ[i])[:TOP]],
                "programmes": [self.prog_codes[j] for j in np.argsort(-prog[i])[:TOP]],
            }
            for i in range(len(queries))
        ]


class TfidfBaseline(RapidfuzzBaseline):
    """The same with TF-IDF cosines: occupation names, programme profiles, chain names."""

    kind = "tfidf"

    def __init__(self, model: FittedModel, ref: ReferenceData) -> None:
        super().__init__(model, ref)
        profiles = profile_texts(ref)
        self.prog_docs = [profiles[c] for c in self.prog_codes]
        self.vectorizers: dict[int, TfidfVectorizer] = {}

    def similarity(self, queries: Sequence[str], docs: Sequence[str]) -> np.ndarray:
        """Return the cosine of the queries' and docs' TF-IDF vectors (fitted on ``docs``)."""
        key = id(docs)
        if key not in self.vectorizers:
            vec = TfidfVectorizer(
                analyzer=partial(analyze, ngram_min=2, ngram_max=3), sublinear_tf=True
            )
            vec.fit(docs)
            self.vectorizers[key] = vec
        vec = self.vectorizers[key]
        return np.asarray((vec.transform(queries) @ vec.transform(docs).T).toarray())
