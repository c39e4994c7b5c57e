"""HTML pages of the chains: the home page and a programme with the chains it feeds."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from vocmatch.catalogue import service as catalogue
from vocmatch.industries import mapping
from vocmatch.industries import service as industries
from vocmatch.kit.deps import PrincipalDep, SessionDep
from vocmatch.kit.render import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, principal: PrincipalDep) -> HTMLResponse:
    """The four chains, their segments, and a catalogue search box."""
    return render(request, "home.html", {"chains": industries.list_chains(session)})


@router.get("/programmes/{code}", response_class=HTMLResponse)
def programme(
    code: str, request: Request, session: SessionDep, principal: PrincipalDep
) -> HTMLResponse:
    """One programme's profile, its linked occupations and the chains it feeds."""
    p = catalogue.get_programme(session, code=code)
    chains = mapping.get_programme_chains(session, code=code)
    return render(request, "programme.html", {"p": p, "chains": chains})
