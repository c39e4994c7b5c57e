"""The privacy floor of share breakdowns: no group smaller than ``MIN_GROUP`` teachers is shown to
someone who may not see the teachers themselves.

A share of 1 of 1 (or 0 of 2) is a person's status. Administrators see every group; a planner sees
every group of the schools it is scoped to; everyone else — and planners for other schools, and
for programmes and chains, which cross schools — sees only groups of at least ``MIN_GROUP``.
Breakdowns by programme or chain are for administrators and planners only.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from vocmatch.kit.errors import Forbidden
from vocmatch.kit.principal import Principal
from vocmatch.teachers import repository as repo
from vocmatch.teachers.schemas import SharesOut

MIN_GROUP = 3


def check_breakdown_allowed(principal: Principal, by: str) -> None:
    """Refuse (403) a programme or chain breakdown to roles without rosters."""
    if by != "school" and principal.role not in ("admin", "planner"):
        raise Forbidden("shares by programme or chain are for administrators and planners")


def apply_floor(
    session: Session, out: SharesOut, *, principal: Principal, school_code: str | None
) -> SharesOut:
    """Return ``out`` without the groups ``principal`` may not see (a note says how many)."""
    if principal.is_admin:
        return out
    own_school_codes = {s.code for s in repo.schools(session) if s.id in principal.school_ids}
    planner_own = principal.role == "planner" and (
        school_code is not None and school_code in own_school_codes
    )

    def visible(key: str, size: int) -> bool:
        if size >= MIN_GROUP or planner_own:
            return True
        return principal.role == "planner" and out.by == "school" and key in own_school_codes

    kept = [g for g in out.groups if visible(g.key, g.denominator)]
    hidden = len(out.groups) - len(kept)
    if not hidden:
        return out
    note = (
        f"{hidden} group(s) with fewer than {MIN_GROUP} teachers are not shown "
        "(a share of so few teachers would reveal a person's status)."
    )
    return out.model_copy(update={"groups": kept, "note": f"{out.note} {note}".strip()})
