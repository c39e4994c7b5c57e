"""Mark the words of the user's own text that the matcher used as evidence (for the Try page)."""

from __future__ import annotations

from dataclasses import dataclass

from vocmatch.matching.estimator import Matcher
from vocmatch.matching.features import CHAINS, KIND_LABELS, SKILL
from vocmatch.matching.glossary import _PATTERN, GLOSSARY
from vocmatch.matching.text import normalise_with_offsets


@dataclass
class Piece:
    """A run of the original text; ``label`` is set when the run is evidence."""

    text: str
    label: str = ""
    chain: str = ""


def _describe(matcher: Matcher, phrase_index: int) -> tuple[str, str]:
    labels: list[str] = []
    chain = ""
    for kind, target in matcher.phrase_payloads_[phrase_index]:
        if kind == SKILL:
            seg = int(matcher.skill_segment_[target])
            chain = CHAINS[int(matcher.segment_chain_[seg])]
            labels.append(f"skill: {matcher.skill_names_[target]} ({chain})")
        elif kind in KIND_LABELS and kind != SKILL:
            labels.append(KIND_LABELS[kind])
    return "; ".join(dict.fromkeys(labels)), chain


def pieces(matcher: Matcher, text: str, limit: int) -> list[Piece]:
    """Return ``text[:limit]`` cut into plain and evidence pieces, in order."""
    text = text[:limit]
    if not text:
        return []
    norm, offsets = normalise_with_offsets(text)
    spans: list[tuple[int, int, str, str]] = []
    for pi, start, end in matcher._scanner.scan(norm):
        label, chain = _describe(matcher, pi)
        spans.append((offsets[start], offsets[end - 1] + 1, label, chain))
    for m in _PATTERN.finditer(norm):
        spans.append(
            (offsets[m.start()], offsets[m.end() - 1] + 1, f"English: {GLOSSARY[m.group()]}", "")
        )
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
