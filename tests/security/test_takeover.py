"""The two takeover paths of issue 12, reproduced and refused.

1. Import key collision: two enterprises import files with the same 岗位编号 (or with no id
   column and the same title/location): each keeps its own posting.
2. Alias poisoning: a self-registered (pending) enterprise cannot give itself another firm's
   names, credit code or location, and the platform's postings naming those firms never reach it.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_enterprise, make_user
from vocmatch.accounts.models import User
from vocmatch.demand.models import Posting
from vocmatch.enterprises.models import Enterprise


def _import(client: TestClient, headers: dict[str, str], csv: str) -> dict:
    r = client.post(
        "/api/v1/postings/import",
        params={"dry_run": "false"},
        files={"file": ("jobs.csv", csv.encode(), "text/csv")},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    return r.json()


def test_another_firms_import_with_the_same_id_cannot_take_a_posting(
    client: TestClient, db: Session
) -> None:
    a, b = make_enterprise(db), make_enterprise(db)
    ha = api_key_headers(db, make_user(db, "enterprise", enterprise=a))
    hb = api_key_headers(db, make_user(db, "enterprise", enterprise=b))
    first = _import(client, ha, "岗位编号,岗位名称,招聘人数\nJOB-1,钕铁硼烧结工,20\n")
    assert first["created"] == 1
    second = _import(client, hb, "岗位编号,岗位名称,招聘人数\nJOB-1,被覆盖的岗位,1\n")
    assert (second["created"], second["updated"]) == (1, 0)  # B got its own posting
    rows = db.scalars(select(Posting).where(Posting.external_id == "JOB-1")).all()
    assert {(p.enterprise_id, p.title, p.headcount) for p in rows} == {
        (a.id, "钕铁硼烧结工", 20),
        (b.id, "被覆盖的岗位", 1),
    }
    mine = client.get("/api/v1/postings", headers=ha).json()["items"]
    assert [p["title"] for p in mine if p["external_id"] == "JOB-1"] == ["钕铁硼烧结工"]


def test_files_without_an_id_column_never_collide_across_firms(
    client: TestClient, db: Session
) -> None:
    a, b = make_enterprise(db), make_enterprise(db)
    ha = api_key_headers(db, make_user(db, "enterprise", enterprise=a))
    hb = api_key_headers(db, make_user(db, "enterprise", enterprise=b))
    csv = "岗位名称,工作地点,招聘人数\n电工,赣州高新区,2\n"
    assert _import(client, ha, csv)["created"] == 1
    assert _import(client, hb, csv)["created"] == 1
    assert _import(client, ha, csv)["unchanged"] == 1  # the same file again changes nothing
    owners = db.scalars(
        select(Posting.enterprise_id).where(Posting.title == "电工", Posting.source == "import")
    ).all()
    assert sorted(owners) == sorted([a.id, b.id])


def test_an_enterprise_posting_id_does_not_collide_with_another_firms(
    client: TestClient, db: Session
) -> None:
    a, b = make_enterprise(db), make_enterprise(db)
    ha = api_key_headers(db, make_user(db, "enterprise", enterprise=a))
    hb = api_key_headers(db, make_user(db, "enterprise", enterprise=b))
    body = {"external_id": "HR-7", "title": "数控车工", "headcount": 2}
    assert client.post("/api/v1/postings", json=body, headers=ha).status_code == 201
    r = client.post("/api/v1/postings", json=body, headers=hb)
    assert r.status_code == 201  # not 409 naming A's posting


def test_a_self_registered_firm_cannot_give_itself_another_firms_names(
    client: TestClient, db: Session
) -> None:
    client.get("/portal/register")
    r = client.post(
        "/portal/register",
        data={
            "csrf_token": client.cookies.get("vocmatch_login_csrf"),
            "enterprise_name": "赣州冒名测试电子有限公司",
            "location_kind": "other",
            "username": "squatter",
            "password": "correct-horse-battery",
        },
    )
    assert r.status_code == 200
    attacker = db.scalars(
        select(Enterprise).where(Enterprise.name == "赣州冒名测试电子有限公司")
    ).one()
    assert attacker.status == "pending"
    headers = api_key_headers(db, db.scalars(select(User).where(User.username == "squatter")).one())
    for field, value in (
        ("short_names", ["金力永磁公司", "赣州富尔特电子"]),
        ("credit_code", "91360700MA35AB34DH"),
        ("location_kind", "high_tech_zone"),
        ("name", "江西金力永磁科技有限公司二"),
    ):
        r = client.patch(f"/api/v1/enterprises/{attacker.id}", json={field: value}, headers=headers)
        assert r.status_code == 403, r.text
        assert r.json()["errors"][0]["field"] == field
    db.refresh(attacker)
    assert attacker.short_names == [] and attacker.credit_code is None

    # Asking is allowed; another firm's short name is refused at once, a new one waits.
    taken = client.post(
        f"/api/v1/enterprises/{attacker.id}/identity-changes",
        json={"short_names": ["金力永磁"]},
        headers=headers,
    )
    assert taken.status_code == 409 and taken.json()["errors"][0]["field"] == "short_names"
    asked = client.post(
        f"/api/v1/enterprises/{attacker.id}/identity-changes",
        json={"short_names": ["赣州富尔特电子"]},
        headers=headers,
    )
    assert asked.status_code == 201 and asked.json()["status"] == "pending"
    db.refresh(attacker)
    assert attacker.short_names == []

    # The HR platform's postings naming that alias do not reach the pending firm.
    platform = api_key_headers(db, make_user(db, "platform"))
    batch = client.put(
        "/api/v1/postings/batch",
        json={
            "items": [
                {
                    "external_id": "POISON-1",
                    "enterprise_name": "赣州富尔特电子",
                    "title": "电子装配工",
                    "headcount": 2,
                }
            ]
        },
        headers=platform,
    )
    assert batch.status_code == 200, batch.text
    posting = db.scalars(select(Posting).where(Posting.external_id == "POISON-1")).one()
    assert posting.enterprise_id != attacker.id
    assert client.get(f"/api/v1/postings/{posting.id}", headers=headers).status_code == 404

    # The platform's batch registered "赣州富尔特电子" as a (pending) firm of its own: the request
    # for that short name can no longer be approved. A harmless one can, and only then applies.
    admin = api_key_headers(db, make_user(db, "admin"))
    listed = client.get("/api/v1/enterprise-changes", headers=admin).json()
    assert [c["id"] for c in listed if c["enterprise_id"] == attacker.id] == [asked.json()["id"]]
    late = client.post(f"/api/v1/enterprise-changes/{asked.json()['id']}/approve", headers=admin)
    assert late.status_code == 409
    own = client.post(
        f"/api/v1/enterprises/{attacker.id}/identity-changes",
        json={"short_names": ["冒名测试电子"]},
        headers=headers,
    ).json()
    done = client.post(f"/api/v1/enterprise-changes/{own['id']}/approve", headers=admin)
    assert done.status_code == 200 and done.json()["status"] == "approved"
    db.refresh(attacker)
    assert attacker.short_names == ["冒名测试电子"]


def test_the_resolver_ignores_a_pending_firms_short_names(client: TestClient, db: Session) -> None:
    pending = make_enterprise(db, status="pending", short_names=["金力永磁公司"])
    platform = api_key_headers(db, make_user(db, "platform"))
    r = client.put(
        "/api/v1/postings/batch",
        json={
            "items": [
                {
                    "external_id": "POISON-2",
                    "enterprise_name": "金力永磁公司",
                    "title": "钕铁硼压制工",
                    "headcount": 3,
                }
            ]
        },
        headers=platform,
    )
    assert r.status_code == 200, r.text
    posting = db.scalars(select(Posting).where(Posting.external_id == "POISON-2")).one()
    assert posting.enterprise_id != pending.id


def test_an_admin_cannot_give_two_firms_one_short_name(client: TestClient, db: Session) -> None:
    a, b = make_enterprise(db, short_names=["同名简称"]), make_enterprise(db)
    admin = api_key_headers(db, make_user(db, "admin"))
    r = client.patch(
        f"/api/v1/enterprises/{b.id}", json={"short_names": ["同名简称"]}, headers=admin
    )
    assert r.status_code == 409 and r.json()["errors"][0]["field"] == "short_names"
    assert a.short_names == ["同名简称"]
