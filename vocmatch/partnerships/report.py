"""The year's partnership report as XLSX: matrix, what is missing, counts, activities, agreements,
partners and teachers' Bay Area practice. Every text cell goes through ``common.spreadsheet.neutralise``."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.i18n import translate
from vocmatch.kit.principal import Principal
from vocmatch.kit.spreadsheet import neutralise
from vocmatch.partnerships import repository as repo
from vocmatch.partnerships.activities import service
from vocmatch.partnerships.coverage import service as coverage
from vocmatch.partnerships.models import Agreement, Partner
from vocmatch.partnerships.scope import school_clause
from vocmatch.partnerships.vocab import FIVE_COMMONS
from vocmatch.partnerships.workbook import (
    ACTIVITY_COLUMNS,
    AGREEMENT_COLUMNS,
    PARTNER_COLUMNS,
)
from vocmatch.teachers.models import Teacher


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    ws = wb.create_sheet(title)
    ws.append([neutralise(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF2F6")
    for row in rows:
        ws.append([neutralise(v) for v in row])
    ws.freeze_panes = "A2"
    for i, h in enumerate(header, start=1):
        width = max([len(str(h))] + [len(str(r[i - 1])) for r in rows[:200] if i - 1 < len(r)])
        ws.column_dimensions[get_column_letter(i)].width = min(max(10, width * 1.3), 60)


def _join(values: list[Any]) -> str:
    return ";".join(str(v) for v in values)


def export_report(
    session: Session, *, principal: Principal, year: int, as_of: date, lang: str = "zh"
) -> bytes:
    """Return the year's partnership report (XLSX bytes) for the schools in scope, audited."""

    def t(key: str) -> str:
        return translate(key, lang)

    wb = Workbook()
    wb.remove(wb.active)
    acts = service.list_activities(session, principal=principal, year=year)
    acts.sort(key=lambda a: (a.date, a.key))
    ids = [a.id for a in acts]
    pids = repo.partner_ids_of(session, ids)
    partners = {p.id: p for p in session.scalars(select(Partner).order_by(Partner.key))}
    schools = {s.id: s for s in repo.schools(session)}
    teachers = repo.by_ids(session, Teacher, [a.teacher_id for a in acts])
    ents = {e.id: e for e in session.scalars(select(Enterprise))}
    files = repo.evidence_of(session, ids)

    matrix = coverage.five_commons_matrix(session, as_of=as_of, principal=principal)
    state = {s: t(f"partnerships.state.{s}") for s in ("done", "planned", "missing")}
    _sheet(
        wb,
        "matrix",
        [
            t("partnerships.col.school"),
            t("partnerships.col.programme_code"),
            t("partnerships.col.programme"),
        ]
        + [t("partnerships.col.featured")]
        + [t(f"partnerships.type.{c}") for c in FIVE_COMMONS]
        + [t("partnerships.col.done_of_5")],
        [
            [
                r.school_code,
                r.programme_code,
                r.programme_name,
                _join([t(f"partnerships.flag.{f}") for f in r.flags]),
            ]
            + [state[c.state] for c in r.cells]
            + [r.done]
            for r in matrix.rows
        ],
    )
    gaps = coverage.featured_gaps(session, as_of=as_of, principal=principal)
    _sheet(
        wb,
        "missing",
        [
            t("partnerships.col.school"),
            t("partnerships.col.programme_code"),
            t("partnerships.col.programme"),
            t("partnerships.col.featured"),
            t("partnerships.col.lacks"),
            t("partnerships.col.commons_missing"),
            t("partnerships.col.bay_area_partners"),
            t("partnerships.col.leading_enterprises"),
        ],
        [
            [
                g.school_code,
                g.programme_code,
                g.programme_name,
                _join([t(f"partnerships.flag.{f}") for f in g.flags]),
                _join([t(f"partnerships.lack.{k}") for k in g.lacks]),
                _join([t(f"partnerships.type.{c}") for c in g.five_commons_missing]),
                _join(g.bay_area_partners),
                _join(g.leading_enterprises),
            ]
            for g in gaps
        ],
    )
    counts = [
        c for c in coverage.counts_by_year_type(session, principal=principal) if c.year == year
    ]
    _sheet(
        wb,
        "counts",
        [
            "type",
            t("partnerships.col.type"),
            t("partnerships.state.done"),
            t("partnerships.state.planned"),
        ],
        [[c.type, t(f"partnerships.type.{c.type}"), c.done, c.planned] for c in counts],
    )
    _sheet(
        wb,
        "activities",
        [*ACTIVITY_COLUMNS, "evidence_files"],
        [
            [
                a.key,
                a.date,
                a.end_date,
                a.type,
                schools[a.school_id].code,
                _join(a.programmes),
                _join([partners[p].key for p in pids.get(a.id, [])]),
                a.status,
                a.title,
                _join(a.people),
                teachers[a.teacher_id].staff_no if a.teacher_id in teachers else "",
                ents[a.enterprise_id].name if a.enterprise_id in ents else "",
                a.days,
                a.hours,
                a.students,
                a.course,
                a.evidence_url,
                a.notes,
                _join([f.filename for f in files.get(a.id, [])]),
            ]
            for a in acts
        ],
    )
    agreements = repo.list_agreements(session, school_clause(principal, Agreement.school_id))
    _sheet(
        wb,
        "agreements",
        AGREEMENT_COLUMNS,
        [
            [
                ag.key,
                partners[ag.partner_id].key,
                schools[ag.school_id].code,
                ag.type,
                ag.title,
                ag.signed_on,
                ag.valid_until,
                _join(ag.programmes),
                ag.notes,
            ]
            for ag in agreements
        ],
    )
    _sheet(
        wb,
        "partners",
        PARTNER_COLUMNS,
        [
            [
                p.key,
                p.name,
                p.kind,
                p.region,
                p.city,
                ents[p.enterprise_id].name if p.enterprise_id in ents else "",
                p.website,
                p.notes,
            ]
            for p in partners.values()
        ],
    )
    practice = [r for r in coverage.practice_days(session, principal=principal) if r.year == year]
    _sheet(
        wb,
        "practice",
        [
            t("partnerships.col.teacher"),
            t("partnerships.col.school"),
            t("partnerships.col.days"),
            t("partnerships.col.periods"),
        ],
        [[r.teacher_name, r.school_code, r.days, r.periods] for r in practice],
    )
    buf = io.BytesIO()
    wb.save(buf)
    record(
        session,
        actor=principal.audit_name(),
        action="export",
        entity_type="partnership_report",
        entity_id=str(year),
        detail={"activities": len(acts), "agreements": len(agreements), "teachers": len(practice)},
    )
    return buf.getvalue()
