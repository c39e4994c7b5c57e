"""REST API of the Bay Area partnership under ``/api/v1/partnerships``.

Roles (see ``scope.py``): admins see everything; planners their schools' agreements and activities
(another school's object is 404) and the shared partner directory; enterprise users read only the
activities involving their enterprise (no people, no files); the HR platform's client gets 403.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile
from fastapi.responses import FileResponse

from vocmatch.kit.deps import SessionDep, require
from vocmatch.kit.principal import Principal
from vocmatch.kit.responses import errors
from vocmatch.kit.schema import as_of_query
from vocmatch.kit.tables import documented, download
from vocmatch.partnerships import import_format, report, workbook
from vocmatch.partnerships import repository as repo
from vocmatch.partnerships.activities import service
from vocmatch.partnerships.coverage import service as coverage
from vocmatch.partnerships.evidence import service as evidence
from vocmatch.partnerships.partners import service as partners
from vocmatch.partnerships.schemas import (
    ActivityIn,
    ActivityOut,
    ActivityPatch,
    ActivityType,
    AgreementIn,
    AgreementOut,
    AgreementPatch,
    AgreementType,
    EvidenceOut,
    FeaturedGap,
    ImportResult,
    IndicatorValueOut,
    MatrixOut,
    PartnerIn,
    PartnerKind,
    PartnerOut,
    PartnerPatch,
    PartnerTimeline,
    PracticeDays,
    Region,
    Status,
    TypeYearCount,
)
from vocmatch.partnerships.scope import READERS, STAFF
from vocmatch.partnerships.year import report_as_of

router = APIRouter(prefix="/api/v1/partnerships", tags=["partnerships"])

Staff = Annotated[Principal, Depends(require(*STAFF))]
Reader = Annotated[Principal, Depends(require(*READERS))]
AsOf = Annotated[date | None, as_of_query("Date of the view (default: today)")]
READ = errors(401, 403, 404, 422)
WRITE = errors(401, 403, 404, 409, 422)


def _today(as_of: date | None) -> date:
    return as_of or date.today()


# --- partners ---------------------------------------------------------------------------------
@router.get("/partners", response_model=list[PartnerOut], responses=READ)
def list_partners(
    session: SessionDep,
    principal: Staff,
    q: Annotated[str | None, Query(max_length=100)] = None,
    kind: PartnerKind | None = None,
    region: Region | None = None,
) -> list[PartnerOut]:
    """List partners (Bay Area first): colleges, enterprises, alliances, groups."""
    return [
        partners.partner_out(session, p)
        for p in repo.list_partners(session, q=q, kind=kind, region=region)
    ]


@router.post("/partners", status_code=201, response_model=PartnerOut, responses=WRITE)
def create_partner(data: PartnerIn, session: SessionDep, principal: Staff) -> PartnerOut:
    """Add a partner to the shared directory."""
    return partners.partner_out(
        session, partners.create_partner(session, principal=principal, data=data)
    )


@router.get("/partners/{partner_id}", response_model=PartnerOut, responses=READ)
def get_partner(partner_id: int, session: SessionDep, principal: Staff) -> PartnerOut:
    """Get a partner."""
    return partners.partner_out(session, partners.get_partner(session, partner_id=partner_id))


@router.patch("/partners/{partner_id}", response_model=PartnerOut, responses=WRITE)
def update_partner(
    partner_id: int, data: PartnerPatch, session: SessionDep, principal: Staff
) -> PartnerOut:
    """Change a partner's fields."""
    partner = partners.update_partner(
        session, principal=principal, partner_id=partner_id, data=data
    )
    return partners.partner_out(session, partner)


@router.delete("/partners/{partner_id}", status_code=204, responses=WRITE)
def delete_partner(partner_id: int, session: SessionDep, principal: Staff) -> Response:
    """Delete a partner no agreement or activity names (administrators only)."""
    partners.delete_partner(session, principal=principal, partner_id=partner_id)
    return Response(status_code=204)


@router.get("/partners/{partner_id}/timeline", response_model=PartnerTimeline, responses=READ)
def partner_timeline(partner_id: int, session: SessionDep, principal: Staff) -> PartnerTimeline:
    """The partner's activities with the caller's schools, oldest first."""
    partner = partners.get_partner(session, partner_id=partner_id)
    found = coverage.partner_timelines(session, principal=principal, partner_id=partner.id)
    if found:
        return found[0]
    return PartnerTimeline(partner=partners.partner_ref(partner), entries=[])


# --- agreements -------------------------------------------------------------------------------
@router.get("/agreements", response_model=list[AgreementOut], responses=READ)
def list_agreements(
    session: SessionDep,
    principal: Staff,
    school_id: int | None = None,
    partner_id: int | None = None,
    type: AgreementType | None = None,
) -> list[AgreementOut]:
    """List the agreements of the caller's schools, newest first."""
    found = partners.list_agreements(
        session, principal=principal, school_id=school_id, partner_id=partner_id, type=type
    )
    return partners.agreement_out(session, found)


@router.post("/agreements", status_code=201, response_model=AgreementOut, responses=WRITE)
def create_agreement(data: AgreementIn, session: SessionDep, principal: Staff) -> AgreementOut:
    """Record an agreement between one of the caller's schools and a partner."""
    agreement = partners.create_agreement(session, principal=principal, data=data)
    return partners.agreement_out(session, [agreement])[0]


@router.get("/agreements/{agreement_id}", response_model=AgreementOut, responses=READ)
def get_agreement(agreement_id: int, session: SessionDep, principal: Staff) -> AgreementOut:
    """Get an agreement of one of the caller's schools."""
    agreement = partners.get_agreement(session, principal=principal, agreement_id=agreement_id)
    return partners.agreement_out(session, [agreement])[0]


@router.patch("/agreements/{agreement_id}", response_model=AgreementOut, responses=WRITE)
def update_agreement(
    agreement_id: int, data: AgreementPatch, session: SessionDep, principal: Staff
) -> AgreementOut:
    """Change an agreement of one of the caller's schools."""
    agreement = partners.update_agreement(
        session, principal=principal, agreement_id=agreement_id, data=data
    )
    return partners.agreement_out(session, [agreement])[0]


@router.delete("/agreements/{agreement_id}", status_code=204, responses=WRITE)
def delete_agreement(agreement_id: int, session: SessionDep, principal: Staff) -> Response:
    """Delete an agreement of one of the caller's schools."""
    partners.delete_agreement(session, principal=principal, agreement_id=agreement_id)
    return Response(status_code=204)


# --- activities -------------------------------------------------------------------------------
@router.get("/activities", response_model=list[ActivityOut], responses=READ)
def list_activities(
    session: SessionDep,
    principal: Reader,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    type: ActivityType | None = None,
    status: Status | None = None,
    school_id: int | None = None,
    partner_id: int | None = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> list[ActivityOut]:
    """List the activities the caller may see, newest first."""
    found = service.list_activities(
        session,
        principal=principal,
        year=year,
        type=type,
        status=status,
        school_id=school_id,
        partner_id=partner_id,
        limit=limit,
    )
    return service.activity_out(session, principal, found)


@router.post("/activities", status_code=201, response_model=ActivityOut, responses=WRITE)
def create_activity(data: ActivityIn, session: SessionDep, principal: Staff) -> ActivityOut:
    """Record an activity; a done ``teacher_practice`` also becomes the teacher's practice."""
    activity = service.create_activity(session, principal=principal, data=data)
    return service.activity_out(session, principal, [activity])[0]


@router.get("/activities/{activity_id}", response_model=ActivityOut, responses=READ)
def get_activity(activity_id: int, session: SessionDep, principal: Reader) -> ActivityOut:
    """Get an activity the caller may see."""
    activity = service.get_activity(session, principal=principal, activity_id=activity_id)
    return service.activity_out(session, principal, [activity])[0]


@router.patch("/activities/{activity_id}", response_model=ActivityOut, responses=WRITE)
def update_activity(
    activity_id: int, data: ActivityPatch, session: SessionDep, principal: Staff
) -> ActivityOut:
    """Change an activity (the result is validated whole; linked practice follows)."""
    activity = service.update_activity(
        session, principal=principal, activity_id=activity_id, data=data
    )
    return service.activity_out(session, principal, [activity])[0]


@router.delete("/activities/{activity_id}", status_code=204, responses=WRITE)
def delete_activity(activity_id: int, session: SessionDep, principal: Staff) -> Response:
    """Delete an activity, its evidence rows and its linked teacher practice."""
    service.delete_activity(session, principal=principal, activity_id=activity_id)
    return Response(status_code=204)


@router.post(
    "/activities/{activity_id}/evidence",
    status_code=201,
    response_model=EvidenceOut,
    responses=errors(401, 403, 404, 413, 415, 422),
)
def upload_evidence(
    activity_id: int,
    session: SessionDep,
    principal: Staff,
    file: Annotated[UploadFile, File(description="PDF, JPG, PNG, DOCX or XLSX")],
) -> EvidenceOut:
    """Attach an evidence file (size limit ``max_upload_bytes``; type checked from content)."""
    activity = service.writable_activity(session, principal, activity_id)
    blob = evidence.receive(file.file, file.filename or "")
    ev = evidence.attach(session, principal=principal, activity_id=activity.id, blob=blob)
    return service.evidence_out(ev)


@router.get(
    "/evidence/{evidence_id}",
    response_class=FileResponse,
    responses={200: {"description": "The file, as an attachment"}, **READ},
)
def download_evidence(evidence_id: int, session: SessionDep, principal: Staff) -> FileResponse:
    """Download an evidence file (always ``Content-Disposition: attachment``)."""
    ev, path = evidence.open_evidence(session, principal=principal, evidence_id=evidence_id)
    return FileResponse(path, media_type=ev.content_type, headers=evidence.download_headers(ev))


@router.delete("/evidence/{evidence_id}", status_code=204, responses=WRITE)
def delete_evidence(evidence_id: int, session: SessionDep, principal: Staff) -> Response:
    """Remove an evidence file from its activity."""
    evidence.delete_evidence(session, principal=principal, evidence_id=evidence_id)
    return Response(status_code=204)


# --- coverage, indicators, report -------------------------------------------------------------
@router.get("/matrix", response_model=MatrixOut, responses=READ)
def matrix(
    session: SessionDep,
    principal: Staff,
    as_of: AsOf = None,
    school_id: int | None = None,
    featured_only: bool = False,
) -> MatrixOut:
    """The programme × five-commons matrix (done / planned / missing) of the caller's offerings."""
    return coverage.five_commons_matrix(
        session,
        as_of=_today(as_of),
        principal=principal,
        school_id=school_id,
        featured_only=featured_only,
    )


@router.get("/gaps", response_model=list[FeaturedGap], responses=READ)
def gaps(session: SessionDep, principal: Staff, as_of: AsOf = None) -> list[FeaturedGap]:
    """What each featured programme still lacks: five commons, Bay Area partner, leading enterprise."""
    return coverage.featured_gaps(session, as_of=_today(as_of), principal=principal)


@router.get("/counts", response_model=list[TypeYearCount], responses=READ)
def counts(session: SessionDep, principal: Staff) -> list[TypeYearCount]:
    """Activities done and planned by year and type."""
    return coverage.counts_by_year_type(session, principal=principal)


@router.get("/practice", response_model=list[PracticeDays], responses=READ)
def practice(session: SessionDep, principal: Staff) -> list[PracticeDays]:
    """Teachers' Bay Area enterprise practice days per year (a roster view: audited)."""
    rows = coverage.practice_days(session, principal=principal)
    service.audit_roster_view(session, principal=principal, rows=len(rows), via="api")
    return rows


@router.get("/indicators", response_model=dict[str, IndicatorValueOut], responses=READ)
def indicators(
    session: SessionDep, principal: Staff, as_of: AsOf = None
) -> dict[str, IndicatorValueOut]:
    """The plan's partnership indicators for the district (see ``service.indicators``)."""
    return service.indicators(session, as_of=_today(as_of))


@router.get(
    "/report.xlsx",
    response_class=Response,
    responses={**documented("The year's partnership report for people"), **READ},
)
def year_report(
    session: SessionDep,
    principal: Staff,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    lang: Annotated[str, Query(pattern="^(zh|en)$")] = "zh",
) -> Response:
    """The year's partnership report for people as XLSX: sheet and column names in ``lang``,
    vocabulary in words, names instead of keys (audited as an export)."""
    year = year or date.today().year
    content = report.export_report(
        session, principal=principal, year=year, as_of=report_as_of(year), lang=lang
    )
    return download(content, f"partnership-report-{year}.xlsx")


@router.get(
    "/workbook.xlsx",
    response_class=Response,
    responses={**documented("The year's records in the import format"), **READ},
)
def import_workbook_download(
    session: SessionDep,
    principal: Staff,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Response:
    """The year's activities, the agreements and the partners in the import format (the
    ``activities``/``agreements``/``partners`` sheets with the data-file columns): edit it and
    ``POST /import`` it back (audited as an export)."""
    year = year or date.today().year
    content = import_format.export_workbook(session, principal=principal, year=year)
    return download(content, f"partnership-import-{year}.xlsx")


@router.post("/import", response_model=ImportResult, responses=errors(401, 403, 409, 413, 422))
def import_workbook(
    session: SessionDep,
    principal: Staff,
    file: Annotated[UploadFile, File(description="XLSX with partners/agreements/activities")],
) -> ImportResult:
    """Create or update partners, agreements and activities by key; all rows or none."""
    return workbook.import_workbook(session, principal=principal, content=file.file.read())
