"""REST API of postings: the HR platform's batch and sync, portal/API CRUD, corrections, matches."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import (
    APIRouter,
    Body,
    File,
    Header,
    Path,
    Query,
    Request,
    Response,
    UploadFile,
    status,
)
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from vocmatch.demand import batch, idempotency, importer, matches, service, sync
from vocmatch.demand.schemas import (
    BatchIn,
    BatchOut,
    Correction,
    EnterpriseMatches,
    ImportOut,
    PostingCreate,
    PostingMatches,
    PostingOut,
    PostingPatch,
    ProgrammeDemand,
    SyncPage,
)
from vocmatch.kit.deps import AuthenticatedDep, SessionDep
from vocmatch.kit.openapi import document_security
from vocmatch.kit.responses import errors

router = APIRouter(prefix="/api/v1", tags=["postings"])

Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
PostingId = Annotated[int, Path(ge=1, description="Posting id")]
IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Any unique string (e.g. a UUID). Same key + same body replays the stored "
        "response; same key + another body is 422; a duplicate while the first is running is 409 "
        "(PostgreSQL; on SQLite it waits and replays). Kept for 48 h per client.",
    ),
]


class BatchBody(BaseModel):
    """The batch body, parsed loosely so every bad item can be reported at once (schema: BatchIn)."""

    model_config = ConfigDict(extra="forbid")

    items: list[Any] = Field(min_length=1, max_length=batch.MAX_ITEMS)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # Document the strict shape each item must have.
        return handler(BatchIn.__pydantic_core_schema__)


@router.put(
    "/postings/batch",
    response_model=BatchOut,
    responses={
        200: {"description": "Written (or replayed: header `Idempotent-Replayed: true`)"},
        **errors(401, 403, 409, 413, 422, 429),
        409: {
            "description": "A request with this Idempotency-Key is still running (retry later)",
            "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            },
        },
        422: {
            "description": "Nothing was written: every bad item is listed by index and field "
            "(or the Idempotency-Key was used with another body)",
            "content": {
                "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem"},
                    "example": {
                        "type": "about:blank",
                        "title": "Invalid input",
                        "status": 422,
                        "detail": "2 of 1000 items are invalid; nothing was written",
                        "errors": [
                            {
                                "index": 17,
                                "field": "headcount",
                                "message": "Input should be greater than or equal to 1",
                            },
                            {
                                "index": 503,
                                "field": "enterprise_credit_code",
                                "message": "invalid credit code: check character should be '1', got '2'",
                            },
                        ],
                    },
                }
            },
        },
    },
    summary="Upsert up to 1,000 postings (all or nothing, idempotent)",
)
def put_batch(
    payload: Annotated[BatchBody, Body()],
    request: Request,
    session: SessionDep,
    principal: AuthenticatedDep,
    idempotency_key: IdempotencyKeyHeader = None,
) -> Any:
    """Upsert postings by (source ``api``, ``external_id``) in one transaction.

    Enterprises are named by `enterprise_credit_code` and/or `enterprise_name`; names nobody
    registered become **pending** enterprises, listed in `pending_enterprises`. A bad item fails the
    whole batch with 422 and `errors: [{index, field, message}]` for every problem. Roles: platform,
    admin.
    """
    raw = payload.model_dump()
    key_hash = idempotency.body_hash(raw)
    method, path = request.method, request.url.path
    if idempotency_key is not None:
        stored = idempotency.claim(
            session,
            principal=principal,
            key=idempotency_key,
            method=method,
            path=path,
            request_hash=key_hash,
        )
        if stored is not None:
            return JSONResponse(
                stored.body,
                status_code=stored.status_code,
                headers={idempotency.REPLAY_HEADER: "true"},
            )
    out = batch.upsert_batch(session, principal=principal, raw_items=payload.items)
    body = out.model_dump(mode="json")
    if idempotency_key is not None:
        idempotency.store(
            session,
            principal=principal,
            key=idempotency_key,
            method=method,
            path=path,
            request_hash=key_hash,
            status_code=200,
            body=body,
        )
    return JSONResponse(body, status_code=200)


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


@router.get(
    "/postings/{posting_id}/matches",
    response_model=PostingMatches,
    responses=errors(401, 404, 429),
)
def posting_matches(
    posting_id: PostingId, session: SessionDep, principal: AuthenticatedDep
) -> PostingMatches:
    """The posting's chain, occupations and programmes, with the schools offering each programme."""
    return matches.posting_matches(session, principal=principal, posting_id=posting_id)


@router.get(
    "/programmes/{code}/demand",
    response_model=ProgrammeDemand,
    responses=errors(401, 403, 404, 422, 429),
    tags=["postings", "catalogue"],
)
def programme_demand(
    code: Annotated[str, Path(pattern=r"^\d{6}$", examples=["660103"])],
    session: SessionDep,
    principal: AuthenticatedDep,
) -> ProgrammeDemand:
    """Open demand this programme can supply: postings, headcount by chain and type, graduates."""
    return matches.programme_demand(session, principal=principal, code=code)


@router.post(
    "/postings/import",
    response_model=ImportOut,
    responses=errors(401, 403, 413, 422, 429),
    summary="Import postings from an HR clerk's CSV or XLSX (dry run by default)",
)
def import_postings(
    file: Annotated[UploadFile, File(description="CSV (UTF-8, UTF-8-BOM, GB18030) or XLSX")],
    session: SessionDep,
    principal: AuthenticatedDep,
    dry_run: Annotated[bool, Query(description="Only check and preview; write nothing")] = True,
    mode: Annotated[
        Literal["all", "valid_only"],
        Query(description="all: write only if every row is valid; valid_only: skip bad rows"),
    ] = "all",
) -> ImportOut:
    """Check every row (errors by row and field), then — when `dry_run=false` — write them.

    Columns are recognised by their Chinese or English names (岗位名称/title, 招聘人数/headcount,
    企业名称, 统一社会信用代码, 学历要求, 需求类型, 工作地点, 薪资范围, 截止日期, …). Roles: admin,
    platform, enterprise (rows go to its own enterprise).
    """
    data = file.file.read()
    report = importer.run_import(
        session,
        principal=principal,
        data=data,
        filename=file.filename or "upload",
        dry_run=dry_run,
        mode=mode,
    )
    return ImportOut(**report.__dict__)


@router.get(
    "/enterprises/{enterprise_id}/matches",
    response_model=EnterpriseMatches,
    responses=errors(401, 404, 429),
    tags=["enterprises"],
)
def enterprise_matches(
    enterprise_id: Annotated[int, Path(ge=1, description="Enterprise id")],
    session: SessionDep,
    principal: AuthenticatedDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> EnterpriseMatches:
    """Programmes and schools that can supply the enterprise's open demand, with graduates/year."""
    return matches.enterprise_matches(
        session, principal=principal, enterprise_id=enterprise_id, limit=limit
    )


document_security(router)
