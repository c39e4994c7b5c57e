"""Import every model so ``Base.metadata`` is complete (Alembic and tests use this)."""

import vocmatch.analytics.models  # noqa: F401  (the analytics' index on the posting table)
from vocmatch.accounts.models import ApiKey, User, WebSession, user_school
from vocmatch.audit.models import AuditEntry
from vocmatch.catalogue.models import Occupation, OccupationGroup, Programme, ProgrammeOccupation
from vocmatch.demand.models import IdempotencyKey, Posting, PostingProgramme, RematchJob
from vocmatch.enterprises.models import Enterprise, EnterpriseChange
from vocmatch.indicators.models import Designation, IndicatorValue, MilestoneRecord
from vocmatch.industries.models import Chain, ProgrammeChain, Segment, SkillTerm
from vocmatch.partnerships.models import Activity, Agreement, Evidence, Partner, activity_partner
from vocmatch.schools.capacity.models import SchoolCapacity
from vocmatch.schools.destinations.models import GraduateDestination
from vocmatch.schools.models import EnrolmentHistory, Offering, OfferingPartner
from vocmatch.teachers.models import (
    Teacher,
    TeacherAppointment,
    TeacherExperience,
    TeacherPractice,
    TeacherQualification,
    TeacherRecognition,
    TeacherVerification,
)

__all__ = [
    "Activity",
    "Agreement",
    "ApiKey",
    "AuditEntry",
    "Chain",
    "Designation",
    "EnrolmentHistory",
    "Enterprise",
    "EnterpriseChange",
    "Evidence",
    "GraduateDestination",
    "IdempotencyKey",
    "IndicatorValue",
    "MilestoneRecord",
    "Occupation",
    "OccupationGroup",
    "Offering",
    "OfferingPartner",
    "Partner",
    "Posting",
    "PostingProgramme",
    "Programme",
    "ProgrammeChain",
    "ProgrammeOccupation",
    "RematchJob",
    "SchoolCapacity",
    "Segment",
    "SkillTerm",
    "Teacher",
    "TeacherAppointment",
    "TeacherExperience",
    "TeacherPractice",
    "TeacherQualification",
    "TeacherRecognition",
    "TeacherVerification",
    "User",
    "WebSession",
    "activity_partner",
    "user_school",
]
