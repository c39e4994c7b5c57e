"""Aggregates never reveal a person: breakdowns by programme or chain are for roster roles, and no
group smaller than three teachers reaches someone who may not see those teachers."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_enterprise, make_user
from vocmatch.teachers.identity import id_card_mask


def _groups(client: TestClient, headers: dict[str, str], by: str = "school") -> dict[str, int]:
    r = client.get(f"/api/v1/teachers/shares?by={by}", headers=headers)
    assert r.status_code == 200, r.text
    return {g["key"]: g["denominator"] for g in r.json()["groups"]}


def test_programme_and_chain_breakdowns_are_closed_to_enterprise_and_platform(
    client: TestClient, db: Session
) -> None:
    for user in (
        make_user(db, "platform"),
        make_user(db, "enterprise", enterprise=make_enterprise(db)),
    ):
        headers = api_key_headers(db, user)
        for by in ("programme", "chain"):
            r = client.get(f"/api/v1/teachers/shares?by={by}", headers=headers)
            assert r.status_code == 403, (user.role, by)


def test_no_group_under_three_teachers_for_who_may_not_see_them(
    client: TestClient, db: Session
) -> None:
    admin = _groups(client, api_key_headers(db, make_user(db, "admin")))
    small = {k for k, n in admin.items() if n < 3}
    assert "TESTPRIV" in small  # the fixture's private school has one teacher
    platform = _groups(client, api_key_headers(db, make_user(db, "platform")))
    assert set(platform) == set(admin) - small
    # A planner of TESTPRIV sees its own school, whatever its size; a GXZZ planner does not.
    own = _groups(client, api_key_headers(db, make_user(db, "planner", schools=["TESTPRIV"])))
    assert "TESTPRIV" in own
    other = _groups(client, api_key_headers(db, make_user(db, "planner", schools=["GXZZ"])))
    assert "TESTPRIV" not in other
    r = client.get(
        "/api/v1/teachers/shares?by=programme",
        headers=api_key_headers(db, make_user(db, "planner", schools=["GXZZ"])),
    )
    assert all(g["denominator"] >= 3 for g in r.json()["groups"])


def test_an_id_number_shows_four_of_eighteen_characters() -> None:
    # 360702199001011237: province 36 and the last two characters stay.
    assert id_card_mask("360702199001011237") == "36**************37"
