"""Posting use cases: create, change, close/delete, correct, read. Every write is matched and audited."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.catalogue.service import resolve_occupation
from vocmatch.demand import repository as repo
from vocmatch.demand.models import Posting
from vocmatch.demand.postings import bulk_write
from vocmatch.demand.postings.match_store import StoredMatch, match_postings, posting_text
from vocmatch.demand.postings.namespace import namespace_of
from vocmatch.demand.schemas import (
    Correction,
    PostingCreate,
    PostingFilter,
    PostingOut,
    PostingPatch,
)
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.db import utcnow
from vocmatch.kit.errors import Conflict, Forbidden, Invalid, NotFound
from vocmatch.kit.pagination import Page, int_cursor, page_of
from vocmatch.kit.principal import Principal

WRITERS = ("admin", "platform", "enterprise")
CORRECTORS = ("admin", "planner", "enterprise")
TEXT_FIELDS = ("title", "description", "skills")


def effective_status(p: Posting, today: date | None = None) -> str:
    """Return the status clients see: an open posting past its valid_until is ``expired``."""
    today = today or date.today()
    if p.status == "open" and p.valid_until is not None and p.valid_until < today:
        return "expired"
    return p.status


def to_out(p: Posting) -> PostingOut:
    """Return the client view of a posting (the correction wins)."""
    return PostingOut(
        id=p.id,
        enterprise_id=p.enterprise_id,
        source=p.source,
        external_id=p.external_id,
        title=p.title,
        description=p.description,
        skills=list(p.skills or []),
        headcount=p.headcount,
        education=p.education,
        type=p.type,
        location=p.location,
        salary_min=p.salary_min,
        salary_max=p.salary_max,
        valid_from=p.valid_from,
        valid_until=p.valid_until,
        status=effective_status(p),
        deleted=p.deleted_at is not None,
        chain=p.chain_override or p.chain,
        chain_score=None if p.chain_override else p.chain_score,
        chain_corrected=p.chain_override is not None,
        occupation_override=p.occupation_override,
        model_version=p.model_version,
        matched_at=p.matched_at,
        created_at=p.created_at,
        updated_at=p.updated_at,
        deleted_at=p.deleted_at,
    )


def apply_match(p: Posting, m: StoredMatch) -> None:
    """Store a match result on ``p``."""
    p.chain = m.chain
    p.chain_score = m.chain_score
    p.match = m.match
    p.model_version = m.model_version
    p.matched_at = utcnow() if m.matched else None


INDEX_TOP = 5  # programmes per posting counted in demand reports


def ranked_programmes(
    match: dict[str, Any], occupation_override: str | None, linked: Sequence[str] = ()
) -> list[tuple[str, float]]:
    """Return the posting's programmes best first: those of a corrected occupation lead."""
    progs = [(str(x["code"]), float(x["score"])) for x in (match or {}).get("programmes", [])]
    if occupation_override:
        progs = [(c, 1.0) for c in linked] + [x for x in progs if x[0] not in linked]
    seen: set[str] = set()
    out = []
    for code, score in progs:
        if code not in seen:
            seen.add(code)
            out.append((code, score))
    return out


def index_rows(
    *,
    posting_id: int,
    enterprise_id: int,
    headcount: int,
    status: str,
    deleted: bool,
    type: str,
    valid_until: date | None,
    chain: str | None,
    programmes: Sequence[tuple[str, float]],
) -> list[dict[str, Any]]:
    """Return the programme-index rows of one posting (none unless it is open and not deleted)."""
    if deleted or status != "open":
        return []
    return [
        {
            "posting_id": posting_id,
            "programme_code": code,
            "rank": rank,
            "score": score,
            "enterprise_id": enterprise_id,
            "headcount": headcount,
            "chain": chain or "unmatched",
            "type": type,
            "valid_until": valid_until,
        }
        for rank, (code, score) in enumerate(programmes[:INDEX_TOP], start=1)
    ]


def index_programmes(session: Session, postings: list[Posting]) -> None:
    """Rebuild the programme index of ``postings`` from their match, correction and state."""
    linked: dict[str, list[str]] = {}
    rows: dict[int, list[dict[str, Any]]] = {}
    for p in postings:
        occ = p.occupation_override
        if occ and occ not in linked:
            linked[occ] = repo.programmes_of_occupation(session, occ)
        rows[p.id] = index_rows(
            posting_id=p.id,
            enterprise_id=p.enterprise_id,
            headcount=p.headcount,
            status=p.status,
            deleted=p.deleted_at is not None,
            type=p.type,
            valid_until=p.valid_until,
            chain=p.chain_override or p.chain,
            programmes=ranked_programmes(p.match, occ, linked.get(occ or "", [])),
        )
    bulk_write.replace_index(session, rows)


def _match_one(p: Posting) -> None:
    [m] = match_postings([(p.title, posting_text(p.description, p.skills or []))])
    apply_match(p, m)


def _enterprise_for_write(
    session: Session, principal: Principal, enterprise_id: int | None
) -> Enterprise:
    if principal.role not in WRITERS:
        raise Forbidden("planners read postings; they do not write them")
    if principal.role == "enterprise":
        if enterprise_id is not None:
            raise Invalid(
                "enterprise_id is set by the server for enterprise users",
                errors=[{"field": "enterprise_id", "message": "not allowed for enterprise users"}],
            )
        ent = session.get(Enterprise, principal.enterprise_id or -1)
        if ent is None or ent.status != "active":
            raise Forbidden(
                "your enterprise is awaiting approval by an administrator", key="problem.pending"
            )
        return ent
    if enterprise_id is None:
        raise Invalid(
            "enterprise_id is required", errors=[{"field": "enterprise_id", "message": "required"}]
        )
    ent = session.get(Enterprise, enterprise_id)
    if ent is None:
        raise Invalid(
            f"no enterprise with id {enterprise_id}",
            errors=[{"field": "enterprise_id", "message": "unknown enterprise"}],
        )
    return ent


def create_posting(
    session: Session, *, principal: Principal, data: PostingCreate, source: str = "api"
) -> Posting:
    """Create a posting, match it and audit it."""
    ent = _enterprise_for_write(session, principal, data.enterprise_id)
    external_id = data.external_id or f"{source}-{uuid.uuid4().hex[:16]}"
    namespace = namespace_of(principal)
    exists = session.scalar(
        select(Posting.id).where(
            Posting.source == source,
            Posting.namespace == namespace,
            Posting.external_id == external_id,
        )
    )
    if exists is not None:
        raise Conflict(
            f"a {source} posting with external_id {external_id!r} exists (id {exists})",
            errors=[{"field": "external_id", "message": "already used"}],
        )
    fields = data.model_dump(exclude={"enterprise_id", "external_id"})
    p = Posting(
        enterprise_id=ent.id,
        source=source,
        namespace=namespace,
        external_id=external_id,
        **fields,
    )
    _match_one(p)
    session.add(p)
    session.flush()
    index_programmes(session, [p])
    record(
        session,
        actor=principal.audit_name(),
        action="create",
        entity_type="posting",
        entity_id=p.id,
        detail={"title": p.title, "enterprise_id": ent.id, "source": source},
    )
    return p


def get_posting(session: Session, *, principal: Principal, posting_id: int) -> Posting:
    """Return a live posting visible to ``principal``, or NotFound."""
    p = repo.get_scoped(session, principal, posting_id)
    if p is None:
        raise NotFound(f"no posting with id {posting_id}")
    return p


def update_posting(
    session: Session, *, principal: Principal, posting_id: int, patch: PostingPatch
) -> Posting:
    """Change a posting's client fields; re-match when its text changed."""
    if principal.role not in WRITERS:
        raise Forbidden("planners read postings; they do not write them")
    p = get_posting(session, principal=principal, posting_id=posting_id)
    changes = {k: v for k, v in patch.model_dump(exclude_unset=True).items()}
    for f in ("title", "headcount", "education", "type", "status", "skills", "description"):
        if f in changes and changes[f] is None:
            raise Invalid(f"{f} cannot be null", errors=[{"field": f, "message": "cannot be null"}])
    merged = {
        "salary_min": changes.get("salary_min", p.salary_min),
        "salary_max": changes.get("salary_max", p.salary_max),
        "valid_from": changes.get("valid_from", p.valid_from),
        "valid_until": changes.get("valid_until", p.valid_until),
    }
    if (
        merged["salary_min"] is not None
        and merged["salary_max"] is not None
        and merged["salary_min"] > merged["salary_max"]
    ):
        raise Invalid("salary_min is greater than salary_max", errors=[{"field": "salary_min"}])
    if (
        merged["valid_from"]
        and merged["valid_until"]
        and merged["valid_from"] > merged["valid_until"]
    ):
        raise Invalid("valid_from is after valid_until", errors=[{"field": "valid_from"}])
    diff = {k: v for k, v in changes.items() if getattr(p, k) != v}
    if not diff:
        return p
    before = {k: getattr(p, k) for k in diff}
    for k, v in diff.items():
        setattr(p, k, v)
    if any(f in diff for f in TEXT_FIELDS):
        _match_one(p)
    p.updated_at = utcnow()
    session.flush()
    index_programmes(session, [p])
    record(
        session,
        actor=principal.audit_name(),
        action="update",
        entity_type="posting",
        entity_id=p.id,
        detail={"before": _plain(before), "after": _plain(diff)},
    )
    return p


def delete_posting(session: Session, *, principal: Principal, posting_id: int) -> Posting:
    """Soft-delete a posting: it leaves every list but stays in the sync feed as a tombstone."""
    if principal.role not in WRITERS:
        raise Forbidden("planners read postings; they do not delete them")
    p = get_posting(session, principal=principal, posting_id=posting_id)
    p.deleted_at = utcnow()
    p.updated_at = p.deleted_at
    session.flush()
    index_programmes(session, [p])
    record(
        session,
        actor=principal.audit_name(),
        action="delete",
        entity_type="posting",
        entity_id=p.id,
        detail={"title": p.title, "external_id": p.external_id},
    )
    return p


def correct_posting(
    session: Session, *, principal: Principal, posting_id: int, correction: Correction
) -> Posting:
    """Record a person's correction of chain and/or occupation; it wins in every read."""
    if principal.role not in CORRECTORS:
        raise Forbidden("corrections are made by people: admins, planners or the enterprise")
    p = get_posting(session, principal=principal, posting_id=posting_id)
    given = correction.model_dump(exclude_unset=True)
    if "occupation_code" in given and correction.occupation_code is not None:
        # A person names the occupation by its name or its code.
        code = resolve_occupation(session, text=correction.occupation_code)
        correction = correction.model_copy(update={"occupation_code": code})
    before = {"chain": p.chain_override, "occupation_code": p.occupation_override}
    if "chain" in given:
        p.chain_override = correction.chain
    if "occupation_code" in given:
        p.occupation_override = correction.occupation_code
    p.updated_at = utcnow()
    session.flush()
    index_programmes(session, [p])
    record(
        session,
        actor=principal.audit_name(),
        action="correct",
        entity_type="posting",
        entity_id=p.id,
        detail={
            "before": before,
            "after": {"chain": p.chain_override, "occupation_code": p.occupation_override},
            "model": {"chain": p.chain, "model_version": p.model_version},
            "note": correction.note,
        },
    )
    return p


def list_postings(
    session: Session,
    *,
    principal: Principal,
    filters: PostingFilter = repo.NO_FILTER,
    limit: int = 50,
    cursor: str | None = None,
) -> Page[PostingOut]:
    """Return the live postings visible to ``principal`` that pass ``filters``, newest first."""
    stmt = repo.posting_query(principal, filters)
    rows = repo.newest_first(session, stmt, before=int_cursor(cursor), limit=limit)
    return page_of(rows, limit=limit, key=lambda p: p.id, out=to_out)


def _plain(d: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v if isinstance(v, str | int | float | bool | list | None) else str(v)
        for k, v in d.items()
    }
