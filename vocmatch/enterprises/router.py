"""REST API of enterprises: list, register (duplicate detection), change, approve.

An enterprise's matches (`GET /enterprises/{id}/matches`) are served by
`vocmatch.demand.matches.router`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status
from sqlalchemy.orm import Session

from vocmatch.enterprises import changes, service
from vocmatch.enterprises.schemas import (
    ChangeOut,
    EnterpriseFilter,
    EnterpriseIn,
    EnterpriseOut,
    EnterprisePatch,
    IdentityChange,
)
from vocmatch.kit.deps import AdminDep, AuthenticatedDep, SessionDep
from vocmatch.kit.errors import Forbidden
from vocmatch.kit.openapi import document_security
from vocmatch.kit.pagination import Page
from vocmatch.kit.principal import Principal
from vocmatch.kit.responses import errors

router = APIRouter(prefix="/api/v1", tags=["enterprises"])
EnterpriseId = Annotated[int, Path(ge=1, description="Enterprise id")]


@router.get("/enterprises", response_model=Page[EnterpriseOut], responses=errors(401, 422, 429))
def list_enterprises(
    session: SessionDep,
    principal: AuthenticatedDep,
    filters: Annotated[EnterpriseFilter, Query()],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: str | None = None,
) -> Page[EnterpriseOut]:
    """List enterprises (an enterprise user sees only its own)."""
    return service.list_enterprises(
        session, principal=principal, filters=filters, limit=limit, cursor=cursor
    )


@router.post(
    "/enterprises",
    response_model=EnterpriseOut,
    status_code=status.HTTP_201_CREATED,
    responses={
        409: {
            "description": "Probably registered already: `errors[].candidate` names the enterprise "
            '("did you mean …"); resend with confirm_distinct=true if it is really another firm',
            "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            },
        },
        **errors(401, 403, 413, 422, 429),
    },
)
def create_enterprise(
    data: EnterpriseIn,
    session: SessionDep,
    principal: AuthenticatedDep,
    confirm_distinct: Annotated[
        bool, Query(description="Register although a similar name exists")
    ] = False,
) -> EnterpriseOut:
    """Register an enterprise (admin, platform). The credit code's check character is verified."""
    if principal.role not in ("admin", "platform"):
        raise Forbidden("enterprises register through the portal; admins and the platform here")
    ent = service.create_enterprise(
        session, principal=principal, data=data, confirm_distinct=confirm_distinct
    )
    return EnterpriseOut.model_validate(ent)


@router.get(
    "/enterprises/{enterprise_id}", response_model=EnterpriseOut, responses=errors(401, 404, 429)
)
def get_enterprise(
    enterprise_id: EnterpriseId, session: SessionDep, principal: AuthenticatedDep
) -> EnterpriseOut:
    """Get an enterprise (another tenant's is 404)."""
    return EnterpriseOut.model_validate(
        service.get_enterprise(session, principal=principal, enterprise_id=enterprise_id)
    )


@router.patch(
    "/enterprises/{enterprise_id}",
    response_model=EnterpriseOut,
    responses=errors(401, 403, 404, 409, 413, 422, 429),
)
def patch_enterprise(
    enterprise_id: EnterpriseId,
    patch: EnterprisePatch,
    session: SessionDep,
    principal: AuthenticatedDep,
) -> EnterpriseOut:
    """Change an enterprise (admins; an enterprise user its own, except `is_leading`)."""
    return EnterpriseOut.model_validate(
        service.update_enterprise(
            session, principal=principal, enterprise_id=enterprise_id, patch=patch
        )
    )


@router.post(
    "/enterprises/{enterprise_id}/approve",
    response_model=EnterpriseOut,
    responses=errors(401, 403, 404, 429),
)
def approve_enterprise(
    enterprise_id: EnterpriseId, session: SessionDep, principal: AdminDep
) -> EnterpriseOut:
    """Approve a pending enterprise: its users may post from now on (admins)."""
    return _set_status(session, principal, enterprise_id, "active")


@router.post(
    "/enterprises/{enterprise_id}/reject",
    response_model=EnterpriseOut,
    responses=errors(401, 403, 404, 429),
)
def reject_enterprise(
    enterprise_id: EnterpriseId, session: SessionDep, principal: AdminDep
) -> EnterpriseOut:
    """Reject a pending enterprise (admins)."""
    return _set_status(session, principal, enterprise_id, "rejected")


def _set_status(
    session: Session, principal: Principal, enterprise_id: int, to: str
) -> EnterpriseOut:
    ent = service.set_status(session, principal=principal, enterprise_id=enterprise_id, status=to)
    return EnterpriseOut.model_validate(ent)


@router.post(
    "/enterprises/{enterprise_id}/identity-changes",
    response_model=ChangeOut,
    status_code=status.HTTP_201_CREATED,
    responses=errors(401, 403, 404, 409, 413, 422, 429),
)
def request_identity_change(
    enterprise_id: EnterpriseId,
    data: IdentityChange,
    session: SessionDep,
    principal: AuthenticatedDep,
) -> ChangeOut:
    """Ask to change the name, short names, credit code or location kind (an enterprise user for
    its own enterprise; an administrator approves it before it applies)."""
    if principal.role not in ("admin", "enterprise"):
        raise Forbidden("only an enterprise's users (or administrators) ask for identity changes")
    ent = service.get_enterprise(session, principal=principal, enterprise_id=enterprise_id)
    return ChangeOut.model_validate(
        changes.request_change(session, principal=principal, enterprise=ent, data=data)
    )


@router.get(
    "/enterprise-changes", response_model=list[ChangeOut], responses=errors(401, 403, 422, 429)
)
def list_identity_changes(
    session: SessionDep,
    principal: AdminDep,
    status_: Annotated[
        str | None, Query(alias="status", pattern=r"^(pending|approved|rejected)$")
    ] = "pending",
) -> list[ChangeOut]:
    """Requested identity changes, oldest first (admins; pending ones by default)."""
    return [ChangeOut.model_validate(c) for c in changes.list_changes(session, status=status_)]


@router.post(
    "/enterprise-changes/{change_id}/{decision}",
    response_model=ChangeOut,
    responses=errors(401, 403, 404, 409, 422, 429),
)
def decide_identity_change(
    change_id: Annotated[int, Path(ge=1)],
    decision: Annotated[str, Path(pattern=r"^(approve|reject)$")],
    session: SessionDep,
    principal: AdminDep,
) -> ChangeOut:
    """Approve (apply) or reject a requested identity change (admins)."""
    return ChangeOut.model_validate(
        changes.decide(
            session, principal=principal, change_id=change_id, approve=decision == "approve"
        )
    )


document_security(router)
