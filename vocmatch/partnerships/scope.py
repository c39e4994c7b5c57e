"""Who may see which partnership objects: the one place the role rules live.

- ``admin``: everything.
- ``planner``: agreements and activities of their schools; other schools' objects are 404.
  Partners are a shared directory every planner reads and maintains (deleting one is admin-only).
- ``enterprise``: read-only, and only activities involving their enterprise (as the activity's
  enterprise or through a partner record of it), without people, teacher or evidence files.
- ``platform`` (the HR platform's machine client): nothing here; partnerships are not its business.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, or_, select, true

from vocmatch.kit.principal import Principal
from vocmatch.partnerships.models import Activity, Partner, activity_partner

STAFF = ("admin", "planner")
READERS = ("admin", "planner", "enterprise")


def school_clause(principal: Principal, column: Any) -> ColumnElement[bool]:
    """Return a WHERE clause keeping rows of schools ``principal`` may see."""
    if principal.role == "admin":
        return true()
    if principal.role == "planner":
        return column.in_(sorted(principal.school_ids) or [-1])
    return false()


def activity_clause(principal: Principal) -> ColumnElement[bool]:
    """Return a WHERE clause keeping the activities ``principal`` may see."""
    if principal.role == "enterprise" and principal.enterprise_id is not None:
        via_partner = (
            select(activity_partner.c.activity_id)
            .join(Partner, Partner.id == activity_partner.c.partner_id)
            .where(Partner.enterprise_id == principal.enterprise_id)
        )
        return or_(Activity.enterprise_id == principal.enterprise_id, Activity.id.in_(via_partner))
    return school_clause(principal, Activity.school_id)


def sees_school(principal: Principal, school_id: int) -> bool:
    """True when ``principal`` may see and change a school's partnership records."""
    return principal.role == "admin" or (
        principal.role == "planner" and principal.can_see_school(school_id)
    )


def sees_activity(principal: Principal, activity: Activity, partner_enterprises: set[int]) -> bool:
    """True when ``principal`` may read ``activity`` (``partner_enterprises``: of its partners)."""
    if principal.role == "enterprise":
        eid = principal.enterprise_id
        return eid is not None and (activity.enterprise_id == eid or eid in partner_enterprises)
    return sees_school(principal, activity.school_id)


def sees_people(principal: Principal, school_id: int) -> bool:
    """True when names of people (teachers, technicians) may be shown: staff of that school."""
    return sees_school(principal, school_id)
