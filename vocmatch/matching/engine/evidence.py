"""Evidence a planner can check: which words of the text made each answer.

Strings are short and start with what kind of evidence they are, e.g. ``work type: 稀土萃取工``,
``title: 焊工`` (the job found in the title is this occupation's title), ``title ends with: 钳工``,
``title model: 0.91`` (the supervised title classifier), ``segment: 稀土冶炼分离 ← 萃取槽``,
``crosswalk: 6-17-07-04 稀土冶炼工`` / ``profile link: …`` (the programme's official link to a
likely occupation), ``similar title: 萃取工``. Chain evidence (for the programme mapping and the Try page) is
``skill: 萃取槽 (稀土萃取分离)`` or ``outside the chains: 会计``.
"""

from __future__ import annotations

import numpy as np

from vocmatch.matching.engine.batch import Batch
from vocmatch.matching.engine.fitted import FittedModel
from vocmatch.matching.engine.tables import Tables
from vocmatch.matching.engine.vocab import (
    CHAINS,
    NONE_EXAMPLE,
    OCC_MARKET,
    OCC_NAME,
    OCC_WORK_TYPE,
    PROG_NAME,
    SKILL,
)

MAX_ITEMS = 4
SIMILAR_TITLE_RANKS = 5
CLASSIFIER_EVIDENCE = 0.5  # the title classifier's decision from which it is worth saying
_OCC_KINDS = {OCC_NAME: "occupation", OCC_WORK_TYPE: "work type", OCC_MARKET: "market title"}


def longest_common(a: str, b: str, min_len: int = 2) -> str:
    """Return the longest substring of ``b`` that occurs in ``a`` (``""`` if < ``min_len``)."""
    for n in range(len(b), min_len - 1, -1):
        for i in range(len(b) - n + 1):
            piece = b[i : i + n]
            if piece.strip() == piece and piece in a:
                return piece
    return ""


class Explainer:
    """Evidence for the answers of query ``i`` of a batch (built from its phrase hits once)."""

    def __init__(
        self,
        m: FittedModel,
        t: Tables,
        b: Batch,
        i: int,
        seg_w: np.ndarray,
        occ_p: np.ndarray,
    ) -> None:
        self.m = m
        self.t = t
        self.query = b.queries[i]
        self.seg_w = seg_w
        self.occ_p = occ_p
        self.occ_ev: dict[int, list[str]] = {}
        self.prog_ev: dict[int, list[str]] = {}
        self.seg_terms: dict[int, list[str]] = {}
        self.chain_ev: dict[int, list[str]] = {}
        whole = self.query.whole
        skill_names = m.skill_names
        self.exact = b.hits.exact_of[i]
        self.ending = b.hits.ending_of[i]
        self.clf = b.sims.clf[i]
        self.core = self.query.core
        for pi, start, end in b.hits.spans[i]:
            surface = whole[start:end]
            for kind, target in t.payloads[pi]:
                if kind in _OCC_KINDS:
                    _add(self.occ_ev, target, f"{_OCC_KINDS[kind]}: {surface}")
                elif kind == PROG_NAME:
                    _add(self.prog_ev, target, f"programme: {surface}")
                elif kind == SKILL:
                    seg = int(m.skill_segment[target])
                    _add(self.seg_terms, seg, surface)
                    name = skill_names[target]
                    label = f"skill: {surface}" + (f" ({name})" if name.lower() != surface else "")
                    _add(self.chain_ev, int(t.skill_chain[target]), label)
                elif kind == NONE_EXAMPLE:
                    _add(self.chain_ev, len(CHAINS), f"outside the chains: {surface}")

    def chain(self, label: int) -> list[str]:
        """Return the skill terms (or ``none`` examples) behind chain ``label``."""
        return self.chain_ev.get(label, [])[: MAX_ITEMS + 2]

    def _segments(self, columns: np.ndarray) -> list[str | None]:
        """Return, per column of a segments × targets matrix, the segment that bridged it."""
        if columns.shape[1] == 0:
            return []
        contrib = self.seg_w[:, None] * columns
        best = contrib.argmax(axis=0)
        out: list[str | None] = []
        for j, s in enumerate(best):
            if contrib[s, j] < 0.05:
                out.append(None)
                continue
            terms = self.seg_terms.get(int(s), [])[:3]
            name = self.m.segment_names[int(s)]
            out.append(f"segment: {name} ← {', '.join(terms)}" if terms else f"segment: {name}")
        return out

    def _similar_title(self, o: int) -> str:
        q = self.query.whole
        if not hasattr(self, "_bigrams"):
            self._bigrams = {q[i : i + 2] for i in range(len(q) - 1)}
        best_title, best_overlap = "", 0
        for title, grams in self.t.title_bigrams[o]:
            overlap = len(grams & self._bigrams)
            if overlap > best_overlap:
                best_title, best_overlap = title, overlap
        return longest_common(q, best_title) if best_title else ""

    def occupations(self, occs: list[int]) -> list[list[str]]:
        """Return the evidence of each occupation in ``occs``."""
        segments = self._segments(self.t.seg_occ[:, occs])
        out = []
        for rank, (o, seg) in enumerate(zip(occs, segments, strict=True)):
            ev = []
            if o in self.exact:
                ev.append(f"title: {self.core}")
            elif o in self.ending:
                ev.append(f"title ends with: {self._ending(o)}")
            ev += [e for e in self.occ_ev.get(o, []) if e not in ev]
            if self.clf[o] >= CLASSIFIER_EVIDENCE:
                ev.append(f"title model: {min(1.0, float(self.clf[o])):.2f}")
            if seg:
                ev.append(seg)
            if not ev:
                # Only the first few are worth the substring search; further down the list the
                # score comes from the definition and tasks anyway.
                similar = self._similar_title(o) if rank < SIMILAR_TITLE_RANKS else ""
                ev.append(f"similar title: {similar}" if similar else "similar definition")
            out.append(ev[:MAX_ITEMS])
        return out

    def _ending(self, o: int) -> str:
        for start in range(1, len(self.core)):
            if o in self.t.cores.get(self.core[start:], ()):
                return self.core[start:]
        return self.core

    def programmes(self, progs: list[int]) -> list[list[str]]:
        """Return the evidence of each programme in ``progs``."""
        segments = self._segments(self.t.seg_prog[:, progs])
        m = self.m
        occ_p = self.occ_p
        out = []
        for p, seg in zip(progs, segments, strict=True):
            ev = list(self.prog_ev.get(p, []))
            for label, links in (
                ("crosswalk", self.t.crosswalk_of),
                ("profile link", self.t.profile_of),
            ):
                rows, weights = links[p]
                if len(rows):
                    vals = occ_p[rows] * weights
                    best = int(vals.argmax())
                    value, o = float(vals[best]), int(rows[best])
                    if value >= 0.05:
                        ev.append(f"{label}: {m.occupation_codes[o]} {m.occupation_names[o]}")
            if seg:
                ev.append(seg)
            if not ev:
                ev.append("similar profile")
            out.append(ev[:MAX_ITEMS])
        return out


def _add(table: dict[int, list[str]], key: int, item: str) -> None:
    items = table.setdefault(key, [])
    if item not in items:
        items.append(item)
