"""The partnership vocabulary: partner kinds, regions, agreement and activity types, the five commons."""

from __future__ import annotations

PARTNER_KINDS = ("college", "enterprise", "alliance", "group", "government")
REGIONS = ("bay_area", "ganzhou", "jiangxi", "other")
AGREEMENT_TYPES = (
    "pairing",  # 对口帮扶
    "joint_training",  # 联合培养
    "articulation",  # 中高职贯通 (e.g. 3+2)
    "training_base",  # 共建实训基地
    "order_class",  # 订单班
    "alliance_membership",  # 加入职教联盟/集团
)
# The five commons (五个共同) in the plan's order: plan, curriculum, syllabi, textbooks, evaluation.
FIVE_COMMONS = (
    "five_commons_plan",
    "five_commons_curriculum",
    "five_commons_syllabus",
    "five_commons_textbook",
    "five_commons_evaluation",
)
ACTIVITY_TYPES = (
    *FIVE_COMMONS,
    "teacher_practice",
    "technician_teaching",
    "student_internship",
    "exchange_visit",
    "alliance_meeting",
    "joint_enrolment",
)
STATUSES = ("planned", "done")
# Partner kinds that make a school a member of a vocational education group / alliance (职教集团).
GROUP_KINDS = ("alliance", "group")
# Activity types that are done jointly with someone, so they name at least one partner.
NEEDS_PARTNER = (*FIVE_COMMONS, "exchange_visit", "alliance_meeting", "joint_enrolment")
# Activity types that are about programmes, so they name at least one.
NEEDS_PROGRAMME = FIVE_COMMONS
# Offering flags that make a programme "featured" (重点示范 / 特色 / 省级优质).
FEATURED_FLAGS = ("key_demonstration", "characteristic", "provincial_quality")
