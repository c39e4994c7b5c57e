"""REST API of postings: the change feed, portal/API create, read, change, delete, correct."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Response, status

from vocmatch.demand.postings import service, sync
from vocmatch.demand.schemas import Correction, PostingCreate, PostingOut, PostingPatch, SyncPage
from vocmatch.kit.deps import AuthenticatedDep, SessionDep
from vocmatch.kit.openapi import document_security
from vocmatch.kit.responses import errors

router = APIRouter(prefix="/api/v1", tags=["postings"])

Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
PostingId = Annotated[int, Path(ge=1, description="Posting id")]


@router.get(
    "/postings",
    response_model=SyncPage,
    responses=errors(401, 422, 429),
    summary="Change feed: postings changed since a time or cursor (tombstones included)",
)
def list_changes(
    session: SessionDep,
    principal: AuthenticatedDep,
    updated_since: Annotated[
        datetime | None, Query(description="ISO 8601; first call of an incremental sync")
    ] = None,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    enterprise_id: Annotated[int | None, Query(ge=1)] = None,
    limit: Limit = 100,
) -> SyncPage:
    """Postings ordered by (updated_at, id), deleted ones as tombstones (`deleted: true`).

    Keep `next_cursor` and call again with it to receive later changes. Delivery is at least once
    (a change may come twice within a few seconds); apply items by `id`. Enterprise users see
    their own postings only.
    """
    return sync.changes(
        session,
        principal=principal,
        updated_since=updated_since,
        cursor=cursor,
        enterprise_id=enterprise_id,
        limit=limit,
    )


@router.post(
    "/postings",
    response_model=PostingOut,
    status_code=status.HTTP_201_CREATED,
    responses=errors(401, 403, 409, 413, 422, 429),
)
def create_posting(
    data: Annotated[
        PostingCreate,
        Body(
            openapi_examples={
                "enterprise": {
                    "summary": "An enterprise user (the owner is set by the server)",
                    "value": {"title": "数控车工", "headcount": 6, "type": "hire"},
                }
            }
        ),
    ],
    session: SessionDep,
    principal: AuthenticatedDep,
) -> PostingOut:
    """Create one posting; it is matched before it is stored. Roles: admin, platform, enterprise."""
    source = "portal" if principal.role == "enterprise" else "api"
    return service.to_out(
        service.create_posting(session, principal=principal, data=data, source=source)
    )


@router.get("/postings/{posting_id}", response_model=PostingOut, responses=errors(401, 404, 429))
def get_posting(
    posting_id: PostingId, session: SessionDep, principal: AuthenticatedDep
) -> PostingOut:
    """Get a live posting (another enterprise's posting is 404)."""
    return service.to_out(service.get_posting(session, principal=principal, posting_id=posting_id))


@router.patch(
    "/postings/{posting_id}",
    response_model=PostingOut,
    responses=errors(401, 403, 404, 413, 422, 429),
)
def patch_posting(
    posting_id: PostingId, patch: PostingPatch, session: SessionDep, principal: AuthenticatedDep
) -> PostingOut:
    """Change a posting (re-matched when title, description or skills change)."""
    return service.to_out(
        service.update_posting(session, principal=principal, posting_id=posting_id, patch=patch)
    )


@router.delete(
    "/postings/{posting_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(401, 403, 404, 429),
)
def delete_posting(
    posting_id: PostingId, session: SessionDep, principal: AuthenticatedDep
) -> Response:
    """Delete a posting (kept as a tombstone in the change feed)."""
    service.delete_posting(session, principal=principal, posting_id=posting_id)
    return Response(status_code=204)


@router.put(
    "/postings/{posting_id}/correction",
    response_model=PostingOut,
    responses=errors(401, 403, 404, 422, 429),
)
def correct_posting(
    posting_id: PostingId, correction: Correction, session: SessionDep, principal: AuthenticatedDep
) -> PostingOut:
    """Correct the chain and/or occupation (null clears); the correction wins and is audited."""
    return service.to_out(
        service.correct_posting(
            session, principal=principal, posting_id=posting_id, correction=correction
        )
    )


document_security(router)
