"""The synthetic province: exact counts, the same rows from the same seed, every posting matched."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import Cli
from vocmatch.catalogue.models import Occupation, ProgrammeOccupation
from vocmatch.demand import scale
from vocmatch.demand.models import Posting, PostingProgramme
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.errors import Invalid
from vocmatch.schools.models import Offering, School

AS_OF = date(2026, 11, 29)
CONTENT = (
    "external_id",
    "title",
    "description",
    "skills",
    "headcount",
    "education",
    "type",
    "location",
    "salary_min",
    "valid_from",
    "valid_until",
    "status",
    "chain",
)


def province(db: Session) -> list[tuple[object, ...]]:
    rows = db.execute(
        select(Posting, Enterprise.name)
        .join(Enterprise, Enterprise.id == Posting.enterprise_id)
        .where(Posting.source == scale.SOURCE)
        .order_by(Posting.external_id)
    )
    return [(*(getattr(p, c) for c in CONTENT), name) for p, name in rows]


def test_a_tiny_province_has_exact_counts_and_every_posting_matched(db: Session) -> None:
    counts = scale.generate(db, postings_count=500, schools=5, seed=7, as_of=AS_OF)
    # 500 postings need max(20, 500 // 200) = 20 synthetic enterprises.
    assert (counts.schools, counts.enterprises, counts.postings, counts.matched) == (
        5,
        20,
        500,
        500,
    )
    scale_ids = select(Posting.id).where(Posting.source == scale.SOURCE)
    assert db.scalar(select(func.count()).select_from(scale_ids.subquery())) == 500
    assert (
        db.scalar(
            select(func.count()).where(
                Posting.source == scale.SOURCE, Posting.model_version.is_(None)
            )
        )
        == 0
    )
    schools = db.scalars(select(School).where(School.code.startswith("PS-"))).all()
    assert sorted(s.code for s in schools) == [
        "PS-0001",
        "PS-0002",
        "PS-0003",
        "PS-0004",
        "PS-0005",
    ]
    offered = db.scalar(select(func.count()).where(Offering.school_id.in_([s.id for s in schools])))
    assert offered == counts.offerings
    # Offerings are programmes the crosswalk links to an occupation (8–24 of them per school, or
    # all the fixture's linked programmes when it has fewer).
    linked = set(db.scalars(select(ProgrammeOccupation.programme_code)))
    programmes = set(
        db.scalars(
            select(Offering.programme_code).where(Offering.school_id.in_([s.id for s in schools]))
        )
    )
    assert programmes <= linked
    assert db.scalar(select(func.count()).where(Enterprise.notes == scale.ENTERPRISE_NOTE)) == 20
    # The programme index holds the open postings only, at most five programmes each.
    index = db.execute(
        select(PostingProgramme.posting_id, func.count())
        .where(PostingProgramme.posting_id.in_(scale_ids))
        .group_by(PostingProgramme.posting_id)
    ).all()
    assert sum(n for _, n in index) == counts.index_rows
    open_ids = set(
        db.scalars(
            select(Posting.id).where(Posting.source == scale.SOURCE, Posting.status == "open")
        )
    )
    assert {pid for pid, _ in index} <= open_ids and all(1 <= n <= 5 for _, n in index)
    # Titles are market titles of real occupations.
    titles = {
        t for raw in db.scalars(select(Occupation.market_titles)) for t in scale._pieces(raw, 12)
    }
    assert {row[1] for row in province(db)} <= titles
    # Validity: within the year before as_of, and the status follows from it.
    for p in db.scalars(select(Posting).where(Posting.source == scale.SOURCE)):
        assert p.valid_from is not None and p.valid_until is not None
        assert 0 <= (AS_OF - p.valid_from).days <= 364
        assert 30 <= (p.valid_until - p.valid_from).days <= 180
        assert (p.status == "open") <= (p.valid_until >= AS_OF)


def test_the_same_seed_gives_the_same_rows_and_another_seed_others(db: Session) -> None:
    scale.generate(db, postings_count=500, schools=5, seed=7, as_of=AS_OF)
    first = province(db)
    scale.generate(db, postings_count=500, schools=5, seed=7, as_of=AS_OF)  # replaces the first
    assert province(db) == first
    assert len(first) == 500
    scale.generate(db, postings_count=500, schools=5, seed=8, as_of=AS_OF)
    other = province(db)
    assert len(other) == 500 and other != first
    assert db.scalar(select(func.count()).where(School.code.startswith("PS-"))) == 5


def test_an_empty_province_is_refused(db: Session) -> None:
    with pytest.raises(Invalid) as refused:
        scale.generate(db, postings_count=0, schools=5, as_of=AS_OF)
    assert refused.value.errors[0]["field"] == "postings"


def test_the_command_needs_the_reference_data(cli: Cli) -> None:
    assert cli("db", "upgrade").exit_code == 0
    ran = cli("sample", "scale", "--postings", "10", "--schools", "1")
    assert ran.exit_code == 2
    assert "load the reference data first" in ran.stderr
