"""What the partnership pages show: service results assembled for templates, and the charts."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from markupsafe import Markup
from sqlalchemy.orm import Session

from vocmatch.kit.charts import PALETTE, Series, TimelineEvent, bar_chart, timeline
from vocmatch.kit.config import get_settings
from vocmatch.kit.errors import NotFound
from vocmatch.kit.i18n import translate
from vocmatch.kit.principal import Principal
from vocmatch.partnerships import repository as repo
from vocmatch.partnerships.activities import service
from vocmatch.partnerships.coverage import service as coverage
from vocmatch.partnerships.evidence import service as evidence
from vocmatch.partnerships.models import Agreement
from vocmatch.partnerships.partners import service as partners
from vocmatch.partnerships.schemas import ActivityOut, PartnerTimeline, PracticeDays, TypeYearCount
from vocmatch.partnerships.scope import sees_school
from vocmatch.partnerships.vocab import (
    ACTIVITY_TYPES,
    AGREEMENT_TYPES,
    FIVE_COMMONS,
    PARTNER_KINDS,
    REGIONS,
)
from vocmatch.schools.models import Offering, School

# Chart groups: the five commons together, then each exchange of people, then the rest.
GROUPS = (
    "five_commons",
    "teacher_practice",
    "technician_teaching",
    "student_internship",
    "exchange_visit",
    "alliance_meeting",
    "joint_enrolment",
)
GROUP_COLOURS = dict(zip(GROUPS, PALETTE, strict=False))
INDICATOR_ORDER = (
    "vocational_education_group",
    "industry_education_training_base",
    "leading_enterprise_cooperation",
    "five_commons_coverage",
    "bay_area_articulation",
)


def group_of(activity_type: str) -> str:
    """Return the chart group of an activity type."""
    return "five_commons" if activity_type in FIVE_COMMONS else activity_type


def visible_schools(session: Session, principal: Principal) -> list[School]:
    """Return the schools ``principal`` may record for."""
    return [s for s in repo.schools(session) if sees_school(principal, s.id)]


def years_of(session: Session, principal: Principal) -> list[int]:
    """Return the years with activities in scope, and the current year, newest first."""
    counts = coverage.counts_by_year_type(session, principal=principal)
    return sorted({c.year for c in counts} | {date.today().year}, reverse=True)


def counts_chart(counts: list[TypeYearCount], lang: str) -> Markup:
    """Return a bar chart of done activities per type group, one series per recent year."""
    years = sorted({c.year for c in counts if c.done})[-4:]
    series = [
        Series(
            name=str(y),
            values=[
                sum(c.done for c in counts if c.year == y and group_of(c.type) == g) for g in GROUPS
            ],
            colour=PALETTE[i % len(PALETTE)],
        )
        for i, y in enumerate(years)
    ]
    return bar_chart(
        [translate(f"partnerships.group.{g}", lang) for g in GROUPS],
        series,
        title=translate("partnerships.chart.counts", lang),
        counts=True,
        width=900,
    )


def timeline_chart(timelines: list[PartnerTimeline], lang: str) -> Markup | None:
    """Return one swim lane per partner with a dot per activity (hollow = planned)."""
    events = [
        TimelineEvent(
            day=e.date,
            lane=t.partner.name,
            label=f"{translate('partnerships.type.' + e.type, lang)} · {e.title}",
            colour=GROUP_COLOURS[group_of(e.type)],
            hollow=e.status == "planned",
        )
        for t in timelines
        for e in t.entries
    ]
    if not events:
        return None
    first = min(e.day for e in events)
    last = max(e.day for e in events)
    return timeline(
        events,
        title=translate("partnerships.chart.timeline", lang),
        start=date(first.year, 1, 1),
        end=date(last.year, 12, 31),
    )


def overview(
    session: Session,
    *,
    principal: Principal,
    as_of: date,
    school_id: int | None,
    year: int,
    lang: str,
) -> dict[str, Any]:
    """Return the overview page's context: matrix, gaps, indicators, charts, recent activities."""
    schools = visible_schools(session, principal)
    if school_id is not None and school_id not in {s.id for s in schools}:
        school_id = None
    matrix = coverage.five_commons_matrix(
        session, as_of=as_of, principal=principal, school_id=school_id
    )
    code = next((s.code for s in schools if s.id == school_id), None)
    gaps = [
        g
        for g in coverage.featured_gaps(session, as_of=as_of, principal=principal)
        if code is None or g.school_code == code
    ]
    counts = coverage.counts_by_year_type(session, principal=principal)
    practice_by_year: dict[int, dict[str, int]] = defaultdict(lambda: {"days": 0, "teachers": 0})
    for row in coverage.practice_days(session, principal=principal):
        practice_by_year[row.year]["days"] += row.days
        practice_by_year[row.year]["teachers"] += 1
    inds = service.indicators(session, as_of=as_of)
    recent = service.list_activities(session, principal=principal, school_id=school_id, limit=10)
    return {
        "as_of": as_of,
        "year": year,
        "years": years_of(session, principal),
        "schools": schools,
        "school_id": school_id,
        "multi_school": len(schools) > 1,
        "matrix": matrix,
        "commons": FIVE_COMMONS,
        "gaps": gaps,
        "indicators": [inds[k] for k in INDICATOR_ORDER],
        "counts_chart": counts_chart(counts, lang),
        "counts": counts,
        "timeline_chart": timeline_chart(
            coverage.partner_timelines(session, principal=principal), lang
        ),
        "practice_by_year": sorted(practice_by_year.items(), reverse=True),
        "recent": service.activity_out(session, principal, recent),
        "recorded": None,
    }


def recorded(session: Session, *, principal: Principal, activity_id: int) -> ActivityOut | None:
    """Return the activity just recorded (for the confirmation notice), if visible."""
    try:
        found = service.get_activity(session, principal=principal, activity_id=activity_id)
    except NotFound:
        return None
    return service.activity_out(session, principal, [found])[0]


def activity_defaults(
    session: Session,
    *,
    principal: Principal,
    type: str | None,
    programme: str | None,
    school_id: int | None,
    partner_id: int | None,
) -> dict[str, Any]:
    """Return a new activity's form values: today, done, the caller's (first) school."""
    schools = visible_schools(session, principal)
    if school_id not in {s.id for s in schools}:
        school_id = schools[0].id if schools else None
    return {
        "date": date.today(),
        "end_date": None,
        "type": type if type in ACTIVITY_TYPES else FIVE_COMMONS[0],
        "school_id": school_id,
        "programmes": [programme] if programme else [],
        "partner_ids": [partner_id] if partner_id else [],
        "status": "done",
        "title": "",
        "people": [],
        "teacher_id": None,
        "enterprise_id": None,
        "days": None,
        "hours": None,
        "students": None,
        "course": "",
        "evidence_url": "",
        "notes": "",
    }


def activity_form(
    session: Session,
    *,
    principal: Principal,
    values: dict[str, Any],
    errors: dict[str, str],
    activity_id: int | None = None,
) -> dict[str, Any]:
    """Return the activity form's context: choices for the school, and the values/errors."""
    schools = visible_schools(session, principal)
    school_id = values.get("school_id")
    if school_id not in {s.id for s in schools}:
        school_id = schools[0].id if schools else None
    year = repo.offering_year(session, date.today())
    offered: list[tuple[str, str]] = []
    if school_id is not None and year is not None:
        offered = [
            (o.programme_code, name)
            for o, _, name in repo.offerings_of_year(session, year, Offering.school_id == school_id)
        ]
    extra = [c for c in values.get("programmes", []) if c not in {c for c, _ in offered}]
    names = repo.programme_names(session, extra)
    offered += [(c, names.get(c, c)) for c in extra]
    return {
        "values": values,
        "errors": errors,
        "activity_id": activity_id,
        "schools": schools,
        "school_id": school_id,
        "programmes": offered,
        "partners": repo.list_partners(session),
        "teachers": repo.teachers_of_school(session, school_id) if school_id else [],
        "enterprises": repo.enterprises(session),
        "types": ACTIVITY_TYPES,
        "commons": FIVE_COMMONS,
        "accept": evidence.ACCEPT,
        "max_bytes": get_settings().max_upload_bytes,
        "max_mb": get_settings().max_upload_bytes // 2**20,
    }


def partners_page(
    session: Session, *, principal: Principal, values: dict[str, Any], errors: dict[str, str]
) -> dict[str, Any]:
    """Return the partner directory page's context."""
    return {
        "partners": [partners.partner_out(session, p) for p in repo.list_partners(session)],
        "values": values,
        "errors": errors,
        "kinds": PARTNER_KINDS,
        "regions": REGIONS,
        "enterprises": repo.enterprises(session),
    }


def partner_page(
    session: Session,
    *,
    principal: Principal,
    partner_id: int,
    values: dict[str, Any] | None,
    errors: dict[str, str],
    lang: str,
) -> dict[str, Any]:
    """Return a partner page's context: timeline chart, agreements, edit form."""
    partner = partners.get_partner(session, partner_id=partner_id)
    out = partners.partner_out(session, partner)
    timelines = coverage.partner_timelines(session, principal=principal, partner_id=partner.id)
    agreements = partners.list_agreements(session, principal=principal, partner_id=partner.id)
    return {
        "p": out,
        "values": values if values is not None else out.model_dump(),
        "errors": errors,
        "entries": timelines[0].entries if timelines else [],
        "chart": timeline_chart(timelines, lang),
        "agreements": partners.agreement_out(session, agreements),
        "kinds": PARTNER_KINDS,
        "regions": REGIONS,
        "enterprises": repo.enterprises(session),
    }


def _agreement_choices(session: Session, principal: Principal) -> dict[str, Any]:
    schools = visible_schools(session, principal)
    year = repo.offering_year(session, date.today())
    ids = [s.id for s in schools]
    offered = (
        sorted(
            {
                (o.programme_code, name)
                for o, _, name in repo.offerings_of_year(
                    session, year, Offering.school_id.in_(ids or [-1])
                )
            }
        )
        if year is not None
        else []
    )
    return {
        "schools": schools,
        "partners": repo.list_partners(session),
        "programmes": offered,
        "types": AGREEMENT_TYPES,
    }


def agreements_page(
    session: Session, *, principal: Principal, values: dict[str, Any], errors: dict[str, str]
) -> dict[str, Any]:
    """Return the agreements page's context."""
    found = partners.list_agreements(session, principal=principal)
    return {
        "agreements": partners.agreement_out(session, found),
        "values": values,
        "errors": errors,
        **_agreement_choices(session, principal),
    }


def agreement_page(
    session: Session,
    *,
    principal: Principal,
    agreement: Agreement,
    values: dict[str, Any] | None,
    errors: dict[str, str],
) -> dict[str, Any]:
    """Return an agreement's edit page context."""
    out = partners.agreement_out(session, [agreement])[0]
    current = out.model_dump()
    current["partner_id"] = out.partner.id
    return {
        "a": out,
        "values": values if values is not None else current,
        "errors": errors,
        **_agreement_choices(session, principal),
    }


def practice_page(rows: list[PracticeDays], *, lang: str) -> dict[str, Any]:
    """Return the practice page's context: per-year totals and a chart, then per teacher."""
    totals: dict[int, int] = defaultdict(int)
    for r in rows:
        totals[r.year] += r.days
    years = sorted(totals)
    chart = (
        bar_chart(
            [str(y) for y in years],
            [
                Series(
                    name=translate("partnerships.practice.days", lang),
                    values=[totals[y] for y in years],
                )
            ],
            title=translate("partnerships.practice.title", lang),
        )
        if years
        else None
    )
    return {
        "rows": sorted(rows, key=lambda r: (-r.year, r.school_code, -r.days)),
        "chart": chart,
        "totals": sorted(totals.items(), reverse=True),
    }
