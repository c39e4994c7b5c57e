"""REST API of posting imports: ``POST /api/v1/postings/import`` (an HR clerk's CSV or XLSX)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, UploadFile

from vocmatch.demand.imports import service as imports
from vocmatch.demand.schemas import ImportOut
from vocmatch.kit.deps import AuthenticatedDep, SessionDep
from vocmatch.kit.openapi import document_security
from vocmatch.kit.responses import errors

router = APIRouter(prefix="/api/v1", tags=["postings"])


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
    report = imports.run_import(
        session,
        principal=principal,
        data=data,
        filename=file.filename or "upload",
        dry_run=dry_run,
        mode=mode,
    )
    return ImportOut(**report.__dict__)


document_security(router)
