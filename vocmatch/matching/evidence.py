"""Evidence a planner can check: which words of the text made each answer.

Strings are short and start with what kind of evidence they are, e.g. ``work type: 稀土萃取工``,
``skill: 萃取槽 (稀土萃取分离)``, ``segment: 稀土冶炼分离``, ``linked occupation: 6-17-07-04
稀土冶炼工``, ``similar title: 萃取工``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from vocmatch.matching.features import (
    CHAINS,
    NONE_EXAMPLE,
    OCC_MARKET,
    OCC_NAME,
    OCC_WORK_TYPE,
    PROG_NAME,
    SKILL,
)

if TYPE_CHECKING:
    from vocmatch.matching.signals import Runtime, Signals

MAX_ITEMS = 4
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
    """Build evidence lists for one query's answers."""

    def __init__(self, rt: Runtime, s: Signals, seg_w: np.ndarray, occ_p: np.ndarray) -> None:
        self.rt = rt
        self.s = s
        self.seg_w = seg_w
        self.occ_p = occ_p
        self._surface = [(pi, s.query.whole[a:b]) for pi, a, b in s.hits]
        self._seg_terms: dict[int, list[str]] = {}
        for pi, surface in self._surface:
            for kind, t in rt.m.phrase_payloads_[pi]:
                if kind == SKILL:
                    terms = self._seg_terms.setdefault(int(rt.skill_segment[t]), [])
                    if surface not in terms:
                        terms.append(surface)

    def _phrase_evidence(self, kinds: dict[int, str], target: int) -> list[str]:
        out = []
        for pi, surface in self._surface:
            for kind, t in self.rt.m.phrase_payloads_[pi]:
                if t == target and kind in kinds:
                    item = f"{kinds[kind]}: {surface}"
                    if item not in out:
                        out.append(item)
        return out

    def chain(self, label: int) -> list[str]:
        """Return the skill terms (or ``none`` examples) behind a chain decision."""
        m = self.rt.m
        out: list[str] = []
        for pi, surface in self._surface:
            for kind, t in m.phrase_payloads_[pi]:
                if label < len(CHAINS) and kind == SKILL and self.rt.skill_chain[t] == label:
                    name = m.skill_names_[t]
                    item = f"skill: {surface}" + (f" ({name})" if name.lower() != surface else "")
                elif label == len(CHAINS) and kind == NONE_EXAMPLE:
                    item = f"outside the chains: {surface}"
                else:
                    continue
                if item not in out:
                    out.append(item)
        return out[: MAX_ITEMS + 2]

    def _segment(self, column: np.ndarray) -> str | None:
        contrib = self.seg_w * column
        if contrib.size == 0 or contrib.max() < 0.05:
            return None
        best = int(np.argmax(contrib))
        terms = self._seg_terms.get(best, [])[:3]
        name = self.rt.m.segment_names_[best]
        return f"segment: {name} ← {', '.join(terms)}" if terms else f"segment: {name}"

    def occupation(self, o: int) -> list[str]:
        """Return why occupation ``o`` matched."""
        out = self._phrase_evidence(_OCC_KINDS, o)
        seg = self._segment(self.rt.seg_occ[:, o])
        if seg:
            out.append(seg)
        if not out:
            q = self.s.query.whole
            best = max(
                (longest_common(q, t) for t in self.rt.m.occupation_titles_[o]),
                key=len,
                default="",
            )
            if best:
                out.append(f"similar title: {best}")
        return out[:MAX_ITEMS]

    def programme(self, p: int) -> list[str]:
        """Return why programme ``p`` matched."""
        out = self._phrase_evidence({PROG_NAME: "programme"}, p)
        col = self.rt.occ_by_link[:, p]
        if col.nnz:
            rows = col.indices
            vals = self.occ_p[rows] * col.data
            best = int(rows[int(np.argmax(vals))])
            if vals.max() >= 0.05:
                m = self.rt.m
                out.append(
                    f"linked occupation: {m.occupation_codes_[best]} {m.occupation_names_[best]}"
                )
        seg = self._segment(self.rt.seg_prog[:, p])
        if seg:
            out.append(seg)
        if not out:
            out.append("similar profile")
        return out[:MAX_ITEMS]
