"""The partnership import format as a download: the ``activities``, ``agreements`` and
``partners`` sheets with the data-file columns (keys, codes, vocabulary keys — the same as
``data/sample/*.csv``), so that a workbook edited and imported back changes only what was edited.
It is a file for the import, not a report: people read ``report.py``'s workbook."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from vocmatch.kit.principal import Principal
from vocmatch.kit.tables import Column, Sheet, to_xlsx
from vocmatch.partnerships.loader import ActivityRow, AgreementRow, PartnerRow
from vocmatch.partnerships.year import YearRecords, year_records

DATES = {"date", "end_date", "signed_on", "valid_until"}


def _columns(model: type[Any], extra: tuple[str, ...] = ()) -> list[Column]:
    return [
        Column(k, k, kind="date" if k in DATES else "text") for k in (*model.model_fields, *extra)
    ]


def _join(values: list[Any]) -> str:
    return ";".join(str(v) for v in values)


def sheets(data: YearRecords) -> list[Sheet]:
    """Return the three import sheets of a year's records (the activities with their files)."""
    partners, schools = data.partners, data.schools
    activities = Sheet(
        "activities",
        _columns(ActivityRow, ("evidence_files",)),
        [
            [
                a.key,
                a.date,
                a.end_date,
                a.type,
                schools[a.school_id].code,
                _join(a.programmes),
                _join([partners[p].key for p in data.partner_ids.get(a.id, [])]),
                a.status,
                a.title,
                _join(a.people),
                data.teachers[a.teacher_id].staff_no if a.teacher_id in data.teachers else "",
                data.enterprise_name(a.enterprise_id),
                a.days,
                a.hours,
                a.students,
                a.course,
                a.evidence_url,
                a.notes,
                _join([f.filename for f in data.files.get(a.id, [])]),
            ]
            for a in data.activities
        ],
    )
    agreements = Sheet(
        "agreements",
        _columns(AgreementRow),
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
            for ag in data.agreements
        ],
    )
    partner_sheet = Sheet(
        "partners",
        _columns(PartnerRow),
        [
            [
                p.key,
                p.name,
                p.kind,
                p.region,
                p.city,
                data.enterprise_name(p.enterprise_id),
                p.website,
                p.notes,
            ]
            for p in partners.values()
        ],
    )
    return [activities, agreements, partner_sheet]


def export_workbook(session: Session, *, principal: Principal, year: int) -> bytes:
    """Return the year's records in the import format (XLSX bytes), audited as an export."""
    data = year_records(session, principal=principal, year=year)
    content = to_xlsx(sheets(data))
    data.record_export(
        session,
        principal=principal,
        what="partnership_workbook",
        year=year,
        partners=len(data.partners),
    )
    return content
