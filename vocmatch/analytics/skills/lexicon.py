"""The chains' lexicon as the analytics read it: segments, skill terms and their names."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from vocmatch.analytics.skills.terms import TermIndex

UNASSIGNED = ""  # segment key of chain demand no segment claims


@dataclass(frozen=True)
class SegmentInfo:
    chain: str
    key: str
    name_zh: str
    name_en: str
    occupations: frozenset[str]
    programmes: tuple[str, ...]
    terms: tuple[str, ...]  # skill terms (their Chinese names), in file order


@dataclass(frozen=True)
class SkillInfo:
    """A skill term and every name it goes by (for coverage: curriculum words too)."""

    zh: str
    en: str
    synonyms: tuple[str, ...]
    curriculum: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        """Return the names a curriculum may use for it: term, synonyms, curriculum words."""
        return (self.zh, *self.synonyms, *self.curriculum, *((self.en,) if self.en else ()))


@dataclass
class Lexicon:
    """Skill terms and segments, as loaded from industries.yaml."""

    terms: TermIndex
    segments: list[SegmentInfo]
    skills: dict[str, SkillInfo] = field(default_factory=dict)
    by_chain: dict[str, list[SegmentInfo]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for s in self.segments:
            self.by_chain.setdefault(s.chain, []).append(s)

    def segment(self, chain: str, key: str) -> SegmentInfo | None:
        """Return the segment ``key`` of ``chain``."""
        return next((s for s in self.by_chain.get(chain, ()) if s.key == key), None)


def build_lexicon(
    segment_rows: Iterable[Any],
    term_rows: Iterable[Any],
    curriculum: Mapping[str, Sequence[str]] | None = None,
) -> Lexicon:
    """Return the lexicon of ``segment_rows`` and ``term_rows`` (see repository), with the
    method's curriculum words of each skill (``planner_method.yaml`` → skills.curriculum)."""
    words = curriculum or {}
    segs = list(segment_rows)
    terms = list(term_rows)
    by_segment: dict[int, list[str]] = defaultdict(list)
    skills: dict[str, SkillInfo] = {}
    for t in terms:
        if t.zh not in by_segment[t.segment_id]:
            by_segment[t.segment_id].append(t.zh)
        old = skills.get(t.zh)
        skills[t.zh] = SkillInfo(
            zh=t.zh,
            en=t.en or (old.en if old else ""),
            synonyms=tuple(dict.fromkeys((*(old.synonyms if old else ()), *(t.synonyms or ())))),
            curriculum=tuple(words.get(t.zh, ())),
        )
    infos = [
        SegmentInfo(
            chain=s.chain_key,
            key=s.key,
            name_zh=s.name_zh,
            name_en=s.name_en,
            occupations=frozenset(s.occupation_codes or ()),
            programmes=tuple(s.programme_codes or ()),
            terms=tuple(by_segment[s.id]),
        )
        for s in segs
    ]
    index = TermIndex.build((t.chain_key, t.zh, t.en, t.synonyms or ()) for t in terms)
    return Lexicon(terms=index, segments=infos, skills=skills)


def posting_segment(
    chain: str, terms: frozenset[str], occupation: str, programmes: Iterable[str], lexicon: Lexicon
) -> str:
    """Return the segment of a posting within its chain (``""`` when none claims it).

    score(segment) = 2 · |skill terms of the segment found in the posting| + 1 if the posting's
    occupation is one of the segment's + 1 if its most relevant programme is one of the segment's;
    the highest positive score wins, ties to the more upstream segment.
    """
    best, best_score = UNASSIGNED, 0
    top = next(iter(programmes), None)
    for seg in lexicon.by_chain.get(chain, ()):
        score = 2 * len(terms.intersection(seg.terms))
        score += occupation in seg.occupations
        score += top is not None and top in seg.programmes
        if score > best_score:
            best, best_score = seg.key, score
    return best
