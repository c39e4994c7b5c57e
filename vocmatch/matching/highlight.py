"""Mark the words of the user's own text that the matcher used as evidence (for the Try page)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vocmatch.matching.engine.runtime import Runtime
from vocmatch.matching.engine.vocab import CHAINS, KIND_LABELS, SKILL
from vocmatch.matching.text import normalise_with_offsets


@dataclass
class Piece:
    """A run of the original text; ``label`` is set when the run is evidence."""

    text: str
    label: str = ""
    chain: str = ""


def _describe(rt: Runtime, phrase_index: int) -> tuple[str, str]:
    labels: list[str] = []
    chain = ""
    m = rt.model
    for kind, target in rt.t.payloads[phrase_index]:
        if kind == SKILL:
            seg = int(m.skill_segment[target])
            chain = CHAINS[int(m.segment_chain[seg])]
            labels.append(f"skill: {m.skill_names[target]} ({chain})")
        elif kind in KIND_LABELS and kind != SKILL:
            labels.append(KIND_LABELS[kind])
    return "; ".join(dict.fromkeys(labels)), chain


def pieces(
    rt: Runtime, text: str, limit: int, removed: Sequence[tuple[str, str]] = ()
) -> list[Piece]:
    """Return ``text[:limit]`` cut into plain and evidence pieces, in order.

    ``removed`` are ``(kind, normalised text)`` pieces that title normalisation took out; they
    are marked first (class ``removed``), so what is not the job is visibly not evidence.
    """
    text = text[:limit]
    if not text:
        return []
    norm, offsets = normalise_with_offsets(text)
    spans: list[tuple[int, int, str, str]] = []
    taken: set[int] = set()
    for kind, piece in removed:
        at = norm.find(piece)
        while at >= 0 and at in taken:
            at = norm.find(piece, at + 1)
        if at >= 0 and piece:
            taken.add(at)
            spans.append(
                (offsets[at], offsets[at + len(piece) - 1] + 1, f"removed: {kind}", "removed")
            )
    for pi, start, end in rt.t.scanner.scan(norm):
        label, chain = _describe(rt, pi)
        spans.append((offsets[start], offsets[end - 1] + 1, label, chain))
    glossary = rt.t.glossary
    for start, end, _, zh in glossary.find(norm):
        spans.append((offsets[start], offsets[end - 1] + 1, f"English: {zh}", ""))
    spans.sort()
    out: list[Piece] = []
    pos = 0
    for start, end, label, chain in spans:
        if start < pos:  # overlaps a span already marked
            continue
        if start > pos:
            out.append(Piece(text[pos:start]))
        out.append(Piece(text[start:end], label, chain))
        pos = end
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out
