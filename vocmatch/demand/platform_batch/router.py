"""REST API of the HR platform's batch: ``PUT /api/v1/postings/batch`` (all or nothing, idempotent)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from vocmatch.demand.platform_batch import idempotency
from vocmatch.demand.platform_batch import service as platform_batch
from vocmatch.demand.schemas import BatchIn, BatchOut
from vocmatch.kit.deps import AuthenticatedDep, SessionDep
from vocmatch.kit.openapi import document_security
from vocmatch.kit.responses import errors

router = APIRouter(prefix="/api/v1", tags=["postings"])

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

    items: list[Any] = Field(min_length=1, max_length=platform_batch.MAX_ITEMS)

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
    out = platform_batch.upsert_batch(session, principal=principal, raw_items=payload.items)
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


document_security(router)
