"""A query as the runtime reads it, and the features of a batch of queries."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vocmatch.matching.engine.glossary import expand
from vocmatch.matching.text import normalise

TITLE_LIMIT = 200


@dataclass
class Query:
    """A normalised query: the title part ``whole[:n_title]`` and the whole text ``whole``."""

    title: str
    whole: str
    n_title: int
    expansions: list[tuple[str, str]]


@dataclass
class Batch:
    """The features of ``n`` queries (the inputs of the three models) and their phrase hits.

    ``occ`` is (features × n × occupations) and ``prog`` (features × n × programmes); the bridge
    columns are filled by :meth:`Runtime.occupation_proba` and :meth:`Runtime.programme_proba`,
    because they depend on the chain decision and on the occupation scores.
    """

    queries: list[Query]
    hits: list[list[tuple[int, int, int]]]  # per query: (phrase index, start, end) in whole
    chain_feats: np.ndarray  # (n, 4, N_CHAIN_FEATS)
    none_feats: np.ndarray  # (n, N_NONE_FEATS)
    occ: np.ndarray  # (N_OCC_FEATS, n, n_occ)
    prog: np.ndarray  # (N_PROG_FEATS, n, n_prog)
    seg_raw: np.ndarray  # (n, n_seg) segment evidence before the chain decision

    def occ_rows(self, i: int) -> np.ndarray:
        """Return query ``i``'s (occupations × features) matrix."""
        return np.ascontiguousarray(self.occ[:, i, :].T)

    def prog_rows(self, i: int) -> np.ndarray:
        """Return query ``i``'s (programmes × features) matrix."""
        return np.ascontiguousarray(self.prog[:, i, :].T)


def prepare(title: str | None, text: str | None, text_limit: int) -> Query:
    """Return the normalised query (English job words expanded to Chinese).

    Both parts are cut (title to 200, text to ``text_limit`` characters) *before* normalising,
    so a megabyte of text costs no more than ``text_limit`` characters.
    """
    raw_title = (title or "")[:TITLE_LIMIT]
    raw_text = (text or "")[:text_limit]
    if not raw_title.strip() and raw_text:
        # No title: the first line of the text plays its part (ads start with the job).
        raw_title = raw_text.lstrip().split("\n", 1)[0][:60]
    t, pairs_t = expand(normalise(raw_title))
    b, pairs_b = expand(normalise(raw_text))
    whole = f"{t} | {b}" if b else t
    return Query(title=t, whole=whole, n_title=len(t), expansions=pairs_t + pairs_b)
