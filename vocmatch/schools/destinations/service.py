"""Graduate-destination records: list, write one, delete, XLSX export and all-or-nothing import.

Admins see every school; planners read and write their own schools' records (another school is a
404 or a row error). The district's yearly summary (graduates, employed, sent to the High-tech
Zone) is an aggregate every planner sees. Every write and export is audited.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.kit.errors import Forbidden, Invalid, NotFound
from vocmatch.kit.principal import Principal
from vocmatch.schools.destinations import repository as repo
from vocmatch.schools.destinations import xlsx
from vocmatch.schools.destinations.models import DESTINATIONS, EMPLOYED, STUDY, GraduateDestination
from vocmatch.schools.destinations.schemas import (
    DestinationIn,
    DestinationOut,
    ImportResult,
    ImportRow,
    YearSummary,
)
from vocmatch.schools.models import School
from vocmatch.schools.service import finish_import

FIELDS = ("graduates", *DESTINATIONS, "source", "note")


def _check(principal: Principal) -> None:
    if principal.role not in ("admin", "planner"):
        raise Forbidden("graduate destinations are for administrators and planners")


def _school(session: Session, principal: Principal, code: str) -> School:
    school = repo.schools_by_code(session).get(code)
    if school is None or not principal.can_see_school(school.id):
        raise NotFound(f"no school {code!r} among yours")
    return school


def _out(row: GraduateDestination, school_code: str, programme_name: str) -> DestinationOut:
    employed = sum(getattr(row, k) for k in EMPLOYED)
    return DestinationOut(
        id=row.id,
        school_code=school_code,
        programme_code=row.programme_code,
        programme_name=programme_name,
        year=row.year,
        employed=employed,
        employment_share=round(employed / row.graduates, 4) if row.graduates else None,
        **{k: getattr(row, k) for k in FIELDS},
    )


def _visible_ids(principal: Principal) -> set[int] | None:
    return None if principal.is_admin else set(principal.school_ids)


def list_destinations(
    session: Session,
    *,
    principal: Principal,
    school_code: str | None = None,
    year: int | None = None,
) -> list[DestinationOut]:
    """Return the records of the caller's schools (or of ``school_code``), newest year first."""
    _check(principal)
    ids = _visible_ids(principal)
    if school_code:
        ids = {_school(session, principal, school_code).id}
    return [_out(r, c, n) for r, c, n in repo.records(session, school_ids=ids, year=year)]


def put_destination(
    session: Session, *, principal: Principal, school_code: str, data: DestinationIn
) -> DestinationOut:
    """Create or replace the record of (school, programme, year); audited."""
    _check(principal)
    school = _school(session, principal, school_code)
    if not repo.programme_codes(session, [data.programme_code]):
        raise Invalid(
            f"{data.programme_code} is not a 中职 programme code",
            errors=[{"field": "programme_code", "message": "not a 中职 programme code"}],
        )
    row = repo.by_key(session, school.id, data.programme_code, data.year)
    action = "update" if row is not None else "create"
    if row is None:
        row = GraduateDestination(
            school_id=school.id, programme_code=data.programme_code, year=data.year
        )
        session.add(row)
    for k in FIELDS:
        setattr(row, k, getattr(data, k))
    session.flush()
    _audit(session, principal, action, school.code, data.model_dump())
    return _out(row, school.code, repo.programme_name(session, data.programme_code))


def delete_destination(session: Session, *, principal: Principal, destination_id: int) -> None:
    """Delete one record of the caller's schools; audited."""
    _check(principal)
    row = session.get(GraduateDestination, destination_id)
    if row is None or not principal.can_see_school(row.school_id):
        raise NotFound(f"no graduate-destination record {destination_id} among yours")
    school = session.get(School, row.school_id)
    detail = {"programme_code": row.programme_code, "year": row.year, "id": destination_id}
    session.delete(row)
    session.flush()
    _audit(session, principal, "delete", school.code if school else "", detail)


def summary(session: Session, *, principal: Principal) -> list[YearSummary]:
    """Return the district's recorded graduates per year and where they went (oldest first)."""
    _check(principal)
    by_year: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r, _c, _n in repo.records(session):
        y = by_year[r.year]
        y["records"] += 1
        y["graduates"] += r.graduates
        y["employed"] += sum(getattr(r, k) for k in EMPLOYED)
        y["employed_high_tech_zone"] += r.employed_high_tech_zone
        y["study"] += sum(getattr(r, k) for k in STUDY)
        y["other"] += r.other
    return [
        YearSummary(
            year=year,
            employment_share=round(v["employed"] / v["graduates"], 4) if v["graduates"] else None,
            **v,
        )
        for year, v in sorted(by_year.items())
    ]


def export_destinations(
    session: Session, *, principal: Principal, school_code: str | None = None, lang: str = "zh"
) -> tuple[bytes, str]:
    """Return the caller's records as XLSX in ``lang`` and a file name; the export is audited."""
    rows = list_destinations(session, principal=principal, school_code=school_code)
    content = xlsx.write_destinations([r.model_dump() for r in rows], lang)
    record(
        session,
        actor=principal.audit_name(),
        action="export",
        entity_type="graduate_destination",
        entity_id=school_code or "all",
        detail={"format": "xlsx", "rows": len(rows)},
    )
    return content, f"vocmatch-destinations-{school_code or 'all'}.xlsx"


def _row_result(
    session: Session, principal: Principal, parsed: xlsx.ParsedRow, schools: dict[str, School]
) -> tuple[ImportRow, dict[str, Any] | None, GraduateDestination | None, int]:
    errors = list(parsed.errors)
    data = parsed.data
    school = schools.get(parsed.school_code)
    if school is None or not principal.can_see_school(school.id):
        errors.append({"field": "school_code", "message": "unknown school or not yours"})
    row = ImportRow(
        row=parsed.row,
        school_code=parsed.school_code,
        programme_code=str(parsed.raw.get("programme_code", "")),
        year=data.year if data else None,
        action="error",
    )
    if errors or data is None or school is None:
        row.errors = errors
        return row, None, None, 0
    existing = repo.by_key(session, school.id, data.programme_code, data.year)
    values = {k: getattr(data, k) for k in FIELDS}
    if existing is None:
        row.action = "create"
    else:
        changed = any(getattr(existing, k) != v for k, v in values.items())
        row.action = "update" if changed else "unchanged"
    return row, values, existing, school.id


def import_destinations(
    session: Session, *, principal: Principal, content: bytes, dry_run: bool
) -> ImportResult:
    """Preview or apply a destinations sheet: every row is written, or none (any row error).

    Rows are matched on (school, programme, year): new ones are created, others replaced; records
    missing from the sheet are left alone. The import is audited.
    """
    _check(principal)
    parsed = xlsx.read_destinations(content)
    schools = repo.schools_by_code(session)
    known = repo.programme_codes(session, (p.raw.get("programme_code", "") for p in parsed))
    result = ImportResult(applied=False, rows=[])
    seen: dict[tuple[str, str, int], int] = {}
    writes: list[tuple[ImportRow, dict[str, Any], GraduateDestination | None, int]] = []
    for p in parsed:
        row, values, existing, school_id = _row_result(session, principal, p, schools)
        if values is not None and p.data is not None:
            key = (p.school_code, p.data.programme_code, p.data.year)
            if p.data.programme_code not in known:
                row.errors.append({"field": "programme_code", "message": "not a 中职 code"})
            if key in seen:
                row.errors.append({"field": "year", "message": f"same record as row {seen[key]}"})
            seen[key] = p.row
            if row.errors:
                row.action = "error"
            else:
                writes.append((row, values, existing, school_id))
        result.rows.append(row)
        counter = {"create": "created", "update": "updated", "unchanged": "unchanged"}
        attr = counter.get(row.action, "errors")
        setattr(result, attr, getattr(result, attr) + 1)

    def write() -> None:
        for row, values, existing, school_id in writes:
            if existing is None:
                session.add(
                    GraduateDestination(
                        school_id=school_id,
                        programme_code=row.programme_code,
                        year=row.year,
                        **values,
                    )
                )
            elif row.action == "update":
                for k, v in values.items():
                    setattr(existing, k, v)

    return finish_import(
        session,
        principal=principal,
        result=result,
        dry_run=dry_run,
        write=write,
        entity_type="graduate_destination",
        entity_id="xlsx",
    )


def _audit(
    session: Session, principal: Principal, action: str, school: str, detail: dict[str, Any]
) -> None:
    record(
        session,
        actor=principal.audit_name(),
        action=action,
        entity_type="graduate_destination",
        entity_id=school,
        detail=detail,
    )
