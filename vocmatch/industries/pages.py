"""HTML pages of the chains: the home page, a programme with the chains it feeds, and the form
handlers of its chain section (accept a model proposal, withdraw a decision; both audited)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from vocmatch.catalogue import service as catalogue
from vocmatch.industries import placements
from vocmatch.industries import service as industries
from vocmatch.kit.deps import PAGE_CSRF, PrincipalDep, SessionDep, require
from vocmatch.kit.principal import Principal
from vocmatch.kit.render import render

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)
PlannerPage = Annotated[Principal, Depends(require("admin", "planner"))]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, principal: PrincipalDep) -> HTMLResponse:
    """The four chains, their segments, and a catalogue search box."""
    return render(request, "home.html", {"chains": industries.list_chains(session)})


@router.get("/programmes/{code}", response_class=HTMLResponse)
def programme(
    code: str, request: Request, session: SessionDep, principal: PrincipalDep
) -> HTMLResponse:
    """One programme's profile, its linked occupations, the chains it feeds and the proposals."""
    p = catalogue.get_programme(session, code=code)
    chains = placements.get_programme_chains(session, code=code)
    return render(request, "programme.html", {"p": p, "chains": chains})


@router.post("/programmes/{code}/chains/accept", response_model=None)
def accept(
    code: str,
    session: SessionDep,
    principal: PlannerPage,
    chain_key: Annotated[str, Form()],
    note: Annotated[str, Form(max_length=1000)] = "",
) -> RedirectResponse:
    """Accept the model's proposal of ``chain_key`` for the programme (audited)."""
    body = placements.AcceptIn(chain_key=chain_key, note=note)
    placements.accept_proposal(session, code=code, body=body, actor=principal.audit_name())
    return RedirectResponse(f"/programmes/{code}#chains", status_code=303)


@router.post("/programmes/{code}/chains/withdraw", response_model=None)
def withdraw(
    code: str,
    session: SessionDep,
    principal: PlannerPage,
    chain_key: Annotated[str, Form()],
) -> RedirectResponse:
    """Withdraw a planner's acceptance or decision of ``chain_key`` (audited)."""
    placements.withdraw(session, code=code, chain_key=chain_key, actor=principal.audit_name())
    return RedirectResponse(f"/programmes/{code}#chains", status_code=303)
