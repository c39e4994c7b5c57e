"""Preview and import a roster workbook: nothing is written unless every row is valid.

Teachers are matched by 工号; each imported teacher's dated records are made equal to the
workbook's (practice recorded as a partnership activity is kept); teachers absent from the workbook
are left alone; a masked ID number keeps the number on file.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.kit.errors import Invalid
from vocmatch.kit.principal import Principal
from vocmatch.teachers import repository as repo
from vocmatch.teachers.identity import id_card_hash, id_card_mask
from vocmatch.teachers.models import (
    Teacher,
    TeacherExperience,
    TeacherPractice,
    TeacherQualification,
    TeacherRecognition,
)
from vocmatch.teachers.records.workbook_format import (
    EXPERIENCE,
    PRACTICE,
    QUALIFICATIONS,
    RECOGNITIONS,
    TEACHERS,
    TITLE_LEVELS_BY_NAME,
)
from vocmatch.teachers.records.workbook_parse import Parsed, parse_workbook
from vocmatch.teachers.roster.service import roster_school
from vocmatch.teachers.schemas import (
    ExperienceIn,
    ImportPreview,
    PracticeIn,
    QualificationIn,
    RecognitionIn,
    TeacherIn,
)

SHEETS = [TEACHERS, QUALIFICATIONS, EXPERIENCE, PRACTICE, RECOGNITIONS]


def import_roster(
    session: Session, *, principal: Principal, school_code: str, content: bytes, commit: bool
) -> ImportPreview:
    """Check a roster workbook for a school; when ``commit`` and it has no errors, write it.

    Nothing is written when any row has an error (or when ``commit`` is false: the preview).
    """
    school = roster_school(session, principal, school_code)
    names = repo.programme_names(session)
    parsed = parse_workbook(content, school.code, names)
    staff_rows: dict[str, int] = {}
    for row, t in parsed.teachers:
        if t.staff_no in staff_rows:
            parsed.error(
                TEACHERS, row, "工号", f"{t.staff_no} is also on row {staff_rows[t.staff_no]}"
            )
        staff_rows.setdefault(t.staff_no, row)
        if t.programme_code and t.programme_code not in names:
            parsed.error(
                TEACHERS,
                row,
                "专业代码",
                f"{t.programme_code} is not a 中职 programme of the catalogue",
            )
    existing = repo.teacher_by_staff_no(session, list(staff_rows))
    for row, t in parsed.teachers:
        found = existing.get(t.staff_no)
        if found is not None and found.school_id != school.id:
            parsed.error(TEACHERS, row, "工号", f"{t.staff_no} belongs to another school")
        if t.staff_no in parsed.masked and (found is None or not found.id_card_hash):
            parsed.error(
                TEACHERS, row, "身份证号", "a masked number can only keep a number already on file"
            )
    for sheet, rows in (
        (QUALIFICATIONS, parsed.qualifications),
        (EXPERIENCE, parsed.experience),
        (PRACTICE, parsed.practice),
        (RECOGNITIONS, parsed.recognitions or []),
    ):
        for row, staff_no, _ in rows:
            if staff_no not in staff_rows:
                parsed.error(
                    sheet, row, "工号", f"{staff_no or '(empty)'} is not on the {TEACHERS} sheet"
                )
    parsed.errors.sort(
        key=lambda e: (
            SHEETS.index(e.sheet) if e.sheet in SHEETS else 9,
            e.row,
        )
    )
    created = [t.staff_no for _, t in parsed.teachers if t.staff_no not in existing]
    known = [t for _, t in parsed.teachers if t.staff_no in existing]
    counts = {
        "qualifications": len(parsed.qualifications),
        "experience": len(parsed.experience),
        "practice": len(parsed.practice),
        "recognitions": len(parsed.recognitions or []),
    }
    if parsed.errors or not commit:
        updated, unchanged = _would_update(session, known, existing, parsed)
        return ImportPreview(
            school_code=school.code,
            written=False,
            teachers_created=created,
            teachers_updated=updated,
            teachers_unchanged=unchanged,
            records=counts,
            errors=parsed.errors,
        )
    updated, unchanged = _write(session, school.id, parsed, existing)
    record(
        session,
        actor=principal.audit_name(),
        action="import",
        entity_type="teacher_roster",
        entity_id=school.code,
        detail={"created": created, "updated": updated, "records": counts},
    )
    return ImportPreview(
        school_code=school.code,
        written=True,
        teachers_created=created,
        teachers_updated=updated,
        teachers_unchanged=unchanged,
        records=counts,
        errors=[],
    )


_SCALARS = (
    "name", "gender", "birth_year", "programme_code", "subject_area", "employment", "hired_on",
    "left_on", "has_teacher_certificate", "teacher_certificate_no", "teacher_certificate_on",
    "practice_instructor", "post_type",
)  # fmt: skip


def _teacher_changes(t: Teacher, data: TeacherIn, masked: bool) -> dict[str, Any]:
    changes = {k: getattr(data, k) for k in _SCALARS if getattr(t, k) != getattr(data, k)}
    if not masked:
        new_hash = id_card_hash(data.id_card) if data.id_card else ""
        if new_hash != t.id_card_hash:
            changes["id_card_hash"] = new_hash
            changes["id_card_mask"] = id_card_mask(data.id_card) if data.id_card else ""
    return changes


def _q_key(q: TeacherQualification | QualificationIn) -> tuple[Any, ...]:
    level = q.level.strip()
    if q.kind != "skill_certificate":  # a title rank: 中级 (as exported) is intermediate
        level = TITLE_LEVELS_BY_NAME.get(level, level)
    return (q.kind, q.name, level, q.issuer, q.issued_on, q.field)


def _x_key(x: TeacherExperience | ExperienceIn) -> tuple[Any, ...]:
    return (x.employer, x.role, x.start_date, x.end_date)


def _p_key(p: TeacherPractice | PracticeIn) -> tuple[Any, ...]:
    return (p.enterprise_name, p.start_date, p.end_date, p.days)


def _r_key(r: TeacherRecognition | RecognitionIn) -> tuple[Any, ...]:
    return (r.level, r.recognised_on, r.issuer, r.document_no, r.evidence)


def _mine(counts: Counter[Any], teacher_id: int) -> Counter[Any]:
    return Counter({k: v for k, v in counts.items() if k[0] == teacher_id})


def _would_update(
    session: Session, known: list[TeacherIn], existing: dict[str, Teacher], parsed: Parsed
) -> tuple[list[str], list[str]]:
    updated: list[str] = []
    unchanged: list[str] = []
    ids = [existing[t.staff_no].id for t in known]
    have_q = Counter((q.teacher_id, _q_key(q)) for q in repo.qualifications(session, ids))
    have_x = Counter((x.teacher_id, _x_key(x)) for x in repo.experience(session, ids))
    have_p = Counter(
        (p.teacher_id, _p_key(p)) for p in repo.practice(session, ids) if p.activity_id is None
    )
    linked = Counter(
        (p.teacher_id, _p_key(p)) for p in repo.practice(session, ids) if p.activity_id is not None
    )
    have_r = Counter((r.teacher_id, _r_key(r)) for r in repo.recognitions(session, ids))
    for data in known:
        t = existing[data.staff_no]
        want_q = Counter(
            (t.id, _q_key(q)) for _, s, q in parsed.qualifications if s == data.staff_no
        )
        want_x = Counter((t.id, _x_key(x)) for _, s, x in parsed.experience if s == data.staff_no)
        want_p = Counter((t.id, _p_key(p)) for _, s, p in parsed.practice if s == data.staff_no)
        same = (
            not _teacher_changes(t, data, data.staff_no in parsed.masked)
            and _mine(have_q, t.id) == want_q
            and _mine(have_x, t.id) == want_x
            and _mine(have_p, t.id) == want_p - _mine(linked, t.id)
            and (
                parsed.recognitions is None
                or _mine(have_r, t.id)
                == Counter(
                    (t.id, _r_key(r)) for _, s, r in parsed.recognitions if s == data.staff_no
                )
            )
        )
        (unchanged if same else updated).append(data.staff_no)
    return updated, unchanged


def _write(
    session: Session, school_id: int, parsed: Parsed, existing: dict[str, Teacher]
) -> tuple[list[str], list[str]]:
    updated, unchanged = _would_update(
        session, [t for _, t in parsed.teachers if t.staff_no in existing], existing, parsed
    )
    ids: dict[str, int] = {}
    for _, data in parsed.teachers:
        t = existing.get(data.staff_no)
        source = (
            repo.enterprise_by_name(session, data.source_enterprise)
            if data.source_enterprise
            else None
        )
        if t is None:
            t = Teacher(
                school_id=school_id,
                staff_no=data.staff_no,
                id_card_hash=id_card_hash(data.id_card) if data.id_card else "",
                id_card_mask=id_card_mask(data.id_card) if data.id_card else "",
                **{k: getattr(data, k) for k in _SCALARS},
            )
            session.add(t)
        else:
            for k, v in _teacher_changes(t, data, data.staff_no in parsed.masked).items():
                setattr(t, k, v)
        t.source_enterprise_id = source.id if source else None
        session.flush()
        ids[data.staff_no] = t.id
    tids = list(ids.values())
    _sync(
        session,
        repo.qualifications(session, tids),
        [(ids[s], q) for _, s, q in parsed.qualifications],
        _q_key,
        lambda tid, q: TeacherQualification(teacher_id=tid, **q.model_dump()),
    )
    _sync(
        session,
        repo.experience(session, tids),
        [(ids[s], x) for _, s, x in parsed.experience],
        _x_key,
        lambda tid, x: TeacherExperience(teacher_id=tid, **x.model_dump()),
    )
    _sync(
        session,
        repo.practice(session, tids),
        [(ids[s], p) for _, s, p in parsed.practice],
        _p_key,
        lambda tid, p: _practice_row(session, tid, p),
    )
    if parsed.recognitions is not None:
        _sync(
            session,
            repo.recognitions(session, tids),
            [(ids[s], r) for _, s, r in parsed.recognitions],
            _r_key,
            lambda tid, r: TeacherRecognition(teacher_id=tid, **r.model_dump()),
        )
    session.flush()
    return updated, unchanged


def _practice_row(session: Session, teacher_id: int, p: PracticeIn) -> TeacherPractice:
    ent = repo.enterprise_by_name(session, p.enterprise_name)
    return TeacherPractice(
        teacher_id=teacher_id,
        enterprise_id=ent.id if ent else None,
        enterprise_name=p.enterprise_name,
        start_date=p.start_date,
        end_date=p.end_date,
        days=p.days,
        bay_area=p.bay_area
        if p.bay_area is not None
        else bool(ent and ent.location_kind == "bay_area"),
        content=p.content,
    )


def _sync(
    session: Session, have: list[Any], want: list[tuple[int, Any]], key: Any, make: Any
) -> None:
    """Make each teacher's rows equal to ``want`` by key (rows linked to an activity stay)."""
    pool: dict[tuple[Any, ...], list[Any]] = {}
    for row in have:
        pool.setdefault((row.teacher_id, key(row)), []).append(row)
    for tid, item in want:
        rows = pool.get((tid, key(item)))
        if rows:
            kept = rows.pop(0)
            if isinstance(kept, TeacherPractice):
                kept.content = item.content or kept.content
                if item.bay_area is not None:
                    kept.bay_area = item.bay_area
            continue
        session.add(make(tid, item))
    for rows in pool.values():
        for row in rows:
            if not getattr(row, "activity_id", None):
                session.delete(row)


def read_upload(content: bytes, limit: int) -> bytes:
    """Refuse an empty or oversized upload with a clear message."""
    if not content:
        raise Invalid("file: the upload is empty", errors=[{"field": "file", "message": "empty"}])
    if len(content) > limit:
        raise Invalid(
            f"file: larger than {limit} bytes", errors=[{"field": "file", "message": "too large"}]
        )
    return content
