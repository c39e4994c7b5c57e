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
from vocmatch.demand.models import Posting


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
