"""Dual-qualified pages: the dashboard, the roster, a teacher's record and the action list.

They call the same services as the API; rosters with names stay within the caller's schools.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from vocmatch.catalogue.service import resolve_programme
from vocmatch.kit.charts import Series, line_chart
from vocmatch.kit.deps import PAGE_CSRF, SessionDep, require
from vocmatch.kit.errors import Invalid
from vocmatch.kit.forms import error_line
from vocmatch.kit.i18n import translate
from vocmatch.kit.principal import Principal
from vocmatch.kit.render import current_lang, render
from vocmatch.teachers import repository
from vocmatch.teachers.district import load_district
from vocmatch.teachers.dual_qualified.rules import describe, load_rules, product_thresholds
from vocmatch.teachers.prose import prose_in
from vocmatch.teachers.roster import obligations
from vocmatch.teachers.roster import service as roster
from vocmatch.teachers.shares import service

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)
RosterDep = Annotated[Principal, Depends(require("admin", "planner"))]
OptDate = Annotated[date | None, Query()]


def _pct(v: float) -> str:
    return f"{v * 100:.1f}%"


def _helpers(request: Request) -> dict[str, Any]:
    """Template helpers: percentages and rule labels in the page's language."""
    lang = current_lang(request)
    rules = load_rules()
    labels = describe(rules)
    thresholds = product_thresholds(rules)

    def rule_label(rule_id: str) -> str:
        text = labels.get(rule_id)
        if text is None:
            return rule_id
        return (text[0].en if lang == "en" and text[0].en else text[0].zh) or rule_id

    def interpretation(rule_id: str) -> str:
        text = labels.get(rule_id)
        return text[1].lang(lang) if text is not None else ""

    def threshold(rule_id: str) -> str:
        text = thresholds.get(rule_id)
        return text.lang(lang) if text is not None else ""

    def prose(value: object) -> str:
        return prose_in(value, lang)

    return {
        "pct": _pct,
        "rule_label": rule_label,
        "interpretation": interpretation,
        "threshold": threshold,
        "prose": prose,
    }


def default_school(session: SessionDep, principal: Principal) -> str | None:
    if principal.is_admin or not principal.school_ids:
        return None
    mine = repository.schools(session, principal.school_ids)
    return mine[0].code if mine else None


@router.get("/teachers", response_class=HTMLResponse)
def dashboard(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    school: Annotated[str | None, Query(max_length=20)] = None,
    as_of: OptDate = None,
    chosen_date: OptDate = None,
) -> HTMLResponse:
    """A school's (or the district's) share, trend, projection and breakdowns."""
    day = as_of or date.today()
    code = school if school is not None else default_school(session, principal)
    code = code or None
    found = service.school_or_404(session, code) if code else None
    if chosen_date is not None and chosen_date <= day:
        chosen_date = None
    evaluated = service.evaluate_roster(
        session, as_of=day, school_ids=[found.id] if found else None
    )
    proj = service.project(evaluated, scope=code or "district", chosen_date=chosen_date)
    t = _translator(request)
    labels = [p.month for p in proj.history] + [p.month for p in proj.projection[1:]]
    n_hist = len(proj.history)
    actual: list[float | None] = [p.value * 100 if p.denominator else None for p in proj.history]
    actual += [None] * (len(labels) - n_hist)
    projected: list[float | None] = [None] * (n_hist - 1) + [p.value * 100 for p in proj.projection]
    chart = line_chart(
        labels,
        [
            Series(t("teachers.series.actual"), actual, colour="#0b5cad"),
            Series(t("teachers.series.projection"), projected, colour="#c77700", dashed=True),
        ],
        title=t("teachers.chart_title"),
        unit="%",
        target=proj.target * 100,
        target_label=t("teachers.target_line"),
        ymax=100,
    )
    context = {
        "schools": repository.schools(session),
        "school": found,
        "code": code or "",
        "as_of": day,
        "proj": proj,
        "chart": chart,
        "by_school": None if found else service.breakdown(session, evaluated, by="school"),
        "by_programme": service.breakdown(session, evaluated, by="programme"),
        "by_chain": service.breakdown(session, evaluated, by="chain"),
        "can_roster": roster.can_see_roster(principal, found.id) if found else principal.is_admin,
        "rules": load_rules(),
        **_helpers(request),
    }
    return render(request, "teachers/dashboard.html", context)


def _translator(request: Request) -> Any:
    lang = current_lang(request)
    return lambda key, **kw: translate(key, lang, **kw)


@router.get("/teachers/list", response_class=HTMLResponse)
def roster_page(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    school: Annotated[str | None, Query(max_length=20)] = None,
    programme: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    employment: Annotated[str | None, Query(max_length=20)] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    as_of: OptDate = None,
) -> HTMLResponse:
    """The roster with filters (names: audited); the programme by its name or its code (one
    that is unknown or fits several filters nothing and says why)."""
    day = as_of or date.today()
    programme_code, error = None, ""
    if programme and programme.strip():
        try:
            programme_code = resolve_programme(session, text=programme, field="programme")
        except Invalid as exc:
            error = error_line(exc, current_lang(request))[0]
    code = school if school is not None else default_school(session, principal)
    page = roster.list_teachers(
        session,
        principal=principal,
        as_of=day,
        school_code=code or None,
        programme_code=programme_code,
        employment=employment if employment in ("full_time", "part_time") else None,
        status=status or None,
        q=q or None,
        limit=1000,
    )
    allowed = roster.roster_school_ids(principal)
    context = {
        "page": page,
        "schools": repository.schools(session, allowed),
        "programmes": repository.programme_names(session),
        "filters": {
            "school": code or "",
            "programme": programme or "",
            "status": status or "",
            "employment": employment or "",
            "q": q or "",
        },
        "error": error,
        "as_of": day,
        **_helpers(request),
    }
    return render(request, "teachers/list.html", context)


def _school_day_page(
    template: str, build: Callable[[Session, Principal, date, str | None], dict[str, Any]]
) -> Callable[..., HTMLResponse]:
    """A page about one school (or every school the caller may see) on a day, with the school
    and date form (``_macros.school_day_head``); ``build(session, principal, day, school code)``
    gives its own part of the context."""

    def page(
        request: Request,
        session: SessionDep,
        principal: RosterDep,
        school: Annotated[str | None, Query(max_length=20)] = None,
        as_of: OptDate = None,
    ) -> HTMLResponse:
        day = as_of or date.today()
        code = school if school is not None else default_school(session, principal)
        context = {
            **build(session, principal, day, code or None),
            "schools": repository.schools(session, roster.roster_school_ids(principal)),
            "code": code or "",
            "as_of": day,
            **_helpers(request),
        }
        return render(request, template, context)

    page.__doc__ = build.__doc__
    return page


def _actions(session: Session, principal: Principal, day: date, code: str | None) -> dict[str, Any]:
    """The near-qualified list and the shortest plan to 50 %."""
    return {"plan": roster.action_plan(session, principal=principal, as_of=day, school_code=code)}


def _obligations(
    session: Session, principal: Principal, day: date, code: str | None
) -> dict[str, Any]:
    """Teachers overdue or due within a year for enterprise practice (names audited)."""
    out = obligations.obligation_list(session, principal=principal, as_of=day, school_code=code)
    return {"out": out}


for _path, _template, _build in (
    ("/teachers/actions", "teachers/actions.html", _actions),
    ("/teachers/obligations", "teachers/obligations.html", _obligations),
):
    router.add_api_route(
        _path,
        _school_day_page(_template, _build),
        response_class=HTMLResponse,
        name=_build.__name__.lstrip("_") + "_page",
    )


@router.get("/teachers/rules", response_class=HTMLResponse)
def rules_page(request: Request, principal: RosterDep) -> HTMLResponse:
    """The eligibility rule set the district selected, every interpretation marked as such."""
    rules = load_rules()
    district = load_district()
    return render(
        request,
        "teachers/rules.html",
        {
            "rules": rules,
            "out": service.rule_set(rules),
            "selected": district.dual_qualified_standard if district else "national",
            **_helpers(request),
        },
    )


# --- import --------------------------------------------------------------------------------------


@router.get("/teachers/{teacher_id:int}", response_class=HTMLResponse)
def teacher_page(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    teacher_id: int,
    as_of: OptDate = None,
) -> HTMLResponse:
    """A teacher's record and the explanation of the status (audited)."""
    day = as_of or date.today()
    out = roster.get_teacher(session, principal=principal, teacher_id=teacher_id, as_of=day)
    rules = load_rules()
    unchecked = [u for lvl in rules.chain(out.status.route) for u in lvl.unchecked]
    s = out.status
    facts = [*s.facts, *(f for m in s.missing for g in m.options for f in g.facts)]
    counted_practice = {f.record_id for f in facts if f.kind == "practice"}
    # In the window but not confirmed in the field (field_method): a button confirms each.
    unconfirmed = {
        (f.kind, f.record_id) for m in s.missing for g in m.options for f in g.unconfirmed
    }
    return render(
        request,
        "teachers/teacher.html",
        {
            "teacher": out,
            "s": s,
            "counted_practice": counted_practice,
            "unconfirmed": unconfirmed,
            "as_of": day,
            "rules": rules,
            "unchecked": unchecked,
            "error": request.query_params.get("error", ""),
            **_helpers(request),
        },
    )
