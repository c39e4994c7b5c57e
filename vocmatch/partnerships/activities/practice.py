"""One fact, two views: a ``teacher_practice`` activity is also the teacher's enterprise practice.

The dual-qualified rules read ``TeacherPractice``; the partnership reads ``Activity``. Whenever an
activity is written, :func:`sync_practice` makes the linked ``TeacherPractice`` row agree with it
in the same transaction. Only *done* practice counts: a planned one has not happened yet, so it
has no practice row (and loses it when set back to planned).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.enterprises.models import Enterprise
from vocmatch.partnerships.models import Activity
from vocmatch.teachers.models import TeacherPractice


def wants_practice(activity: Activity) -> bool:
    """True when ``activity`` should have a linked TeacherPractice row."""
    return (
        activity.type == "teacher_practice"
        and activity.status == "done"
        and activity.teacher_id is not None
        and activity.enterprise_id is not None
        and bool(activity.days)
    )


def linked_practice(session: Session, activity_id: int) -> TeacherPractice | None:
    """Return the TeacherPractice row linked to an activity, if any."""
    return session.scalar(select(TeacherPractice).where(TeacherPractice.activity_id == activity_id))


def _adoptable(session: Session, activity: Activity) -> TeacherPractice | None:
    """An unlinked row describing the same practice (e.g. loaded from teacher_practice.csv)."""
    return session.scalar(
        select(TeacherPractice)
        .where(
            TeacherPractice.activity_id.is_(None),
            TeacherPractice.teacher_id == activity.teacher_id,
            TeacherPractice.enterprise_id == activity.enterprise_id,
            TeacherPractice.start_date == activity.date,
        )
        .order_by(TeacherPractice.id)
        .limit(1)
    )


def sync_practice(session: Session, activity: Activity) -> str:
    """Create, update or delete the activity's TeacherPractice row; return what happened.

    Returns one of ``created``, ``adopted``, ``updated``, ``deleted``, ``unchanged``, ``none``.
    A row already on record for the same teacher, enterprise and start date is adopted (linked)
    rather than duplicated, so the practice is never counted twice. The row's ``content`` is kept
    when it has one (the teacher record's wording), otherwise it is the activity's title.
    """
    row = linked_practice(session, activity.id)
    if not wants_practice(activity):
        if row is None:
            return "none"
        session.delete(row)
        session.flush()
        return "deleted"
    enterprise = session.get(Enterprise, activity.enterprise_id)
    assert enterprise is not None and activity.teacher_id is not None and activity.days
    outcome = "updated"
    if row is None:
        row = _adoptable(session, activity)
        outcome = "adopted"
    if row is None:
        row = TeacherPractice(teacher_id=activity.teacher_id, content="")
        session.add(row)
        outcome = "created"
    end = activity.end_date
    if end is None:
        kept = row.end_date if outcome != "created" else None
        end = kept if kept is not None and kept >= activity.date else None
    if end is None:
        end = activity.date + timedelta(days=activity.days - 1)
    wanted = {
        "teacher_id": activity.teacher_id,
        "enterprise_id": enterprise.id,
        "enterprise_name": enterprise.name,
        "start_date": activity.date,
        "end_date": end,
        "days": activity.days,
        "bay_area": enterprise.location_kind == "bay_area",
        "content": row.content or activity.title,
        "activity_id": activity.id,
    }
    diff = {k: v for k, v in wanted.items() if getattr(row, k, None) != v}
    for k, v in diff.items():
        setattr(row, k, v)
    session.flush()
    if outcome == "updated" and not diff:
        return "unchanged"
    return outcome
