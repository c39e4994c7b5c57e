"""REST API of the HR platform's batch: ``PUT /api/v1/postings/batch`` (all or nothing, idempotent)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from pydantic import ConfigDict, Field, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from vocmatch.demand import idempotency
from vocmatch.demand.idempotency import IdempotencyKeyHeader
from vocmatch.demand.platform_batch import service as platform_batch
from vocmatch.demand.schemas import BatchIn, BatchOut
from vocmatch.kit.deps import AuthenticatedDep, SessionDep
from vocmatch.kit.openapi import document_security
from vocmatch.kit.responses import errors
from vocmatch.kit.schema import Input

router = APIRouter(prefix="/api/v1", tags=["postings"])


class BatchBody(Input):
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
        200: {
            "description": "Written (or replayed: header `Idempotent-Replayed: true`)",
            "headers": idempotency.REPLAY_HEADER_DOC,
        },
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
    return idempotency.replay_or_run(
        session,
        principal=principal,
        key=idempotency_key,
        method=request.method,
        path=request.url.path,
        payload=payload.model_dump(),
        status_code=200,
        work=lambda: platform_batch.upsert_batch(
            session, principal=principal, raw_items=payload.items
        ).model_dump(mode="json"),
    )


document_security(router)
