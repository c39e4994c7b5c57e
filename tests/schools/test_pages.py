"""Offering pages: edit figures and partners, preview and confirm an Excel import."""

from __future__ import annotations

import io
import re

from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import login, make_offering, make_school, make_user
from vocmatch.schools.models import Offering, OfferingPartner


def _setup(client: TestClient, db: Session) -> tuple[object, Offering, str]:
    school = make_school(db)
    off = make_offering(db, school, "630502", intake_plan=40)
    csrf = login(client, make_user(db, "planner", schools=[school.code]).username)
    return school, off, csrf


def test_edit_offering_and_partner(client: TestClient, db: Session) -> None:
    school, off, csrf = _setup(client, db)
    code = school.code  # type: ignore[attr-defined]
    page = client.get(f"/schools/{code}")
    assert page.status_code == 200 and "金属压力加工" in page.text
    r = client.post(
        f"/schools/{code}/offerings/{off.id}",
        data={
            "csrf_token": csrf,
            "intake_plan": "55",
            "enrolled": "120",
            "graduates_per_year": "35",
            "key_demonstration": "true",
            "school_courses": "稀土永磁材料",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    db.refresh(off)
    assert off.intake_plan == 55 and off.key_demonstration and not off.characteristic
    r = client.post(
        f"/schools/{code}/offerings/{off.id}/partners",
        data={
            "csrf_token": csrf,
            "enterprise_name": "赣州稀土集团有限公司",
            "kind": "training_base",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert db.scalar(select(OfferingPartner).where(OfferingPartner.offering_id == off.id))
    bad = client.post(
        f"/schools/{code}/offerings/{off.id}/partners",
        data={"csrf_token": csrf, "enterprise_name": "查无此企业", "kind": "training_base"},
    )
    assert bad.status_code == 422 and "school-error" in bad.text
    assert client.get("/schools/GXZZ").status_code == 404


def test_import_preview_then_confirm(client: TestClient, db: Session) -> None:
    school, off, csrf = _setup(client, db)
    code = school.code  # type: ignore[attr-defined]
    wb = Workbook()
    ws = wb.active
    ws.append(["专业代码", "年度", "招生计划", "在校生", "年毕业生"])
    ws.append(["630502", 2026, 70, 150, 45])
    buf = io.BytesIO()
    wb.save(buf)
    files = {"file": ("x.xlsx", buf.getvalue(), "application/octet-stream")}
    preview = client.post(f"/schools/{code}/import", data={"csrf_token": csrf}, files=files)
    assert preview.status_code == 200 and 'data-testid="import-preview"' in preview.text
    db.refresh(off)
    assert off.intake_plan == 40  # a preview writes nothing
    upload = re.search(r'name="upload" value="([^"]+)"', preview.text).group(1)  # type: ignore[union-attr]
    done = client.post(
        f"/schools/{code}/import/confirm",
        data={"csrf_token": csrf, "upload": upload},
        follow_redirects=False,
    )
    assert done.status_code == 303
    db.refresh(off)
    assert off.intake_plan == 70 and off.graduates_per_year == 45
