"""What a year's partnership downloads hold: the year's activities with their partners, schools,
teachers, enterprises and evidence files, and the agreements in scope. Read once, written two
ways: the report for people (``report.py``) and the import format (``import_format.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.principal import Principal
from vocmatch.partnerships import repository as repo
from vocmatch.partnerships.activities import service
from vocmatch.partnerships.models import Activity, Agreement, Evidence, Partner
from vocmatch.partnerships.scope import school_clause
from vocmatch.schools.models import School
from vocmatch.teachers.models import Teacher


@dataclass
class YearRecords:
    """The records of one year's downloads, with the objects their ids name."""

    activities: list[Activity]
    partner_ids: dict[int, list[int]]
    partners: dict[int, Partner]
    schools: dict[int, School]
    teachers: dict[int, Teacher]
    enterprises: dict[int, Enterprise]
    files: dict[int, list[Evidence]]
    agreements: list[Agreement]

    def record_export(
        self, session: Session, *, principal: Principal, what: str, year: int, **counts: int
    ) -> None:
        """Audit the export of a year's download (``what``: its entity type) with the numbers
        of activities and agreements it holds, and ``counts``."""
        record(
            session,
            actor=principal.audit_name(),
            action="export",
            entity_type=what,
            entity_id=str(year),
            detail={
                "activities": len(self.activities),
                "agreements": len(self.agreements),
                **counts,
            },
        )

    def enterprise_name(self, enterprise_id: int | None) -> str:
        """The name of an enterprise, or "" when none is named."""
        e = self.enterprises.get(enterprise_id or 0)
        return e.name if e else ""


def year_records(session: Session, *, principal: Principal, year: int) -> YearRecords:
    """Return the year's activities (by date, then key) and the agreements of the caller's schools."""
    acts = service.list_activities(session, principal=principal, year=year)
    acts.sort(key=lambda a: (a.date, a.key))
    ids = [a.id for a in acts]
    return YearRecords(
        activities=acts,
        partner_ids=repo.partner_ids_of(session, ids),
        partners={p.id: p for p in session.scalars(select(Partner).order_by(Partner.key))},
        schools={s.id: s for s in repo.schools(session)},
        teachers=repo.by_ids(session, Teacher, [a.teacher_id for a in acts]),
        enterprises={e.id: e for e in session.scalars(select(Enterprise))},
        files=repo.evidence_of(session, ids),
        agreements=repo.list_agreements(session, school_clause(principal, Agreement.school_id)),
    )


def report_as_of(year: int) -> date:
    """Return the date a year's report describes: the year's end, or today for the current year."""
    return min(date(year, 12, 31), date.today())
