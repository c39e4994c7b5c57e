"""REST API of posting imports: ``POST /api/v1/postings/import`` (an HR clerk's CSV or XLSX)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile

from vocmatch.demand.imports import service as imports
from vocmatch.demand.schemas import ImportOut
from vocmatch.kit.deps import AuthenticatedDep, SessionDep, require
from vocmatch.kit.openapi import document_security
from vocmatch.kit.principal import Principal
from vocmatch.kit.responses import errors
from vocmatch.kit.tables import documented, download

ImporterDep = Annotated[Principal, Depends(require("admin", "platform", "enterprise"))]
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
    report = imports.run_import(
        session,
        principal=principal,
        data=file.file,
        filename=file.filename or "upload",
        dry_run=dry_run,
        mode=mode,
    )
    return report


@router.get(
    "/postings/import/template.xlsx",
    response_class=Response,
    responses={**documented("The import template"), **errors(401, 403)},
    summary="The postings import template (headers, an example row, notes)",
)
def import_template(principal: ImporterDep) -> Response:
    """An XLSX with the accepted columns (Chinese), an example row and a 说明 sheet."""
    return download(imports.template(), "用工需求导入模板.xlsx")


document_security(router)
