"""School offerings: list, edit, partners, XLSX export and all-or-nothing XLSX import.

Admins see every school; planners only theirs (another school is a 404). Every write is audited.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from vocmatch.audit.service import delete_recorded, record
from vocmatch.kit.errors import Conflict, Forbidden, Invalid, NotFound
from vocmatch.kit.principal import Principal
from vocmatch.schools import repository as repo
from vocmatch.schools import xlsx
from vocmatch.schools.models import Offering, OfferingPartner, School
from vocmatch.schools.schemas import (
    ImportResult,
    ImportRow,
    OfferingIn,
    OfferingOut,
    OfferingPatch,
    PartnerIn,
    PartnerOut,
    SchoolOut,
)

FIELDS = (
    "intake_plan",
    "enrolled",
    "graduates_per_year",
    "key_demonstration",
    "characteristic",
    "provincial_quality",
    "since_year",
    "school_courses",
)


def _check(principal: Principal) -> None:
    if principal.role not in ("admin", "planner"):
        raise Forbidden("school offerings are for administrators and planners")


def list_schools(session: Session, *, principal: Principal) -> list[SchoolOut]:
    """Return the schools the caller may see."""
    _check(principal)
    ids = None if principal.is_admin else principal.school_ids
    return [SchoolOut.model_validate(s) for s in repo.schools(session, ids)]


def get_school(session: Session, *, principal: Principal, code: str) -> School:
    """Return the school with ``code`` if the caller may see it, else raise NotFound."""
    _check(principal)
    school = repo.school_by_code(session, code)
    if school is None or not principal.can_see_school(school.id):
        raise NotFound(f"no school {code!r} among yours")
    return school


def _offering(session: Session, principal: Principal, offering_id: int) -> tuple[Offering, School]:
    _check(principal)
    off = repo.offering(session, offering_id)
    if off is None or not principal.can_see_school(off.school_id):
        raise NotFound(f"no offering {offering_id} among your schools'")
    school = session.get(School, off.school_id)
    assert school is not None
    return off, school


def _out(session: Session, school: School, offerings: list[Offering]) -> list[OfferingOut]:
    names = repo.programme_names(session, {o.programme_code for o in offerings})
    partners: dict[int, list[PartnerOut]] = {}
    for p, e in repo.partners_of(session, [o.id for o in offerings]):
        partners.setdefault(p.offering_id, []).append(
            PartnerOut(
                id=p.id,
                enterprise_id=e.id,
                enterprise_name=e.name,
                is_leading=e.is_leading,
                kind=p.kind,
                since_year=p.since_year,
                notes=p.notes,
            )
        )
    return [
        OfferingOut(
            id=o.id,
            school_code=school.code,
            programme_code=o.programme_code,
            programme_name=names.get(o.programme_code, ""),
            year=o.year,
            partners=partners.get(o.id, []),
            **{f: getattr(o, f) for f in FIELDS},
        )
        for o in offerings
    ]


def list_offerings(
    session: Session, *, principal: Principal, code: str, year: int | None = None
) -> list[OfferingOut]:
    """Return a school's offerings (of ``year``) with their partners."""
    school = get_school(session, principal=principal, code=code)
    return _out(session, school, repo.offerings_of(session, school.id, year))


def _check_programme(session: Session, code: str, field: str = "programme_code") -> None:
    if not repo.programme_names(session, [code]):
        raise Invalid(
            f"{code} is not a 中职 programme code",
            errors=[{"field": field, "message": "unknown programme"}],
        )


def create_offering(
    session: Session, *, principal: Principal, code: str, data: OfferingIn
) -> OfferingOut:
    """Add a programme to a school's offerings for a year."""
    school = get_school(session, principal=principal, code=code)
    _check_programme(session, data.programme_code)
    if any(
        o.programme_code == data.programme_code
        for o in repo.offerings_of(session, school.id, data.year)
    ):
        raise Conflict(f"{school.code} already offers {data.programme_code} in {data.year}")
    off = Offering(school_id=school.id, **data.model_dump())
    session.add(off)
    session.flush()
    _audit(session, principal, "create", off, data.model_dump())
    return _out(session, school, [off])[0]


def update_offering(
    session: Session, *, principal: Principal, offering_id: int, patch: OfferingPatch
) -> OfferingOut:
    """Change an offering's figures or flags; return it."""
    off, school = _offering(session, principal, offering_id)
    changes = {k: v for k, v in patch.model_dump(exclude_unset=True).items() if v is not None}
    if "since_year" in patch.model_fields_set and patch.since_year is None:
        changes["since_year"] = None
    changes = {k: v for k, v in changes.items() if getattr(off, k) != v}
    for k, v in changes.items():
        setattr(off, k, v)
    session.flush()
    if changes:
        _audit(session, principal, "update", off, changes)
    return _out(session, school, [off])[0]


def delete_offering(session: Session, *, principal: Principal, offering_id: int) -> None:
    """Remove an offering (and its partners)."""
    off, _school = _offering(session, principal, offering_id)
    _audit(session, principal, "delete", off, {"programme_code": off.programme_code})
    session.delete(off)
    session.flush()


def add_partner(
    session: Session, *, principal: Principal, offering_id: int, data: PartnerIn
) -> PartnerOut:
    """Record an enterprise cooperating with an offering, and how."""
    off, _school = _offering(session, principal, offering_id)
    ent = repo.enterprise_by_name(session, data.enterprise_name.strip())
    if ent is None:
        raise Invalid(
            f"no enterprise named {data.enterprise_name!r}",
            errors=[{"field": "enterprise_name", "message": "unknown enterprise"}],
        )
    if any(
        p.enterprise_id == ent.id and p.kind == data.kind
        for p, _ in repo.partners_of(session, [off.id])
    ):
        raise Conflict(f"{ent.name} is already a {data.kind} partner of this offering")
    partner = OfferingPartner(
        offering_id=off.id,
        enterprise_id=ent.id,
        kind=data.kind,
        since_year=data.since_year,
        notes=data.notes,
    )
    session.add(partner)
    session.flush()
    record(
        session,
        actor=principal.audit_name(),
        action="create",
        entity_type="offering_partner",
        entity_id=partner.id,
        detail={"offering_id": off.id, "enterprise": ent.name, "kind": data.kind},
    )
    return PartnerOut(
        id=partner.id,
        enterprise_id=ent.id,
        enterprise_name=ent.name,
        is_leading=ent.is_leading,
        kind=partner.kind,
        since_year=partner.since_year,
        notes=partner.notes,
    )


def remove_partner(
    session: Session, *, principal: Principal, offering_id: int, partner_id: int
) -> None:
    """Remove a partner from an offering."""
    off, _school = _offering(session, principal, offering_id)
    partner = session.get(OfferingPartner, partner_id)
    if partner is None or partner.offering_id != off.id:
        raise NotFound(f"no partner {partner_id} on offering {offering_id}")
    delete_recorded(
        session,
        partner,
        actor=principal.audit_name(),
        entity_type="offering_partner",
        offering_id=off.id,
        enterprise_id=partner.enterprise_id,
    )


def export_offerings(
    session: Session,
    *,
    principal: Principal,
    code: str,
    year: int | None = None,
    lang: str = "zh",
) -> tuple[bytes, str]:
    """Return a school's offerings as XLSX in ``lang`` and a file name (the export is audited)."""
    rows = list_offerings(session, principal=principal, code=code, year=year)
    content = xlsx.write_offerings([r.model_dump() for r in rows], lang)
    record(
        session,
        actor=principal.audit_name(),
        action="export",
        entity_type="offering",
        entity_id=code,
        detail={"format": "xlsx", "rows": len(rows), "year": year},
    )
    return content, f"vocmatch-offerings-{code}{'-' + str(year) if year else ''}.xlsx"


def import_offerings(
    session: Session, *, principal: Principal, code: str, content: bytes, dry_run: bool
) -> ImportResult:
    """Preview or apply an offerings sheet for one school: all rows or none.

    Rows are matched on (programme code, year): new ones are created, others updated; offerings
    missing from the sheet are left alone. Any row with an error means nothing is written.
    """
    school = get_school(session, principal=principal, code=code)
    parsed = xlsx.read_offerings(content)
    known = repo.programme_names(session, {p.raw.get("programme_code", "") for p in parsed})
    existing = {(o.programme_code, o.year): o for o in repo.offerings_of(session, school.id)}
    seen: dict[tuple[str, int], int] = {}
    result = ImportResult(applied=False, rows=[])
    for p in parsed:
        errors = list(p.errors)
        data = p.data
        row = ImportRow(
            row=p.row,
            programme_code=str(p.raw.get("programme_code", "")),
            year=data.year if data else None,
            action="error",
        )
        if data is not None:
            if data.programme_code not in known:
                errors.append({"field": "programme_code", "message": "not a 中职 programme code"})
            key = (data.programme_code, data.year)
            if key in seen:
                errors.append(
                    {
                        "field": "programme_code",
                        "message": f"same programme and year as row {seen[key]}",
                    }
                )
            seen[key] = p.row
        if errors or data is None:
            row.errors = errors
            result.errors += 1
        else:
            old = existing.get((data.programme_code, data.year))
            new = data.model_dump(include=set(FIELDS))
            if old is None:
                row.action, row.changes = "create", new
                result.created += 1
            else:
                row.changes = {k: v for k, v in new.items() if getattr(old, k) != v}
                row.action = "update" if row.changes else "unchanged"
                result.updated += bool(row.changes)
                result.unchanged += not row.changes
        result.rows.append(row)

    def write() -> None:
        for row in result.rows:
            if row.action == "create":
                session.add(
                    Offering(
                        school_id=school.id,
                        programme_code=row.programme_code,
                        year=row.year,
                        **row.changes,
                    )
                )
            elif row.action == "update":
                off = existing[(row.programme_code, row.year or 0)]
                for k, v in row.changes.items():
                    setattr(off, k, v)

    return finish_import(
        session,
        principal=principal,
        result=result,
        dry_run=dry_run,
        write=write,
        entity_type="offering",
        entity_id=school.code,
    )


class _ImportRow(Protocol):
    @property
    def row(self) -> int: ...
    @property
    def errors(self) -> list[dict[str, str]]: ...


class _Import(Protocol):
    """What an offerings or destinations import result has."""

    applied: bool
    created: int
    updated: int
    errors: int

    @property
    def rows(self) -> Sequence[_ImportRow]: ...


R = TypeVar("R", bound=_Import)


def finish_import(
    session: Session,
    *,
    principal: Principal,
    result: R,
    dry_run: bool,
    write: Callable[[], None],
    entity_type: str,
    entity_id: str,
) -> R:
    """The end of a sheet import (offerings, destinations): a row with an error refuses the whole
    sheet (a preview shows the errors), a preview writes nothing; otherwise ``write``, then audit
    the counts."""
    if result.errors and not dry_run:
        raise Invalid(
            f"{result.errors} row(s) have errors; nothing was imported",
            errors=[
                {"field": f"row {r.row}.{e['field']}", "message": e["message"]}
                for r in result.rows
                for e in r.errors
            ],
        )
    if dry_run:
        return result
    write()
    session.flush()
    record(
        session,
        actor=principal.audit_name(),
        action="import",
        entity_type=entity_type,
        entity_id=entity_id,
        detail={"created": result.created, "updated": result.updated, "rows": len(result.rows)},
    )
    result.applied = True
    return result


def _audit(
    session: Session, principal: Principal, action: str, off: Offering, detail: dict[str, Any]
) -> None:
    record(
        session,
        actor=principal.audit_name(),
        action=action,
        entity_type="offering",
        entity_id=off.id,
        detail={
            "school_id": off.school_id,
            "programme_code": off.programme_code,
            "year": off.year,
            **detail,
        },
    )
