"""The plan's indicators from the fixture data, judged at the deadline and now."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.analytics.conftest import ADMIN, AS_OF, planner
from vocmatch.analytics import service
from vocmatch.analytics.indicators import registry
from vocmatch.analytics.schemas import IndicatorEntry
from vocmatch.audit.models import AuditEntry
from vocmatch.enterprises.models import Enterprise
from vocmatch.indicators.models import IndicatorValue
from vocmatch.kit import shared
from vocmatch.kit.errors import Forbidden, Invalid
from vocmatch.kit.principal import Principal
from vocmatch.schools.models import Offering, OfferingPartner
from vocmatch.teachers.shares import service as teachers


def _by_key(db: Session) -> dict:  # type: ignore[type-arg]
    return {i.key: i for i in service.plan_indicators(db, principal=ADMIN, as_of=AS_OF)}


def test_enrolment_from_history_missed_at_deadline(db: Session) -> None:
    enrol = _by_key(db)["secondary_vocational_enrolment"]
    assert enrol.value == 1420 and enrol.as_of == date(2026, 9, 1)  # 1100 + 320
    assert enrol.at_deadline == 1350 and enrol.met_at_deadline is False  # 2025: 1050 + 300
    assert enrol.target == 13000 and enrol.progress == pytest.approx(1420 / 13000)
    assert [p.value for p in enrol.trend][:2] == [1000, 1070]


def test_counts_from_offerings(db: Session) -> None:
    ind = _by_key(db)
    # One fixture offering is flagged provincial quality, but only designation records count.
    pq = ind["provincial_quality_programmes"]
    assert (pq.value, pq.source, pq.met_now, pq.met_at_deadline) == (None, "unknown", None, None)
    # 660103 (key demonstration), 630501 (characteristic), 660303 (key demonstration): all mapped.
    assert ind["chain_featured_programmes"].value == 3
    assert ind["leading_enterprise_cooperation"].value == 0
    assert ind["leading_enterprise_cooperation"].met_now is False


def test_entered_values_and_unavailable(db: Session) -> None:
    ind = _by_key(db)
    group = ind["vocational_education_group"]
    # The fixture has an entered 1 (2026-06-30) and an alliance membership: neither is a
    # designation record, so the group is unknown now and at the deadline (issue 15).
    assert (group.source, group.value, group.met_now, group.at_deadline) == (
        "unknown",
        None,
        None,
        None,
    )
    dq = ind["dual_qualified_share"]
    share = teachers.district_share(db, as_of=AS_OF)
    assert dq.source == "computed" and dq.value == pytest.approx(share.value)
    assert share.denominator > 0


def test_enter_value_with_evidence_is_audited(db: Session) -> None:
    entry = IndicatorEntry(value=600, as_of=date(2025, 12, 31), evidence="2025年普通高中招生计划")
    service.enter_indicator_value(
        db, principal=ADMIN, key="general_high_school_places", entry=entry
    )
    ratio = _by_key(db)["general_vocational_ratio"]
    assert ratio.source == "computed" and ratio.evidence == "2025年普通高中招生计划"
    audit = db.scalars(select(AuditEntry).where(AuditEntry.entity_type == "indicator_value")).all()
    assert audit and audit[-1].actor == "admin-t"


def test_computed_indicator_cannot_be_entered(db: Session) -> None:
    entry = IndicatorEntry(value=13000, as_of=date(2025, 12, 31), evidence="made up")
    with pytest.raises(Invalid):
        service.enter_indicator_value(
            db, principal=planner(1), key="secondary_vocational_enrolment", entry=entry
        )


def test_enterprise_users_see_no_analytics(db: Session) -> None:
    ent = Principal(user_id=9, username="e", role="enterprise", enterprise_id=1)
    with pytest.raises(Forbidden):
        service.plan_indicators(db, principal=ent, as_of=AS_OF)


def test_general_vocational_ratio_from_intake_and_entered_places(db: Session) -> None:
    assert _by_key(db)["general_vocational_ratio"].source == "unavailable"
    entry = IndicatorEntry(value=600, as_of=date(2026, 6, 30), evidence="2026年普通高中招生计划")
    service.enter_indicator_value(
        db, principal=ADMIN, key="general_high_school_places", entry=entry
    )
    ratio = _by_key(db)["general_vocational_ratio"]
    # Fixture intake plans of 2026: GXZZ 120+50+80+100, TESTPRIV 60+40 = 450 vocational places.
    assert ratio.value == pytest.approx(450 / 1050)
    assert ratio.met_now is False and ratio.evidence == "2026年普通高中招生计划"


def test_leading_cooperation_from_partnerships(db: Session) -> None:
    cnc = db.scalar(select(Offering).where(Offering.programme_code == "660103"))
    leader = db.scalar(select(Enterprise).where(Enterprise.name == "赣州稀土集团有限公司"))
    assert cnc is not None and leader is not None and leader.is_leading
    db.add(OfferingPartner(offering_id=cnc.id, enterprise_id=leader.id, kind="order_class"))
    db.flush()
    coop = _by_key(db)["leading_enterprise_cooperation"]
    assert coop.value == pytest.approx(1 / 3) and coop.source == "provider"
    assert coop.detail_args == {"num": "1", "den": "3"}


def test_readings_kept_until_their_tables_change(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The indicators are read once per snapshot and version of the tables they read: again
    after a row is added (the tables' fingerprint) or a write was committed to one of them
    (the shared counters, which catch an edit in place of a row without ``updated_at``)."""
    reads = []
    read_all = registry.read_all
    monkeypatch.setattr(registry, "read_all", lambda ctx: reads.append(1) or read_all(ctx))
    first = _by_key(db)
    assert _by_key(db) == first and len(reads) == 1
    shared.bump(["teacher_qualification"])  # what a committed edit of a qualification does
    assert _by_key(db) == first and len(reads) == 2
    assert first["general_vocational_ratio"].evidence != "普高招生计划（测试）"
    db.add(
        IndicatorValue(
            indicator="general_high_school_places",
            value=600,
            as_of=date(2025, 12, 31),
            evidence="普高招生计划（测试）",
            entered_by="admin-t",
        )
    )
    db.flush()
    assert len(reads) == 2
    assert _by_key(db)["general_vocational_ratio"].evidence == "普高招生计划（测试）"
    assert len(reads) == 3
    # Callers get copies: changing one does not change what the next caller reads.
    _by_key(db)["dual_qualified_share"].value = -1.0
    assert _by_key(db)["dual_qualified_share"].value == first["dual_qualified_share"].value
