"""Programme ↔ occupation links carry their provenance (profile, crosswalk, planner).

Fixture links (tests/data/programme_occupations.csv): 660301 机电技术应用 names 电工 in its profile
and in the crosswalk; 630501 reaches 6-17-05-01 重冶备料工 only through the group 6-17-05-00
(profile) and names 钨钼冶炼工 in the crosswalk; 710201 → 4-04-05-01 is a doubtful crosswalk link.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tests.conftest import TEST_DATA
from tests.factories import api_key_headers, make_user
from vocmatch.audit.models import AuditEntry
from vocmatch.catalogue import service
from vocmatch.catalogue.models import LinkSource, ProgrammeOccupation
from vocmatch.kit.db import transaction
from vocmatch.loading import load_reference


def test_programme_links_say_where_they_come_from(client: TestClient) -> None:
    links = client.get("/api/v1/programmes/660301").json()["occupation_links"]
    electrician = {
        (link["source"], link["how"]) for link in links if link["occupation_code"] == "6-31-01-03"
    }
    assert electrician == {("profile", "occupation"), ("crosswalk", "code")}


def test_occupation_lists_programmes_with_every_source(client: TestClient) -> None:
    body = client.get("/api/v1/occupations/6-31-01-03").json()
    [link] = [p for p in body["programme_links"] if p["programme_code"] == "660301"]
    assert set(link["sources"]) == {"profile", "crosswalk"}
    assert link["via_group"] is False


def test_programmes_by_occupation_follows_groups_and_keeps_direct_links_first(db: Session) -> None:
    found = service.programmes_by_occupation(
        db, occupation_codes=["6-17-05-01", "6-17-07-01", "9-99-99-99"]
    )
    assert set(found) == {"6-17-05-01", "6-17-07-01"}  # an unknown code is absent
    [by_group] = found["6-17-05-01"]
    assert (by_group.programme_code, by_group.via_group) == ("630501", True)
    assert (by_group.sources, by_group.group_sources) == ([], [LinkSource.profile])
    # The crosswalk names 钨钼冶炼工 itself; 630501's profile names its group 稀贵金属冶炼人员.
    [both] = found["6-17-07-01"]
    assert (both.programme_code, both.via_group) == ("630501", False)
    assert both.sources == [LinkSource.crosswalk]
    assert both.group_sources == [LinkSource.profile]


def test_doubtful_links_are_left_out_unless_asked_for(db: Session) -> None:
    assert service.programmes_by_occupation(db, occupation_codes=["4-04-05-01"]) == {
        "4-04-05-01": []
    }
    [doubtful] = service.programmes_by_occupation(
        db, occupation_codes=["4-04-05-01"], include_doubtful=True
    )["4-04-05-01"]
    assert doubtful.programme_code == "710201" and doubtful.notes == ["doubtful: a test note"]


def test_only_the_sources_asked_for(db: Session) -> None:
    found = service.programmes_by_occupation(
        db, occupation_codes=["6-31-01-03"], sources=[LinkSource.crosswalk]
    )
    assert [(p.programme_code, p.sources) for p in found["6-31-01-03"]] == [
        ("660301", [LinkSource.crosswalk])
    ]


def test_reloading_reference_data_keeps_a_planners_link(engine: Engine) -> None:
    with transaction(engine) as s:
        s.add(
            ProgrammeOccupation(
                programme_code="730301",
                phrase="出纳",
                occupation_code="2-06-03-00",
                how="planner",
                source=LinkSource.planner,
            )
        )
    try:
        load_reference(engine, TEST_DATA)
        with transaction(engine, write=False) as s:
            kept = s.scalars(
                select(ProgrammeOccupation).where(ProgrammeOccupation.source == "planner")
            ).all()
            assert [(k.programme_code, k.occupation_code) for k in kept] == [
                ("730301", "2-06-03-00")
            ]
    finally:
        with transaction(engine) as s:
            for link in s.scalars(
                select(ProgrammeOccupation).where(ProgrammeOccupation.source == "planner")
            ):
                s.delete(link)


def test_pages_show_the_source_of_each_link(client: TestClient) -> None:
    page = client.get("/programmes/660301").text
    assert 'data-source="crosswalk"' in page and 'data-source="profile"' in page
    assert "对照指引" in page
    occupation = client.get("/occupations/4-04-05-01").text
    assert "存疑" in occupation and "doubtful: a test note" in occupation


def test_a_planner_adds_and_removes_a_link_of_their_own(client: TestClient, db: Session) -> None:
    headers = api_key_headers(db, make_user(db, "planner"))
    body = {"occupation_code": "4-02-06-01", "note": "the school's 仓储 course"}
    r = client.post("/api/v1/programmes/730301/occupations", json=body, headers=headers)
    assert r.status_code == 200, r.text
    mine = [link for link in r.json()["occupation_links"] if link["source"] == "planner"]
    assert [(link["occupation_code"], link["note"]) for link in mine] == [
        ("4-02-06-01", "the school's 仓储 course")
    ]
    # Twice is once; the link counts like the official ones.
    client.post("/api/v1/programmes/730301/occupations", json=body, headers=headers)
    found = service.programmes_by_occupation(db, occupation_codes=["4-02-06-01"])["4-02-06-01"]
    assert [(p.programme_code, p.sources) for p in found if p.programme_code == "730301"] == [
        ("730301", [LinkSource.planner])
    ]
    actions = db.scalars(
        select(AuditEntry.action).where(AuditEntry.entity_type == "programme_occupation")
    ).all()
    assert actions == ["create"]
    r = client.delete("/api/v1/programmes/730301/occupations/4-02-06-01", headers=headers)
    assert r.status_code == 204
    r = client.delete("/api/v1/programmes/730301/occupations/4-02-06-01", headers=headers)
    assert r.status_code == 404


def test_official_links_cannot_be_removed_and_bad_codes_are_named(
    client: TestClient, db: Session
) -> None:
    headers = api_key_headers(db, make_user(db, "admin"))
    # 660301 → 电工 is a profile and crosswalk link, not a planner's: nothing to remove.
    r = client.delete("/api/v1/programmes/660301/occupations/6-31-01-03", headers=headers)
    assert r.status_code == 404
    r = client.post(
        "/api/v1/programmes/660301/occupations",
        json={"occupation_code": "9-99-99-99"},
        headers=headers,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "occupation_code"


def test_only_admins_and_planners_add_links(client: TestClient, db: Session) -> None:
    body = {"occupation_code": "4-02-06-01"}
    assert client.post("/api/v1/programmes/730301/occupations", json=body).status_code == 401
    enterprise = api_key_headers(db, make_user(db, "platform"))
    r = client.post("/api/v1/programmes/730301/occupations", json=body, headers=enterprise)
    assert r.status_code == 403
