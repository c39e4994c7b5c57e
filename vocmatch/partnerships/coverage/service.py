"""Coverage views and the plan's partnership indicators, computed from the records.

Definitions (used by the pages, the API, the XLSX report and the planner dashboard alike):

- *offerings of ``as_of``*: the offerings of the latest offering year not after ``as_of``;
  *featured* ones have a flag (key demonstration, characteristic or provincial quality).
- *matrix cell* (offering × common): ``done`` when a done five-commons activity of that school names
  the programme on or before ``as_of``; else ``planned`` when one is planned (or dated after
  ``as_of``); else ``missing``.
- *Bay Area partner* of an offering: a Bay Area partner of an agreement in force covering the
  programme, of a done activity for the programme, or a Bay Area enterprise in its OfferingPartners.
- *leading-enterprise cooperation*: a leading enterprise (``Enterprise.is_leading``) among the
  offering's OfferingPartners, or the enterprise of a partner of an agreement in force covering
  the programme.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from vocmatch.indicators import designations
from vocmatch.kit.principal import Principal
from vocmatch.partnerships import repository as repo
from vocmatch.partnerships.models import Activity, Agreement, Partner
from vocmatch.partnerships.schemas import (
    CellState,
    FeaturedGap,
    IndicatorValueOut,
    MatrixCell,
    MatrixOut,
    MatrixRow,
    PartnerRef,
    PartnerTimeline,
    PracticeDays,
    TimelineEntry,
    TypeYearCount,
)
from vocmatch.partnerships.scope import activity_clause, school_clause
from vocmatch.partnerships.vocab import FEATURED_FLAGS, FIVE_COMMONS, GROUP_KINDS
from vocmatch.schools.models import Offering, School
from vocmatch.teachers.models import Teacher


def _offering_clause(principal: Principal | None) -> ColumnElement[bool]:
    return school_clause(principal, Offering.school_id) if principal is not None else true()


def _activity_clause(principal: Principal | None) -> ColumnElement[bool]:
    return activity_clause(principal) if principal is not None else true()


def flags_of(offering: Offering) -> list[str]:
    """Return the featured flags set on an offering."""
    return [f for f in FEATURED_FLAGS if getattr(offering, f)]


def _offerings(
    session: Session,
    *,
    as_of: date,
    principal: Principal | None,
    school_id: int | None = None,
    featured_only: bool = False,
) -> tuple[int | None, list[tuple[Offering, School, str]]]:
    year = repo.offering_year(session, as_of)
    where = _offering_clause(principal)
    if school_id is not None:
        where = where & (Offering.school_id == school_id)
    offerings = repo.offerings_of_year(session, year, where) if year is not None else []
    if featured_only:
        offerings = [o for o in offerings if flags_of(o[0])]
    return year, offerings


def _matrix(
    session: Session,
    as_of: date,
    year: int | None,
    offerings: list[tuple[Offering, School, str]],
) -> MatrixOut:
    empty: dict[str, list[int]] = {"done": [], "planned": []}
    cells: dict[tuple[int, str, str], dict[str, list[int]]] = defaultdict(
        lambda: {"done": [], "planned": []}
    )
    schools = sorted({o.school_id for o, _, _ in offerings})
    for aid, sid, kind, status, day, codes in repo.five_commons_rows(session, schools):
        seen = "done" if status == "done" and day <= as_of else "planned"
        for code in codes:
            cells[(sid, code, kind)][seen].append(aid)
    rows: list[MatrixRow] = []
    totals = {"done": 0, "planned": 0, "missing": 0}
    for o, school, name in offerings:
        row_cells = []
        for common in FIVE_COMMONS:
            found = cells.get((o.school_id, o.programme_code, common), empty)
            state: CellState = (
                "done" if found["done"] else "planned" if found["planned"] else "missing"
            )
            totals[state] += 1
            ids = found["done"] or found["planned"]
            row_cells.append(MatrixCell(common=common, state=state, activity_ids=sorted(ids)))
        rows.append(
            MatrixRow(
                school_id=school.id,
                school_code=school.code,
                programme_code=o.programme_code,
                programme_name=name,
                flags=flags_of(o),
                cells=row_cells,
                done=sum(c.state == "done" for c in row_cells),
            )
        )
    return MatrixOut(as_of=as_of, year=year, commons=list(FIVE_COMMONS), rows=rows, **totals)


def five_commons_matrix(
    session: Session,
    *,
    as_of: date,
    principal: Principal | None = None,
    school_id: int | None = None,
    featured_only: bool = False,
) -> MatrixOut:
    """Return the programme × five-commons matrix of the offerings on ``as_of`` in scope."""
    year, offerings = _offerings(
        session, as_of=as_of, principal=principal, school_id=school_id, featured_only=featured_only
    )
    return _matrix(session, as_of, year, offerings)


@dataclass
class _Cooperation:
    bay_area: set[str] = field(default_factory=set)
    leading: set[str] = field(default_factory=set)


def _cooperation(
    session: Session, *, as_of: date, offerings: list[Offering]
) -> dict[int, _Cooperation]:
    """Return, per offering id, its Bay Area partners and leading enterprises (names)."""
    out = {o.id: _Cooperation() for o in offerings}
    by_key = {(o.school_id, o.programme_code): o.id for o in offerings}
    schools = sorted({o.school_id for o in offerings})
    partners = repo.partner_facts(session)
    leading = repo.leading_enterprise_names(session)
    for sid, pid, codes in repo.agreements_in_force(session, as_of, schools):
        name, region, eid = partners[pid]
        for code in codes:
            oid = by_key.get((sid, code))
            if oid is None:
                continue
            if region == "bay_area":
                out[oid].bay_area.add(name)
            if eid in leading:
                out[oid].leading.add(leading[eid])
    for sid, codes, name in repo.done_with_bay_area_partners(session, as_of, schools):
        for code in codes:
            oid = by_key.get((sid, code))
            if oid is not None:
                out[oid].bay_area.add(name)
    for oid, firms in repo.offering_partner_enterprises(session, list(out)).items():
        for ent in firms:
            if ent.location_kind == "bay_area":
                out[oid].bay_area.add(ent.name)
            if ent.is_leading:
                out[oid].leading.add(ent.name)
    return out


def featured_gaps(
    session: Session, *, as_of: date, principal: Principal | None = None
) -> list[FeaturedGap]:
    """Return what each featured programme (offering) in scope still lacks on ``as_of``."""
    year, offerings = _offerings(session, as_of=as_of, principal=principal, featured_only=True)
    matrix = _matrix(session, as_of, year, offerings)
    coop = _cooperation(session, as_of=as_of, offerings=[o for o, _, _ in offerings])
    gaps = []
    for row, (o, _, _) in zip(matrix.rows, offerings, strict=True):
        c = coop[o.id]
        missing = [cell.common for cell in row.cells if cell.state != "done"]
        lacks = (
            (["five_commons"] if missing else [])
            + ([] if c.bay_area else ["bay_area_partner"])
            + ([] if c.leading else ["leading_enterprise"])
        )
        gaps.append(
            FeaturedGap(
                school_code=row.school_code,
                programme_code=row.programme_code,
                programme_name=row.programme_name,
                flags=row.flags,
                five_commons_missing=missing,
                five_commons_planned=[cell.common for cell in row.cells if cell.state == "planned"],
                bay_area_partners=sorted(c.bay_area),
                leading_enterprises=sorted(c.leading),
                lacks=lacks,
            )
        )
    return gaps


def counts_by_year_type(
    session: Session, *, principal: Principal | None = None
) -> list[TypeYearCount]:
    """Return how many activities of each type were done / planned in each year."""
    counts: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: {"done": 0, "planned": 0})
    stmt = select(Activity.date, Activity.type, Activity.status).where(_activity_clause(principal))
    for day, kind, status in session.execute(stmt):
        counts[(day.year, kind)][status] += 1
    return [
        TypeYearCount(year=y, type=t, done=c["done"], planned=c["planned"])
        for (y, t), c in sorted(counts.items())
    ]


def practice_days(session: Session, *, principal: Principal | None = None) -> list[PracticeDays]:
    """Return Bay Area enterprise practice days per teacher and year (by start date)."""
    where = school_clause(principal, Teacher.school_id) if principal is not None else true()
    acc: dict[tuple[int, int], PracticeDays] = {}
    for p, t, s in repo.bay_area_practice(session, where):
        k = (t.id, p.start_date.year)
        row = acc.setdefault(
            k,
            PracticeDays(
                teacher_id=t.id,
                teacher_name=t.name,
                school_code=s.code,
                year=p.start_date.year,
                days=0,
                periods=0,
                from_activities=0,
            ),
        )
        row.days += p.days
        row.periods += 1
        row.from_activities += p.activity_id is not None
    return sorted(acc.values(), key=lambda r: (r.year, r.school_code, -r.days, r.teacher_name))


def partner_timelines(
    session: Session, *, principal: Principal | None = None, partner_id: int | None = None
) -> list[PartnerTimeline]:
    """Return each partner's activities in scope, oldest first (partners without any omitted)."""
    rows = repo.timeline_rows(session, _activity_clause(principal), partner_id=partner_id)
    partners = repo.partners_by_id(session, {r[0] for r in rows})
    entries: dict[int, list[TimelineEntry]] = defaultdict(list)
    for pid, aid, day, kind, status, title in rows:
        entries[pid].append(
            TimelineEntry(activity_id=aid, date=day, type=kind, status=status, title=title)
        )
    order = sorted(
        entries, key=lambda pid: (partners[pid].region != "bay_area", partners[pid].name)
    )
    return [
        PartnerTimeline(
            partner=PartnerRef(
                id=pid,
                key=partners[pid].key,
                name=partners[pid].name,
                kind=partners[pid].kind,
                region=partners[pid].region,
            ),
            entries=entries[pid],
        )
        for pid in order
    ]


# --- indicators -------------------------------------------------------------------------------
@dataclass
class Pairing:
    """A school paired with a Bay Area partner on a programme, and the commons done together."""

    school_code: str
    programme_code: str
    partner: str
    partner_kind: str
    done: set[str] = field(default_factory=set)

    def line(self) -> str:
        """Return the evidence line: school, programme, partner, commons done (the partner's
        name says what it is; its kind key is not a word a reader knows)."""
        return f"{self.school_code} {self.programme_code} · {self.partner}: {len(self.done)}/5"


def _agreement_line(ag: Agreement, partner: Partner) -> str:
    signed = ag.signed_on.isoformat() if ag.signed_on else "?"
    return f"{ag.key} {ag.title} · {partner.name} · {signed}"


def pairings(session: Session, *, as_of: date) -> list[Pairing]:
    """Return the pairings (school × Bay Area partner × programme) of agreements in force on
    ``as_of`` covering a programme, each with the commons done by activities that name that
    partner and that programme (on or before ``as_of``)."""
    schools = {s.id: s.code for s in repo.schools(session)}
    partners = {p.id: p for p in session.scalars(select(Partner))}
    found: dict[tuple[int, int, str], Pairing] = {}
    for sid, pid, codes in repo.agreements_in_force(session, as_of, sorted(schools)):
        partner = partners[pid]
        if partner.region != "bay_area":
            continue
        for code in codes:
            found.setdefault(
                (sid, pid, code), Pairing(schools[sid], code, partner.name, partner.kind)
            )
    for sid, pid, common, codes in repo.done_commons_by_partner(session, as_of, sorted(schools)):
        for code in codes:
            if (sid, pid, code) in found:
                found[(sid, pid, code)].done.add(common)
    return sorted(found.values(), key=lambda p: (p.school_code, p.programme_code, p.partner))


def indicators(session: Session, *, as_of: date) -> dict[str, IndicatorValueOut]:
    """Return the plan's partnership indicators for the whole district on ``as_of``.

    Keys and meaning (every value carries numerator/denominator, ``as_of`` and evidence lines):

    - ``vocational_education_group``, ``industry_education_training_base``: designation records
      only (municipal or higher, issued on or before ``as_of``; ``indicators.designations``);
      without one the value is None (unknown). Alliance memberships and training-base agreements
      are listed in ``context``: they are not designations and never count.
    - ``leading_enterprise_cooperation``: featured programmes (offerings) with ≥ 1 leading-enterprise
      partner ÷ featured programmes; share, target 1.0 (100 %).
    - ``five_commons_coverage``: pairings (school × Bay Area partner × programme, from agreements
      in force) with all five commons done by activities naming that partner; no target (item 30
      states a principle); the evidence lists each pairing, its partner's kind and commons done.
    - ``bay_area_articulation``: offerings (school × programme) covered by an articulation
      agreement in force with a Bay Area college; no target (二(三) gives no number).
    """
    partners = {p.id: p for p in session.scalars(select(Partner))}
    out: dict[str, IndicatorValueOut] = {}
    memberships = [
        ag
        for ag in repo.active_agreements(session, as_of, type="alliance_membership")
        if partners[ag.partner_id].kind in GROUP_KINDS
    ]
    bases = repo.active_agreements(session, as_of, type="training_base")
    for key, agreements in (
        ("vocational_education_group", memberships),
        ("industry_education_training_base", bases),
    ):
        out[key] = _designated(
            session,
            key,
            as_of,
            context=[_agreement_line(ag, partners[ag.partner_id]) for ag in agreements],
        )

    gaps = featured_gaps(session, as_of=as_of)
    with_leading = [g for g in gaps if g.leading_enterprises]
    out["leading_enterprise_cooperation"] = _share(
        "leading_enterprise_cooperation",
        len(with_leading),
        len(gaps),
        as_of,
        [
            f"{g.school_code} {g.programme_code} {g.programme_name}: "
            + ("、".join(g.leading_enterprises) or "—")
            for g in gaps
        ],
    )
    paired = pairings(session, as_of=as_of)
    complete = [p for p in paired if len(p.done) == len(FIVE_COMMONS)]
    out["five_commons_coverage"] = IndicatorValueOut(
        key="five_commons_coverage",
        value=float(len(complete)) if paired else None,
        unit="count",
        numerator=len(complete),
        denominator=len(paired),
        target=None,
        met=None,
        as_of=as_of,
        computed=float(len(complete)),
        evidence=[p.line() for p in paired],
        note=(
            f"{len(complete)} of {len(paired)} pairing(s) with all five commons; "
            f"{sum(len(p.done) for p in paired)} of {5 * len(paired)} commons done"
            if paired
            else "no pairing with a Bay Area partner on record"
        ),
    )
    articulated = sorted(
        {
            (ag.school_id, code)
            for ag in repo.active_agreements(session, as_of, type="articulation")
            if partners[ag.partner_id].region == "bay_area"
            and partners[ag.partner_id].kind == "college"
            for code in ag.programmes
        }
    )
    codes = {s.id: s.code for s in repo.schools(session)}
    out["bay_area_articulation"] = IndicatorValueOut(
        key="bay_area_articulation",
        value=float(len(articulated)),
        unit="count",
        numerator=len(articulated),
        target=None,
        met=None,
        as_of=as_of,
        computed=float(len(articulated)),
        evidence=[f"{codes[sid]} {code}" for sid, code in articulated],
        note="offerings under an articulation agreement in force with a Bay Area college",
    )
    return out


def _share(key: str, num: int, den: int, as_of: date, evidence: list[str]) -> IndicatorValueOut:
    value = num / den if den else None
    return IndicatorValueOut(
        key=key,
        value=value,
        unit="share",
        numerator=num,
        denominator=den,
        target=1.0,
        met=den > 0 and num == den,
        as_of=as_of,
        computed=value,
        evidence=evidence,
        note="" if den else "no featured programmes on record",
    )


def _designated(
    session: Session, key: str, as_of: date, *, context: list[str]
) -> IndicatorValueOut:
    """A count of designation records of kind ``key`` (municipal or higher) on ``as_of``; None
    (unknown) without any. ``context``: records that are not designations, shown, not counted."""
    rows = designations.counted(
        session, kinds=[key], levels=designations.levels_from("municipal"), as_of=as_of
    )
    value = float(len(rows)) if rows else None
    return IndicatorValueOut(
        key=key,
        value=value,
        unit="count",
        numerator=len(rows),
        target=1,
        met=None if value is None else value >= 1,
        as_of=as_of,
        source="designations" if rows else "unknown",
        computed=value,
        evidence=[designations.describe(d) for d in rows],
        context=context,
        note=(
            f"{len(rows)} designation record(s)"
            if rows
            else "unknown: no designation record (memberships and agreements do not count)"
        ),
    )
