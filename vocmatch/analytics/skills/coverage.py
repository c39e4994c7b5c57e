"""Skill coverage of curricula, with the matcher's text representation.

A curriculum is a list of units: the 2022 profile's courses, ability requirements and
certificates, plus a school's own courses and textbooks (one a line). Units and skill names are
normalised as the matcher does (NFKC, simplified, lower case) and cut into character 2–3-grams
(Latin words whole). A skill's names are its term and synonyms (``industries.yaml``) and its
curriculum words (``planner_method.yaml``); names shorter than three characters are ignored
(they match by chance).

coverage(name, unit) = Σ idf(g) over the name's n-grams found in the unit ÷ Σ idf(g) over the
name's n-grams, with idf(g) = ln((N + 1) ÷ (df(g) + 1)) + 1 over the N units of every programme
in the catalogue — so common words (技术, 操作) weigh little. A skill is covered by the unit where
its best name scores highest, when that score reaches ``coverage_threshold``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from vocmatch.analytics.skills.lexicon import SkillInfo
from vocmatch.matching.text import analyze, normalise

MIN_NAME_CHARS = 3
_SPLIT = re.compile(r"[、，,；;。\n]+")
_HEAD = re.compile(r"^(专业基础课程|专业核心课程|实习实训|职业技能等级证书|职业资格证书|证书)[:：]")
_NUMBER = re.compile(r"^\s*\d+[.、．)]\s*")
_COLON = re.compile(r"[:：]")


@dataclass(frozen=True)
class Unit:
    label: str
    origin: str  # course | ability | certificate | school
    grams: frozenset[str]


@dataclass(frozen=True)
class Cover:
    """Where a skill is taught: the unit, where it comes from, and the score."""

    unit: str
    origin: str
    score: float


def grams_of(text: str) -> frozenset[str]:
    """Return the matcher's features of ``text``: CJK 2–3-grams and Latin words."""
    return frozenset(analyze(normalise(text), 2, 3))


def _pieces(text: str) -> list[str]:
    out = []
    for raw in _SPLIT.split(text or ""):
        piece = _NUMBER.sub("", _HEAD.sub("", raw.strip())).strip()
        if ("：" in piece or ":" in piece) and len(piece) > 40:
            piece = _COLON.split(piece, maxsplit=1)[1].strip()
        if len(piece) >= 2:
            out.append(piece)
    return out


def profile_units(courses: str, abilities: str, certificates: str) -> list[Unit]:
    """Return the units of a 2022 programme profile."""
    units = [Unit(p, "course", grams_of(p)) for p in _pieces(courses)]
    units += [Unit(p, "ability", grams_of(p)) for p in _pieces(abilities)]
    units += [Unit(p, "certificate", grams_of(p)) for p in _pieces(certificates)]
    return units


def school_units(school_courses: str) -> list[Unit]:
    """Return the units of a school's own courses and textbooks (one a line)."""
    lines = (line.strip() for line in (school_courses or "").splitlines())
    return [Unit(line, "school", grams_of(line)) for line in lines if len(line) >= 2]


class CoverageModel:
    """The idf of every curriculum unit and the names of every skill, built once."""

    def __init__(
        self,
        skills: Mapping[str, SkillInfo],
        profiles: Mapping[str, list[Unit]],
        threshold: float,
    ) -> None:
        self.threshold = threshold
        self.profiles = dict(profiles)
        df: Counter[str] = Counter()
        n = 0
        for units in self.profiles.values():
            for u in units:
                df.update(u.grams)
                n += 1
        self._idf_default = math.log(n + 1) + 1.0
        self.idf = {g: math.log((n + 1) / (c + 1)) + 1.0 for g, c in df.items()}
        self.names: dict[str, list[tuple[tuple[tuple[str, float], ...], float]]] = {}
        for zh, info in skills.items():
            entries = []
            for name in dict.fromkeys(info.names()):
                if len(normalise(name).replace(" ", "")) < MIN_NAME_CHARS:
                    continue
                weighted = tuple((g, self.idf.get(g, self._idf_default)) for g in grams_of(name))
                total = sum(w for _, w in weighted)
                if total > 0:
                    entries.append((weighted, total))
            self.names[zh] = entries
        self._memo: dict[tuple[str, str], dict[str, Cover]] = {}

    def covered(
        self, units: Iterable[Unit], skills: Iterable[str] | None = None
    ) -> dict[str, Cover]:
        """Return the skills ``units`` cover (all skills, or only ``skills``), with the unit."""
        unit_list = list(units)
        index: dict[str, list[int]] = {}
        for i, u in enumerate(unit_list):
            for g in u.grams:
                index.setdefault(g, []).append(i)
        out: dict[str, Cover] = {}
        for zh in skills if skills is not None else self.names:
            best: tuple[float, int] = (0.0, -1)
            for weighted, total in self.names.get(zh, ()):
                acc: dict[int, float] = {}
                for g, w in weighted:
                    for i in index.get(g, ()):
                        acc[i] = acc.get(i, 0.0) + w
                for i, v in acc.items():
                    score = v / total
                    if score > best[0] or (score == best[0] and i < best[1]):
                        best = (score, i)
            if best[1] >= 0 and best[0] >= self.threshold - 1e-12:
                u = unit_list[best[1]]
                out[zh] = Cover(u.label, u.origin, round(best[0], 3))
        return out

    def of_programme(self, code: str, school_courses: str = "") -> dict[str, Cover]:
        """Return what programme ``code``'s profile (plus a school's own courses) covers.

        Profile units win ties with school units: a skill the national curriculum teaches is
        reported against the national course.
        """
        key = (code, school_courses)
        if key not in self._memo:
            units = self.profiles.get(code, []) + school_units(school_courses)
            self._memo[key] = self.covered(units)
        return self._memo[key]


def build_coverage(
    skills: Mapping[str, SkillInfo], programme_rows: Iterable[Any], threshold: float
) -> CoverageModel:
    """Return the coverage model of the catalogue's programme rows (code, courses, abilities,
    certificates)."""
    profiles = {
        p.code: profile_units(p.courses or "", p.abilities or "", p.certificates or "")
        for p in programme_rows
    }
    return CoverageModel(skills, profiles, threshold)


def share_covered(skills: Iterable[str], covered: Mapping[str, Cover]) -> float | None:
    """Return the share of ``skills`` that ``covered`` holds (None for no skills)."""
    names = list(dict.fromkeys(skills))
    if not names:
        return None
    return sum(1 for s in names if s in covered) / len(names)
