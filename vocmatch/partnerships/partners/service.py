"""Partners (the shared directory) and agreements (a school's, with a partner): CRUD, audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from vocmatch.audit.models import AuditEntry
from vocmatch.audit.service import add_created, delete_recorded
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.errors import Conflict, Forbidden, NotFound
from vocmatch.kit.principal import Principal
from vocmatch.partnerships import repository as repo
from vocmatch.partnerships.checks import (
    FieldErrors,
    check_programmes,
    invalid,
    new_key,
    update_audited,
)
from vocmatch.partnerships.models import Agreement, Partner
from vocmatch.partnerships.schemas import (
    AgreementIn,
    AgreementOut,
    AgreementPatch,
    PartnerIn,
    PartnerOut,
    PartnerPatch,
    PartnerRef,
)
from vocmatch.partnerships.scope import school_clause, sees_school
from vocmatch.schools.models import School


def partner_ref(p: Partner) -> PartnerRef:
    """Return a partner as other objects show it."""
    return PartnerRef(id=p.id, key=p.key, name=p.name, kind=p.kind, region=p.region)


# --- partners ---------------------------------------------------------------------------------
def partner_out(session: Session, partner: Partner) -> PartnerOut:
    """Return the API shape of a partner (with its enterprise's name)."""
    ent = session.get(Enterprise, partner.enterprise_id) if partner.enterprise_id else None
    return PartnerOut(
        **partner_ref(partner).model_dump(),
        city=partner.city,
        enterprise_id=partner.enterprise_id,
        enterprise_name=ent.name if ent else "",
        enterprise_is_leading=bool(ent and ent.is_leading),
        website=partner.website,
        notes=partner.notes,
    )


def get_partner(session: Session, *, partner_id: int) -> Partner:
    """Return a partner or raise NotFound (partners are a shared directory)."""
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFound(f"no partner with id {partner_id}")
    return partner


def _check_partner(session: Session, values: dict[str, Any], partner_id: int | None) -> None:
    errors: FieldErrors = []
    if values.get("enterprise_id") is not None and not session.get(
        Enterprise, values["enterprise_id"]
    ):
        errors.append(
            {"field": "enterprise_id", "message": "unknown enterprise", "type": "unknown"}
        )
    if values.get("kind") == "enterprise" and values.get("enterprise_id") is None:
        errors.append(
            {
                "field": "enterprise_id",
                "message": "an enterprise partner names its enterprise",
                "type": "required",
            }
        )
    if errors:
        raise invalid("partner", errors)
    other = repo.partner_by_key(session, values["key"])
    if other is not None and other.id != partner_id:
        raise Conflict(f"a partner with key {values['key']!r} already exists")


_Keyed = TypeVar("_Keyed", Partner, Agreement)
_ENTITY = {Partner: "partner", Agreement: "agreement"}


def _audited(
    how: Callable[..., AuditEntry], session: Session, principal: Principal, row: _Keyed, *shown: str
) -> _Keyed:
    """Add or delete a partner or an agreement (``how``: ``add_created``/``delete_recorded``);
    the audit entry shows its key and the ``shown`` fields."""
    how(
        session,
        row,
        actor=principal.audit_name(),
        entity_type=_ENTITY[type(row)],
        key=row.key,
        **{f: getattr(row, f) for f in shown},
    )
    return row


def create_partner(session: Session, *, principal: Principal, data: PartnerIn) -> Partner:
    """Create a partner and audit it."""
    values = data.model_dump()
    values["key"] = data.key or new_key("P")
    _check_partner(session, values, None)
    return _audited(add_created, session, principal, Partner(**values), "name", "kind")


def update_partner(
    session: Session, *, principal: Principal, partner_id: int, data: PartnerPatch
) -> Partner:
    """Change a partner and audit what changed."""
    partner = get_partner(session, partner_id=partner_id)
    values = {
        c: getattr(partner, c)
        for c in ("key", "name", "kind", "region", "city", "enterprise_id", "website", "notes")
    }
    values.update(data.model_dump(exclude_unset=True))
    _check_partner(session, values, partner.id)
    values.pop("key")
    update_audited(session, principal, partner, values)
    return partner


def delete_partner(session: Session, *, principal: Principal, partner_id: int) -> None:
    """Delete an unreferenced partner (admins only: the directory is shared by every school)."""
    if principal.role != "admin":
        raise Forbidden("only administrators delete partners; they are shared by every school")
    partner = get_partner(session, partner_id=partner_id)
    used = repo.partner_references(session, partner.id)
    if used:
        raise Conflict(
            f"partner {partner.key!r} is named by {used} agreement(s)/activity(ies)",
            key="partnerships.partner_in_use",
            params={"name": partner.name, "partner_key": partner.key, "n": used},
        )
    _audited(delete_recorded, session, principal, partner, "name")


# --- agreements -------------------------------------------------------------------------------
def agreement_out(session: Session, agreements: list[Agreement]) -> list[AgreementOut]:
    """Return the API shape of agreements."""
    partners = repo.partners_by_id(session, [a.partner_id for a in agreements])
    schools = repo.by_ids(session, School, [a.school_id for a in agreements])
    return [
        AgreementOut(
            id=a.id,
            key=a.key,
            partner=partner_ref(partners[a.partner_id]),
            school_id=a.school_id,
            school_code=schools[a.school_id].code,
            type=a.type,
            title=a.title,
            signed_on=a.signed_on,
            valid_until=a.valid_until,
            programmes=list(a.programmes),
            notes=a.notes,
        )
        for a in agreements
    ]


def list_agreements(
    session: Session,
    *,
    principal: Principal,
    school_id: int | None = None,
    partner_id: int | None = None,
    type: str | None = None,
) -> list[Agreement]:
    """Return the agreements of the schools ``principal`` may see."""
    where = school_clause(principal, Agreement.school_id)
    return repo.list_agreements(
        session, where, school_id=school_id, partner_id=partner_id, type=type
    )


def get_agreement(session: Session, *, principal: Principal, agreement_id: int) -> Agreement:
    """Return an agreement of one of the caller's schools, or raise NotFound."""
    agreement = session.get(Agreement, agreement_id)
    if agreement is None or not sees_school(principal, agreement.school_id):
        raise NotFound(f"no agreement with id {agreement_id}")
    return agreement


def _check_agreement(
    session: Session, principal: Principal, values: dict[str, Any], agreement_id: int | None
) -> None:
    errors: FieldErrors = []
    if not session.get(Partner, values["partner_id"]):
        errors.append({"field": "partner_id", "message": "unknown partner", "type": "unknown"})
    if not session.get(School, values["school_id"]) or not sees_school(
        principal, values["school_id"]
    ):
        errors.append(
            {
                "field": "school_id",
                "message": "unknown school, or not one of yours",
                "type": "not_yours",
            }
        )
    if (
        values["signed_on"]
        and values["valid_until"]
        and values["valid_until"] < values["signed_on"]
    ):
        errors.append({"field": "valid_until", "message": "is before signed_on", "type": "before"})
    check_programmes(session, values["programmes"], errors)
    if errors:
        raise invalid("agreement", errors)
    other = repo.agreement_by_key(session, values["key"])
    if other is not None and other.id != agreement_id:
        raise Conflict(f"an agreement with key {values['key']!r} already exists")


def create_agreement(session: Session, *, principal: Principal, data: AgreementIn) -> Agreement:
    """Create an agreement for one of the caller's schools and audit it."""
    values = data.model_dump()
    values["key"] = data.key or new_key("AG")
    values["programmes"] = list(dict.fromkeys(values["programmes"]))
    _check_agreement(session, principal, values, None)
    return _audited(add_created, session, principal, Agreement(**values), "type", "school_id")


def update_agreement(
    session: Session, *, principal: Principal, agreement_id: int, data: AgreementPatch
) -> Agreement:
    """Change an agreement of one of the caller's schools and audit what changed."""
    agreement = get_agreement(session, principal=principal, agreement_id=agreement_id)
    fields = ("key", "partner_id", "school_id", "type", "title", "signed_on", "valid_until")
    values = {c: getattr(agreement, c) for c in (*fields, "programmes", "notes")}
    values.update(data.model_dump(exclude_unset=True))
    values["programmes"] = list(dict.fromkeys(values["programmes"] or []))
    _check_agreement(session, principal, values, agreement.id)
    values.pop("key")
    update_audited(session, principal, agreement, values)
    return agreement


def delete_agreement(session: Session, *, principal: Principal, agreement_id: int) -> None:
    """Delete an agreement of one of the caller's schools and audit it."""
    agreement = get_agreement(session, principal=principal, agreement_id=agreement_id)
    _audited(delete_recorded, session, principal, agreement, "type", "title")
