"""Pages of the matcher: "Try matching" (/match) and a chain's programmes (/chains/{key}/programmes).

The Try page posts a plain form. Anonymous visitors need no CSRF token (the form changes
nothing); a logged-in visitor's form carries the session's token, checked like every form.
Anonymous use is rate-limited per IP address, like every route (``deps.get_principal``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from vocmatch.industries import placements
from vocmatch.industries import service as industries
from vocmatch.kit.config import get_settings
from vocmatch.kit.deps import PAGE_CSRF, PrincipalDep, SessionDep
from vocmatch.kit.errors import VocmatchError
from vocmatch.kit.render import render
from vocmatch.matching import highlight, service

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)

SCOPES = ("catalogue", "offered")


def _form_context(
    title: str = "", text: str = "", top_k: int = 10, scope: str = "catalogue", employer: str = ""
) -> dict:
    return {
        "form": {
            "title": title,
            "text": text,
            "top_k": top_k,
            "scope": scope,
            "employer": employer,
        },
        "result": None,
        "error": "",
        "limit": get_settings().match_text_limit,
        "title_pieces": [],
        "text_pieces": [],
    }


@router.get("/match", response_class=HTMLResponse)
def match_form(request: Request, principal: PrincipalDep) -> HTMLResponse:
    """The empty Try matching form."""
    return render(request, "matching/match.html", _form_context())


@router.post("/match", response_class=HTMLResponse)
def match_page(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    title: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    top_k: Annotated[int, Form(ge=1, le=50)] = 10,
    scope: Annotated[str, Form()] = "catalogue",
    employer: Annotated[str, Form(max_length=200)] = "",
) -> HTMLResponse:
    """Match the pasted posting and show chain, occupations and programmes with evidence."""
    scope = scope if scope in SCOPES else "catalogue"
    ctx = _form_context(title, text, top_k, scope, employer)
    if not title.strip() and not text.strip():
        ctx["error"] = "match.error.empty"
        return render(request, "matching/match.html", ctx, status_code=422)
    try:
        offered = service.offered_programme_codes(session) if scope == "offered" else None
        ctx["result"] = service.match_text(
            title=title,
            text=text,
            top_k=top_k,
            scope=scope,
            offered_codes=offered,
            employer=employer.strip() or None,
        )
        runtime = service.get_runtime()
    except VocmatchError as exc:
        ctx["error"] = exc.message
        return render(request, "matching/match.html", ctx, status_code=exc.status)
    removed = [(r.kind, r.text) for r in ctx["result"].title.removed] if ctx["result"].title else []
    ctx["title_pieces"] = highlight.pieces(runtime, title, 200, removed)
    ctx["text_pieces"] = highlight.pieces(runtime, text, get_settings().match_text_limit)
    ctx["truncated"] = len(text) > get_settings().match_text_limit
    return render(request, "matching/match.html", ctx)


@router.get("/chains/{key}/programmes", response_class=HTMLResponse)
def chain_programmes_page(
    key: str, request: Request, session: SessionDep, principal: PrincipalDep
) -> HTMLResponse:
    """The programmes mapped to a chain, with segment, score and whether a planner decided it."""
    rows = placements.programmes_of_chain(session, chain_key=key)
    chain = None if key == "none" else industries.get_chain(session, key=key)
    segments = {s.key: s for s in chain.segments} if chain else {}
    return render(
        request,
        "matching/chain_programmes.html",
        {"key": key, "chain": chain, "rows": rows, "segments": segments},
    )
