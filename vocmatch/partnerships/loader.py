"""Load partners, agreements and activities from the sample deployment."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.errors import DataFileError
from vocmatch.kit.fields import OptDate, OptInt, SemiList
from vocmatch.kit.files import display_path, read_csv
from vocmatch.kit.upsert import LoadCounts, upsert
from vocmatch.partnerships.activities.practice import sync_practice
from vocmatch.partnerships.models import Activity, Agreement, Partner, activity_partner
from vocmatch.partnerships.vocab import (
    ACTIVITY_TYPES,
    AGREEMENT_TYPES,
    PARTNER_KINDS,
    REGIONS,
)
from vocmatch.schools.models import School
from vocmatch.teachers.models import Teacher


class PartnerRow(BaseModel):
    key: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,60}$")
    name: str = Field(min_length=2)
    kind: str = Field(pattern="^(" + "|".join(PARTNER_KINDS) + ")$")
    region: str = Field(pattern="^(" + "|".join(REGIONS) + ")$")
    city: str = ""
    enterprise_name: str = ""
    website: str = Field(default="", pattern=r"^(https?://\S+)?$")
    notes: str = ""


class AgreementRow(BaseModel):
    key: str = Field(min_length=1, max_length=60)
    partner_key: str
    school_code: str
    type: str = Field(pattern="^(" + "|".join(AGREEMENT_TYPES) + ")$")
    title: str = Field(min_length=1)
    signed_on: OptDate = None
    valid_until: OptDate = None
    programmes: SemiList = Field(default_factory=list)
    notes: str = ""


class ActivityRow(BaseModel):
    key: str = Field(min_length=1, max_length=60)
    date: date
    end_date: OptDate = None
    type: str = Field(pattern="^(" + "|".join(ACTIVITY_TYPES) + ")$")
    school_code: str
    programmes: SemiList = Field(default_factory=list)
    partner_keys: SemiList = Field(default_factory=list)
    status: str = Field(pattern=r"^(planned|done)$")
    title: str = Field(min_length=1)
    people: SemiList = Field(default_factory=list)
    teacher_staff_no: str = ""
    enterprise_name: str = ""
    days: OptInt = None
    hours: OptInt = None
    students: OptInt = None
    course: str = ""
    evidence_url: str = Field(default="", pattern=r"^(https?://\S+)?$")
    notes: str = ""


class PartnershipFiles(BaseModel):
    partners: list[PartnerRow]
    agreements: list[AgreementRow]
    activities: list[ActivityRow]


def read_partnerships(
    sample_dir: Path,
    *,
    school_codes: set[str],
    enterprise_names: set[str],
    staff_nos: set[str],
    programme_codes: set[str],
) -> PartnershipFiles:
    """Parse the partnership files and check every reference."""
    files = PartnershipFiles(
        partners=read_csv(sample_dir / "partners.csv", PartnerRow),
        agreements=read_csv(sample_dir / "agreements.csv", AgreementRow),
        activities=read_csv(sample_dir / "activities.csv", ActivityRow),
    )
    keys = {p.key for p in files.partners}

    def fail(name: str, row: int, field: str, msg: str) -> DataFileError:
        return DataFileError(
            f"{display_path(sample_dir / name)}, row {row}, field '{field}': {msg}"
        )

    for i, p in enumerate(files.partners, start=2):
        if p.enterprise_name and p.enterprise_name not in enterprise_names:
            raise fail(
                "partners.csv", i, "enterprise_name", f"unknown enterprise {p.enterprise_name!r}"
            )
    for i, a in enumerate(files.agreements, start=2):
        if a.partner_key not in keys:
            raise fail("agreements.csv", i, "partner_key", f"unknown partner {a.partner_key!r}")
        if a.school_code not in school_codes:
            raise fail("agreements.csv", i, "school_code", f"unknown school {a.school_code!r}")
        bad = [c for c in a.programmes if c not in programme_codes]
        if bad:
            raise fail("agreements.csv", i, "programmes", f"unknown programme {bad[0]!r}")
    for i, act in enumerate(files.activities, start=2):
        if act.school_code not in school_codes:
            raise fail("activities.csv", i, "school_code", f"unknown school {act.school_code!r}")
        missing = [k for k in act.partner_keys if k not in keys]
        if missing:
            raise fail("activities.csv", i, "partner_keys", f"unknown partner {missing[0]!r}")
        if act.teacher_staff_no and act.teacher_staff_no not in staff_nos:
            raise fail(
                "activities.csv", i, "teacher_staff_no", f"unknown teacher {act.teacher_staff_no!r}"
            )
        if act.enterprise_name and act.enterprise_name not in enterprise_names:
            raise fail(
                "activities.csv",
                i,
                "enterprise_name",
                f"unknown enterprise {act.enterprise_name!r}",
            )
        bad = [c for c in act.programmes if c not in programme_codes]
        if bad:
            raise fail("activities.csv", i, "programmes", f"unknown programme {bad[0]!r}")
        if act.end_date is not None and act.end_date < act.date:
            raise fail("activities.csv", i, "end_date", "is before date")
        if act.type == "teacher_practice" and not (
            act.teacher_staff_no and act.enterprise_name and act.days
        ):
            raise fail(
                "activities.csv",
                i,
                "teacher_staff_no",
                "teacher_practice needs teacher_staff_no, enterprise_name and days",
            )
    return files


def write_partnerships(
    session: Session,
    files: PartnershipFiles,
    schools: dict[str, School],
    enterprises: dict[str, Enterprise],
    counts: LoadCounts,
) -> None:
    """Upsert partners, agreements and activities by key, and sync activity partners."""

    def firm(name: str) -> int | None:
        return enterprises[name].id if name else None

    partners = upsert(
        session,
        Partner,
        ["key"],
        (
            {**p.model_dump(exclude={"enterprise_name"}), "enterprise_id": firm(p.enterprise_name)}
            for p in files.partners
        ),
        counts,
    )
    pid = {k[0]: v.id for k, v in partners.items()}
    upsert(
        session,
        Agreement,
        ["key"],
        (
            {
                **a.model_dump(exclude={"partner_key", "school_code"}),
                "partner_id": pid[a.partner_key],
                "school_id": schools[a.school_code].id,
            }
            for a in files.agreements
        ),
        counts,
    )
    teachers = {t.staff_no: t.id for t in session.scalars(select(Teacher))}
    references = {"school_code", "partner_keys", "teacher_staff_no", "enterprise_name"}
    activities = upsert(
        session,
        Activity,
        ["key"],
        (
            {
                **act.model_dump(exclude=references),
                "school_id": schools[act.school_code].id,
                "teacher_id": teachers.get(act.teacher_staff_no),
                "enterprise_id": firm(act.enterprise_name),
            }
            for act in files.activities
        ),
        counts,
    )
    wanted = {(activities[(a.key,)].id, pid[k]) for a in files.activities for k in a.partner_keys}
    have = {(r.activity_id, r.partner_id) for r in session.execute(select(activity_partner))}
    for aid, p in sorted(wanted - have):
        session.execute(activity_partner.insert().values(activity_id=aid, partner_id=p))
    for aid, p in have - wanted:
        session.execute(
            activity_partner.delete().where(
                activity_partner.c.activity_id == aid, activity_partner.c.partner_id == p
            )
        )
    counts.add("activity_partner", len(wanted - have), 0, len(wanted & have), len(have - wanted))
    sync_all_practice(session, counts)


def sync_all_practice(session: Session, counts: LoadCounts) -> None:
    """Bring every teacher_practice activity's TeacherPractice row in step (one fact, two views).

    All such activities, not only the file's: the teacher loader replaces practice rows that are
    not in teacher_practice.csv, and rows of activities recorded in the app must come back.
    """
    outcomes: dict[str, int] = {}
    stmt = select(Activity).where(Activity.type == "teacher_practice").order_by(Activity.id)
    for activity in session.scalars(stmt):
        outcome = sync_practice(session, activity)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    counts.add(
        "teacher_practice (activities)",
        outcomes.get("created", 0),
        outcomes.get("updated", 0) + outcomes.get("adopted", 0),
        outcomes.get("unchanged", 0) + outcomes.get("none", 0),
        outcomes.get("deleted", 0),
    )
