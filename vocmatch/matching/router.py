"""``POST /api/v1/match``: match a title and/or text to a chain, occupations and programmes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from vocmatch.kit.deps import PrincipalDep, SessionDep
from vocmatch.kit.errors import Invalid
from vocmatch.kit.responses import errors
from vocmatch.matching import service
from vocmatch.matching.schemas import MatchRequest, MatchResult

router = APIRouter(prefix="/api/v1", tags=["matching"])


def check_request(body: MatchRequest) -> None:
    """Refuse a request whose title and text are both empty (422 naming both fields)."""
    if not (body.title or "").strip() and not (body.text or "").strip():
        message = "give a title or a text (or both); both are empty"
        raise Invalid(
            message,
            errors=[
                {"field": "title", "message": "empty (title or text is required)"},
                {"field": "text", "message": "empty (title or text is required)"},
            ],
        )


@router.post(
    "/match",
    response_model=MatchResult,
    responses=errors(422, 429, 503),
    summary="Match a posting or title",
)
def match(body: MatchRequest, session: SessionDep, principal: PrincipalDep) -> Any:
    """Return the chain (or ``none``), each chain's score, the top occupations of the 2022
    classification and the top 中职 programmes, each with a calibrated score (0–1) and evidence;
    lists hold only entries that reach the model's calibrated threshold (`top_k` is a maximum).
    `title` says what was read as the job and what was removed around it (employer, 招聘, place,
    pay, perks, shifts, ids); `notes` flags a title too generic to tell the job.

    Open to anonymous callers (the "Try matching" page uses it); like every route, anonymous
    callers are rate-limited per IP address (`anonymous_rate_limit_per_minute`), keyed clients per
    key. Only the first `match_text_limit` characters of
    `text` are read (4000 by default); longer texts are truncated, not refused. `scope=offered`
    returns only programmes some school in the database offers.
    """
    check_request(body)
    offered = service.offered_programme_codes(session) if body.scope == "offered" else None
    # The plain dict: FastAPI validates it against MatchResult once, while serialising.
    [result] = service.match_dicts(
        [(body.title, body.text)],
        top_k=body.top_k,
        scope=body.scope,
        offered_codes=offered,
        employers=[[body.employer] if body.employer else []],
    )
    return result
