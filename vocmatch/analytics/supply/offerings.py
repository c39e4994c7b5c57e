"""The district's offerings of the analysis year, as supply: graduates and who enters work.

Small (hundreds of rows); rebuilt whenever offerings, partners, destination records, capacity
or placements change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from vocmatch.analytics.people import people
from vocmatch.analytics.supply.employment import Employment, employment_shares
from vocmatch.industries.governance import Placement

COHORT_PARTNERS = ("order_class", "apprenticeship")


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
    graduates: int
    key_demonstration: bool
    characteristic: bool
    provincial_quality: bool
    school_courses: str
    completion: float  # graduates ÷ intake (the default without history)
    employment: Employment
    articulation: bool = False  # a 3+2 / 中高职贯通 agreement in force covers it
    partners: tuple[PartnerInfo, ...] = ()

    @property
    def featured(self) -> bool:
        """Key demonstration, characteristic or provincial quality (a 'strong' programme)."""
        return self.key_demonstration or self.characteristic or self.provincial_quality

    @property
    def has_leading_partner(self) -> bool:
        """True when a leading enterprise (龙头企业) cooperates with this offering."""
        return any(p.is_leading for p in self.partners)

    @property
    def employed(self) -> int:
        """Return graduates a year who enter work: round(graduates × employment share)."""
        return people(self.graduates * self.employment.share)

    @property
    def cohort_partners(self) -> frozenset[int]:
        """Return the enterprises running an order class or apprenticeship in this offering."""
        return frozenset(p.enterprise_id for p in self.partners if p.kind in COHORT_PARTNERS)


@dataclass(frozen=True)
class Capacity:
    year: int
    places: int
    teachers: int
    training_stations: int


@dataclass(frozen=True)
class SchoolInfo:
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    capacity: Capacity | None = None


@dataclass
class Supply:
    """Offerings of ``year`` and what is known about every programme."""

    year: int
    schools: dict[int, SchoolInfo]
    offerings: list[OfferingInfo]
    names: dict[str, str]  # programme code → name
    classes: dict[str, tuple[str, str]]  # programme code → (专业类 code, 大类 code)
    placements: dict[str, list[Placement]]  # programme → decided placements (absent: off-chain)
    default_employment: Employment
    all_years: list[int] = field(default_factory=list)
    history: list[OfferingInfo] = field(default_factory=list)  # every year, for trends

    def by_programme(self) -> dict[str, list[OfferingInfo]]:
        """Return the offerings grouped by programme code."""
        out: dict[str, list[OfferingInfo]] = defaultdict(list)
        for o in self.offerings:
            out[o.programme_code].append(o)
        return out

    def offerings_by_id(self) -> dict[int, OfferingInfo]:
        """Return the analysis year's offerings by id."""
        return {o.id: o for o in self.offerings}

    def offered(self) -> frozenset[str]:
        """Return the programmes offered in the analysis year."""
        return frozenset(o.programme_code for o in self.offerings)

    def with_offerings(self, offerings: list[OfferingInfo]) -> Supply:
        """Return a copy with other offerings (for a what-if)."""
        return replace(self, offerings=offerings)

    def chain_keys(self, code: str) -> list[str]:
        """Return the chains programme ``code`` is placed in (``["none"]`` when none)."""
        keys = {p.chain for p in self.placements.get(code, ())}
        order = ("rare_earth", "tungsten", "new_energy", "intelligent_equipment")
        return [k for k in order if k in keys] or ["none"]


def analysis_year(years: Iterable[int], as_of: date) -> int:
    """Return the offering year analysed on ``as_of``: the latest year not after it."""
    ys = sorted(set(years))
    past = [y for y in ys if y <= as_of.year]
    return past[-1] if past else (ys[0] if ys else as_of.year)


def completion_rate(graduates: int, intake: int, default: float) -> float:
    """Return graduates ÷ intake plan (capped to (0, 1]), or ``default`` without history."""
    if intake <= 0 or graduates <= 0:
        return default
    return min(1.0, graduates / intake)


def build_supply(
    *,
    as_of: date,
    default_completion: float,
    default_employment: float,
    destination_years: int,
    schools: Iterable[Any],
    offerings: Iterable[Any],
    partners: Iterable[Any],
    programmes: Iterable[Any],
    placements: dict[str, list[Placement]],
    destinations: Iterable[Any],
    capacity: Iterable[Any],
    articulations: Iterable[tuple[int, str]],
) -> Supply:
    """Return the supply of the analysis year from repository rows."""
    names: dict[str, str] = {}
    classes: dict[str, tuple[str, str]] = {}
    for p in programmes:
        names[p.code] = p.name
        classes[p.code] = (p.class_code or "", p.dalei_code or "")
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
    rows = list(offerings)
    year = analysis_year((o.year for o in rows), as_of)
    shares, default = employment_shares(
        destinations, year=year, years=destination_years, default=default_employment
    )
    articulated = set(articulations)
    history = [
        OfferingInfo(
            id=o.id,
            school_id=o.school_id,
            programme_code=o.programme_code,
            year=o.year,
            intake_plan=o.intake_plan,
            enrolled=o.enrolled,
            graduates=int(o.graduates_per_year),
            key_demonstration=bool(o.key_demonstration),
            characteristic=bool(o.characteristic),
            provincial_quality=bool(o.provincial_quality),
            school_courses=o.school_courses or "",
            completion=completion_rate(o.graduates_per_year, o.intake_plan, default_completion),
            employment=shares.get((o.school_id, o.programme_code), default),
            articulation=(o.school_id, o.programme_code) in articulated,
            partners=tuple(sorted(by_offering.get(o.id, ()), key=lambda p: p.id)),
        )
        for o in rows
    ]
    # The plan is for next year's intake: that year's capacity when recorded, else the latest.
    caps: dict[int, Capacity] = {}
    for c in sorted(capacity, key=lambda c: c.year):
        if c.year <= year + 1:
            caps[c.school_id] = Capacity(c.year, c.places, c.teachers, c.training_stations)
    return Supply(
        year=year,
        schools={
            s.id: SchoolInfo(s.id, s.code, s.name, s.short_name or s.name, s.kind, caps.get(s.id))
            for s in schools
        },
        offerings=sorted(
            (o for o in history if o.year == year), key=lambda o: (o.school_id, o.programme_code)
        ),
        names=names,
        classes=classes,
        placements=placements,
        default_employment=default,
        all_years=sorted({o.year for o in history}),
        history=history,
    )
