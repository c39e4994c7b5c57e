"""Designation records: the kinds and levels, and the records that count on a day.

Below the domains that report them (partnerships, analytics): only these records count toward
the designation indicators — never a membership, an agreement or a flag on an offering.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.indicators.models import Designation

# What a designation is (UI names in i18n: ``ds.kind.<kind>``).
KINDS = (
    "vocational_education_group",  # 示范性职教集团（联盟）
    "industry_education_training_base",  # 产教融合型实训基地
    "quality_programme",  # 优质专业
    "featured_programme",  # 特色 / 优势专业、重点示范专业
    "quality_school",  # 优质中职学校
    "school_grade",  # 办学等级 / 建设标准（如江西省中等专业学校A档）
    "dual_qualified_training_base",  # “双师型”教师培养培训基地
    "teaching_innovation_team",  # 职业教育教师教学创新团队
    "teacher_practice_base",  # 教师培训与实践基地（与大中型企业共建）
    "productive_training_base",  # 跨企业培训中心 / 生产性实训基地
)
# Lowest first: a rule's minimum level counts its level and every level above.
LEVELS = ("district", "municipal", "provincial", "national")


def levels_from(min_level: str) -> tuple[str, ...]:
    """Return ``min_level`` and the levels above it."""
    return LEVELS[LEVELS.index(min_level) :]


def counted(
    session: Session, *, kinds: Iterable[str], levels: Iterable[str], as_of: date
) -> list[Designation]:
    """Return the designation records of ``kinds`` at ``levels`` issued on or before ``as_of``."""
    stmt = (
        select(Designation)
        .where(
            Designation.kind.in_(list(kinds)),
            Designation.level.in_(list(levels)),
            Designation.issued_on <= as_of,
        )
        .order_by(Designation.issued_on, Designation.id)
    )
    return list(session.scalars(stmt))


def describe(d: Designation) -> str:
    """Return one evidence line: title, level, issuing body, document number, date."""
    mark = " [SAMPLE]" if d.sample else ""
    return (
        f"{d.title} · {d.level} · {d.issuing_body} {d.document_number} · "
        f"{d.issued_on.isoformat()}{mark}"
    )
