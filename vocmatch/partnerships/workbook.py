"""The partnership workbook: XLSX import of partners, agreements and activities, and cell safety.

The ``activities``, ``partners`` and ``agreements`` sheets use the data-file columns (the same as
``data/sample/*.csv``), so the import-format download (``import_format.py``) imports back
unchanged. Text cells that a spreadsheet would run as a formula (starting with ``= + - @``, a tab
or a carriage return) are written with a leading ``'``; the import removes exactly that prefix.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from openpyxl import load_workbook
from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.errors import Invalid, VocmatchError
from vocmatch.kit.principal import Principal
from vocmatch.kit.spreadsheet import restore
from vocmatch.partnerships import repository as repo
from vocmatch.partnerships.activities import service
from vocmatch.partnerships.checks import from_validation
from vocmatch.partnerships.loader import ActivityRow, AgreementRow, PartnerRow
from vocmatch.partnerships.models import Activity, Agreement, Partner
from vocmatch.partnerships.partners import service as partners
from vocmatch.partnerships.schemas import (
    ActivityIn,
    ActivityPatch,
    AgreementIn,
    AgreementPatch,
    ImportResult,
    PartnerIn,
    PartnerPatch,
)
from vocmatch.partnerships.scope import sees_school
from vocmatch.schools.models import School
from vocmatch.teachers.models import Teacher

MAX_ROWS = 5000


# --- import -----------------------------------------------------------------------------------
def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return restore(value.strip())
    return value


def _read_sheet(wb: Any, name: str, model: type[BaseModel]) -> list[tuple[int, Any]]:
    """Parse a sheet into ``(row number, model)``; raise Invalid naming sheet, row and field."""
    if name not in wb.sheetnames:
        return []
    rows = wb[name].iter_rows(values_only=True)
    header = [str(_cell(h)) for h in next(rows, ())]
    required = [n for n, f in model.model_fields.items() if f.is_required()]
    missing = [c for c in required if c not in header]
    if missing:
        raise Invalid(
            f"sheet '{name}', row 1: missing column(s) {', '.join(missing)}",
            errors=[{"field": f"{name}.{c}", "message": "missing column"} for c in missing],
        )
    out = []
    for n, raw in enumerate(rows, start=2):
        if n > MAX_ROWS + 1:
            raise Invalid(f"sheet '{name}': more than {MAX_ROWS} rows")
        values = {h: _cell(v) for h, v in zip(header, raw, strict=False) if h in model.model_fields}
        if not any(v not in ("", None) for v in values.values()):
            continue
        try:
            out.append((n, model.model_validate(values)))
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"])
            raise Invalid(
                f"sheet '{name}', row {n}, field '{field}': {err['msg']}",
                errors=[{"field": f"{name}[{n}].{field}", "message": err["msg"]}],
            ) from None
    return out


def _row_error(sheet: str, n: int, exc: VocmatchError) -> VocmatchError:
    exc.message = f"sheet '{sheet}', row {n}: {exc.message}"
    exc.errors = [{**e, "field": f"{sheet}[{n}].{e.get('field', '')}"} for e in exc.errors]
    exc.args = (exc.message,)
    return exc


def import_workbook(session: Session, *, principal: Principal, content: bytes) -> ImportResult:
    """Create or update partners, agreements and activities by key from an XLSX workbook.

    All rows are checked with the same rules as the API; any error names sheet, row and field and
    nothing is written (the caller's transaction rolls back). Returns counts per sheet.
    """
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a file that is not a workbook
        raise Invalid(
            "the file is not an XLSX workbook", errors=[{"field": "file", "message": "not XLSX"}]
        ) from None
    partner_rows = _read_sheet(wb, "partners", PartnerRow)
    agreement_rows = _read_sheet(wb, "agreements", AgreementRow)
    activity_rows = _read_sheet(wb, "activities", ActivityRow)
    if not (partner_rows or agreement_rows or activity_rows):
        raise Invalid(
            "no rows found: the workbook needs a 'partners', 'agreements' or 'activities' sheet",
            errors=[{"field": "file", "message": "no partnership sheets"}],
        )
    result = ImportResult(created={}, updated={}, unchanged={})

    def tally(sheet: str, outcome: str) -> None:
        bucket = getattr(result, outcome)
        bucket[sheet] = bucket.get(sheet, 0) + 1

    schools = {s.code: s for s in repo.schools(session)}
    ents = {e.name: e for e in session.scalars(select(Enterprise))}

    def school_of(sheet: str, n: int, code: str) -> School:
        school = schools.get(code)
        if school is None or not sees_school(principal, school.id):
            raise Invalid(
                f"sheet '{sheet}', row {n}, field 'school_code': unknown school, or not one of yours",
                errors=[
                    {"field": f"{sheet}[{n}].school_code", "message": "not one of your schools"}
                ],
            )
        return school

    def enterprise_of(sheet: str, n: int, name: str) -> int | None:
        if not name:
            return None
        if name not in ents:
            raise Invalid(
                f"sheet '{sheet}', row {n}, field 'enterprise_name': unknown enterprise {name!r}",
                errors=[
                    {"field": f"{sheet}[{n}].enterprise_name", "message": "unknown enterprise"}
                ],
            )
        return ents[name].id

    def partner_id(sheet: str, n: int, key: str, field: str = "partner_key") -> int:
        p = repo.partner_by_key(session, key)
        if p is None:
            raise Invalid(
                f"sheet '{sheet}', row {n}, field '{field}': unknown partner {key!r}",
                errors=[{"field": f"{sheet}[{n}].{field}", "message": "unknown partner"}],
            )
        return p.id

    def upsert_row(
        sheet: str, n: int, existing: Partner | Agreement | Activity | None, data: dict[str, Any]
    ) -> None:
        """Create the row's object or update the one with its key (an agreement or activity only
        of the caller's schools) and tally which; errors name the sheet, row and field."""
        writes = _WRITES[sheet]
        try:
            if existing is None:
                writes.create(session, principal=principal, data=writes.new(**data), **writes.extra)
                tally(sheet, "created")
                return
            if not isinstance(existing, Partner) and not sees_school(principal, existing.school_id):
                raise Invalid(
                    f"key: belongs to another school's {writes.what}",
                    errors=[{"field": "key", "message": f"another school's {writes.what}"}],
                )
            before = _snapshot(session, existing)
            writes.update(
                session,
                principal=principal,
                data=writes.patch(**{k: v for k, v in data.items() if k not in writes.kept}),
                **{writes.id_field: existing.id},
                **writes.extra,
            )
            changed = _snapshot(session, existing) != before
            tally(sheet, "updated" if changed else "unchanged")
        except ValidationError as exc:
            raise _row_error(sheet, n, from_validation(writes.what, exc)) from None
        except VocmatchError as exc:
            raise _row_error(sheet, n, exc) from None

    for n, p in partner_rows:
        data = {
            **p.model_dump(exclude={"enterprise_name"}),
            "enterprise_id": enterprise_of("partners", n, p.enterprise_name),
        }
        upsert_row("partners", n, repo.partner_by_key(session, p.key), data)

    for n, a in agreement_rows:
        data = {
            **a.model_dump(exclude={"partner_key", "school_code"}),
            "partner_id": partner_id("agreements", n, a.partner_key),
            "school_id": school_of("agreements", n, a.school_code).id,
        }
        upsert_row("agreements", n, repo.agreement_by_key(session, a.key), data)

    teachers = {t.staff_no: t for t in session.scalars(select(Teacher))}
    for n, act in activity_rows:
        school = school_of("activities", n, act.school_code)
        teacher = teachers.get(act.teacher_staff_no) if act.teacher_staff_no else None
        if act.teacher_staff_no and (teacher is None or teacher.school_id != school.id):
            raise Invalid(
                f"sheet 'activities', row {n}, field 'teacher_staff_no': not a teacher of {school.code}",
                errors=[
                    {"field": f"activities[{n}].teacher_staff_no", "message": "unknown teacher"}
                ],
            )
        data = {
            **act.model_dump(
                exclude={"school_code", "partner_keys", "teacher_staff_no", "enterprise_name"}
            ),
            "school_id": school.id,
            "partner_ids": [
                partner_id("activities", n, k, "partner_keys") for k in act.partner_keys
            ],
            "teacher_id": teacher.id if teacher else None,
            "enterprise_id": enterprise_of("activities", n, act.enterprise_name),
        }
        upsert_row("activities", n, repo.activity_by_key(session, act.key), data)
    record(
        session,
        actor=principal.audit_name(),
        action="import",
        entity_type="partnership_workbook",
        detail=result.model_dump(),
    )
    return result


@dataclass(frozen=True)
class _Writes:
    """How the rows of one sheet are written: input shapes and services (the API's own)."""

    what: str
    new: type[BaseModel]
    patch: type[BaseModel]
    create: Callable[..., object]
    update: Callable[..., object]
    id_field: str  # the update's id keyword
    kept: tuple[str, ...]  # what an update leaves as it is: the key, a school's object its school
    extra: dict[str, str] = field(default_factory=dict)


_WRITES = {
    "partners": _Writes(
        "partner",
        PartnerIn,
        PartnerPatch,
        partners.create_partner,
        partners.update_partner,
        "partner_id",
        ("key",),
    ),
    "agreements": _Writes(
        "agreement",
        AgreementIn,
        AgreementPatch,
        partners.create_agreement,
        partners.update_agreement,
        "agreement_id",
        ("key", "school_id"),
    ),
    "activities": _Writes(
        "activity",
        ActivityIn,
        ActivityPatch,
        service.create_activity,
        service.update_activity,
        "activity_id",
        ("key", "school_id"),
        {"source": "xlsx"},
    ),
}


def _snapshot(session: Session, obj: Partner | Agreement | Activity) -> dict[str, Any]:
    """Return the row's values (and an activity's partners) to tell updated from unchanged."""
    values = {c.key: getattr(obj, c.key) for c in obj.__table__.columns if c.key != "updated_at"}
    if isinstance(obj, Activity):
        values["partner_ids"] = sorted(repo.partner_ids_of(session, [obj.id]).get(obj.id, []))
    return values
