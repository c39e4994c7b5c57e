"""Two simple baselines the engine must beat, run by ``vocmatch evaluate`` on the same items.

* ``rapidfuzz_names``: rapidfuzz ``WRatio`` of the query against occupation and programme names;
  the chain is that of the best-matching skill or segment name, or ``none`` below a threshold.
* ``tfidf_names``: cosine of character 2–3-gram TF-IDF vectors of the query and of the same
  names, chain decided the same way.

Both thresholds are chosen on the odd (tuning) half, like the engine's weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer

from vocmatch.matching.engine.fitted import FittedModel
from vocmatch.matching.engine.vocab import LABELS
from vocmatch.matching.text import analyze, normalise

TOP = 5


class NameBaseline:
    """Rank names by a similarity; chain = best chain name if above ``threshold``, else none."""

    kind = "rapidfuzz_names"

    def __init__(self, model: FittedModel) -> None:
        m = model
        self.occ_codes = list(m.occupation_codes)
        self.occ_names = [normalise(n) for n in m.occupation_names]
        self.prog_codes = list(m.programme_codes)
        self.prog_names = [normalise(n) for n in m.programme_names]
        self.chain_names: list[str] = []
        self.chain_of: list[int] = []
        for s, name in enumerate(m.segment_names):
            self.chain_names.append(normalise(name))
            self.chain_of.append(int(m.segment_chain[s]))
        for k, name in enumerate(m.skill_names):
            self.chain_names.append(normalise(name))
            self.chain_of.append(int(m.segment_chain[m.skill_segment[k]]))
        self.threshold = 0.0

    def similarity(self, queries: Sequence[str], names: Sequence[str]) -> np.ndarray:
        """Return the (queries × names) similarity in 0–1."""
        return np.asarray(process.cdist(queries, names, scorer=fuzz.WRatio, workers=-1)) / 100.0

    def _chain_scores(self, queries: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        sim = self.similarity(queries, self.chain_names)
        best = sim.argmax(axis=1)
        return sim.max(axis=1), np.asarray(self.chain_of)[best]

    def fit_threshold(self, queries: Sequence[str], gold: Sequence[str]) -> float:
        """Choose the ``none`` threshold that maximises chain accuracy on these items."""
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
        score, chain = self._chain_scores(queries)
        occ = self.similarity(queries, self.occ_names)
        prog = self.similarity(queries, self.prog_names)
        out = []
        for i in range(len(queries)):
            out.append(
                {
                    "chain": LABELS[chain[i]] if score[i] >= self.threshold else "none",
                    "occupations": [self.occ_codes[j] for j in np.argsort(-occ[i])[:TOP]],
                    "programmes": [self.prog_codes[j] for j in np.argsort(-prog[i])[:TOP]],
                }
            )
        return out


class TfidfNameBaseline(NameBaseline):
    """The same, with character n-gram TF-IDF cosine instead of rapidfuzz."""

    kind = "tfidf_names"

    def __init__(self, model: FittedModel) -> None:
        super().__init__(model)
        self.vec = TfidfVectorizer(analyzer=analyze, sublinear_tf=True)
        self.vec.fit([*self.occ_names, *self.prog_names, *self.chain_names])

    def similarity(self, queries: Sequence[str], names: Sequence[str]) -> np.ndarray:
        """Return the cosine of the queries' and names' TF-IDF vectors."""
        q = self.vec.transform(queries)
        n = self.vec.transform(names)
        return np.asarray((q @ n.T).toarray())
