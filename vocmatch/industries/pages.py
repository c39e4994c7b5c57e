"""Form handlers of the programme page's chain section: accept a proposal, withdraw a decision.

The page itself (``/programmes/{code}``) shows the placements; these redirect back to it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import RedirectResponse

from vocmatch.auth.principal import Principal
from vocmatch.deps import SessionDep, check_csrf, require
from vocmatch.industries import placements

router = APIRouter(include_in_schema=False)
PlannerPage = Annotated[Principal, Depends(require("admin", "planner"))]


@router.post("/programmes/{code}/chains/accept", response_model=None)
def accept(
    code: str,
    session: SessionDep,
    principal: PlannerPage,
    chain_key: Annotated[str, Form()],
    note: Annotated[str, Form(max_length=1000)] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Accept the model's proposal of ``chain_key`` for the programme (audited)."""
    check_csrf(principal, csrf_token)
    body = placements.AcceptIn(chain_key=chain_key, note=note)
    placements.accept_proposal(session, code=code, body=body, actor=principal.audit_name())
    return RedirectResponse(f"/programmes/{code}#chains", status_code=303)


@router.post("/programmes/{code}/chains/withdraw", response_model=None)
def withdraw(
    code: str,
    session: SessionDep,
    principal: PlannerPage,
    chain_key: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Withdraw a planner's acceptance or decision of ``chain_key`` (audited)."""
    check_csrf(principal, csrf_token)
    placements.withdraw(session, code=code, chain_key=chain_key, actor=principal.audit_name())
    return RedirectResponse(f"/programmes/{code}#chains", status_code=303)
