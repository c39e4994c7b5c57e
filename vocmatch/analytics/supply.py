"""The supply side: the district's offerings of the analysis year, programme texts and the
programme → chain/segment mapping. Small (hundreds of rows); rebuilt whenever it changes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from vocmatch.analytics.projection import UNASSIGNED, Lexicon
from vocmatch.analytics.terms import TermIndex

CHAIN_KEYS = ("rare_earth", "tungsten", "new_energy", "intelligent_equipment")
PROFILE_MIN_LEN = 3  # shortest word that counts as "taught" in a programme's texts


@dataclass(frozen=True)
class PartnerInfo:
    id: int
    enterprise_id: int
    enterprise_name: str
    kind: str
    is_leading: bool
    since_year: int | None
    notes: str


@dataclass(frozen=True)
class OfferingInfo:
    id: int  # 0 for a programme added in a what-if
    school_id: int
    programme_code: str
    year: int
    intake_plan: int
    enrolled: int
    graduates: float
    key_demonstration: bool
    characteristic: bool
    provincial_quality: bool
    school_courses: str
    taught: frozenset[str]
    partners: tuple[PartnerInfo, ...] = ()

    @property
    def featured(self) -> bool:
        """Key demonstration, characteristic or provincial quality (a 'strong' programme)."""
        return self.key_demonstration or self.characteristic or self.provincial_quality

    @property
    def has_leading_partner(self) -> bool:
        """True when a leading enterprise (龙头企业) cooperates with this offering."""
        return any(p.is_leading for p in self.partners)


@dataclass(frozen=True)
class SchoolInfo:
    id: int
    code: str
    name: str
    short_name: str
    kind: str


@dataclass
class Supply:
    """Offerings of ``year`` and what is known about every programme."""

    year: int
    schools: dict[int, SchoolInfo]
    offerings: list[OfferingInfo]
    names: dict[str, str]  # programme code → name
    taught: dict[str, frozenset[str]]  # catalogue programme → skill terms its profile teaches
    years_of_study: dict[str, str]
    course_texts: dict[str, str]
    mapping: dict[str, list[tuple[str, str, float]]]  # programme → (chain, segment, weight)
    mapping_source: dict[str, str]  # programme → override | model | industries.yaml
    all_years: list[int] = field(default_factory=list)
    history: list[OfferingInfo] = field(default_factory=list)  # every year, for trends

    def by_programme(self) -> dict[str, list[OfferingInfo]]:
        """Return the offerings grouped by programme code."""
        out: dict[str, list[OfferingInfo]] = defaultdict(list)
        for o in self.offerings:
            out[o.programme_code].append(o)
        return out

    def with_offerings(self, offerings: list[OfferingInfo]) -> Supply:
        """Return a copy with other offerings (for a what-if)."""
        return replace(self, offerings=offerings)

    def chain_weights(self, code: str) -> dict[str, float]:
        """Return w(c, k): how programme c's graduates are split over the four chains."""
        out: dict[str, float] = defaultdict(float)
        for chain, _seg, w in self.mapping.get(code, ()):
            out[chain] += w
        return out


def chain_mapping(
    code: str, stored: list[tuple[str, str | None, float, str]], lexicon: Lexicon
) -> tuple[list[tuple[str, str, float]], str]:
    """Return programme c's (chain, segment, weight) list with weights summing to 1, and its source.

    A planner's override rows win over the model's; with neither, the segments of
    industries.yaml that list the programme are used. Weights are proportional to the mapping
    score (equal when no score); rows mapping to ``none`` supply no chain, so a programme mapped
    only to ``none`` has an empty list.
    """
    overrides = [r for r in stored if r[3] == "override"]
    rows = overrides or [r for r in stored if r[3] != "override"]
    source = "override" if overrides else "model"
    if not rows:
        rows = [
            (s.chain, s.key, 1.0, "industries") for s in lexicon.segments if code in s.programmes
        ]
        source = "industries.yaml"
    rows = [r for r in rows if r[0] in CHAIN_KEYS]
    if not rows:
        return [], source
    total = sum(max(r[2], 0.0) for r in rows)
    out = [
        (chain, seg or UNASSIGNED, (max(score, 0.0) / total) if total > 0 else 1.0 / len(rows))
        for chain, seg, score, _ in rows
    ]
    return out, source


def analysis_year(years: Iterable[int], as_of: date) -> int:
    """Return the offering year analysed on ``as_of``: the latest year not after it."""
    ys = sorted(set(years))
    past = [y for y in ys if y <= as_of.year]
    return past[-1] if past else (ys[0] if ys else as_of.year)


def build_supply(
    *,
    as_of: date,
    lexicon: Lexicon,
    schools: Iterable[Any],
    offerings: Iterable[Any],
    partners: Iterable[Any],
    programmes: Iterable[Any],
    mappings: Iterable[Any],
) -> Supply:
    """Return the supply of the analysis year from repository rows."""
    terms: TermIndex = lexicon.terms
    names: dict[str, str] = {}
    taught: dict[str, frozenset[str]] = {}
    years_of_study: dict[str, str] = {}
    course_texts: dict[str, str] = {}
    for p in programmes:
        course_texts[p.code] = p.courses or ""
        names[p.code] = p.name
        # Profiles are long and general: two-character synonyms (化成, K值) would match by chance.
        taught[p.code] = terms.find(
            p.courses or "",
            p.abilities or "",
            p.certificates or "",
            p.goal or "",
            p.occupations_text or "",
            min_len=PROFILE_MIN_LEN,
        )
        years_of_study[p.code] = p.years or ""
    by_offering: dict[int, list[PartnerInfo]] = defaultdict(list)
    for r in partners:
        by_offering[r.offering_id].append(
            PartnerInfo(
                r.id,
                r.enterprise_id,
                r.enterprise_name,
                r.kind,
                bool(r.is_leading),
                r.since_year,
                r.notes or "",
            )
        )
    history = [
        OfferingInfo(
            id=o.id,
            school_id=o.school_id,
            programme_code=o.programme_code,
            year=o.year,
            intake_plan=o.intake_plan,
            enrolled=o.enrolled,
            graduates=float(o.graduates_per_year),
            key_demonstration=bool(o.key_demonstration),
            characteristic=bool(o.characteristic),
            provincial_quality=bool(o.provincial_quality),
            school_courses=o.school_courses or "",
            taught=taught.get(o.programme_code, frozenset())
            | terms.find(o.school_courses or "", min_len=PROFILE_MIN_LEN),
            partners=tuple(sorted(by_offering.get(o.id, ()), key=lambda p: p.id)),
        )
        for o in offerings
    ]
    years = sorted({o.year for o in history})
    year = analysis_year(years, as_of)
    stored: dict[str, list[tuple[str, str | None, float, str]]] = defaultdict(list)
    for m in mappings:
        stored[m.programme_code].append((m.chain_key, m.segment_key, float(m.score), m.source))
    mapping: dict[str, list[tuple[str, str, float]]] = {}
    mapping_source: dict[str, str] = {}
    for code in names:
        mapping[code], mapping_source[code] = chain_mapping(code, stored.get(code, []), lexicon)
    return Supply(
        year=year,
        schools={
            s.id: SchoolInfo(s.id, s.code, s.name, s.short_name or s.name, s.kind) for s in schools
        },
        offerings=sorted(
            (o for o in history if o.year == year), key=lambda o: (o.school_id, o.programme_code)
        ),
        names=names,
        taught=taught,
        years_of_study=years_of_study,
        course_texts=course_texts,
        mapping=mapping,
        mapping_source=mapping_source,
        all_years=years,
        history=history,
    )
