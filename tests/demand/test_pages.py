"""The portal and admin pages over HTTP: register, approve, post, see matches; CSRF everywhere."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import PASSWORD, login, make_enterprise, make_posting, make_user
from vocmatch.demand.matches import rematch
from vocmatch.demand.models import RematchJob
from vocmatch.demand.postings.match_store import current_model_version
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit import jobs

HTML = {"Accept": "text/html"}


def _form_token(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m
    return m.group(1)


def test_register_approve_post_and_see_matches(client, db: Session, app) -> None:
    page = client.get("/portal/register", headers=HTML)
    r = client.post(
        "/portal/register",
        data={
            "csrf_token": _form_token(page.text),
            "enterprise_name": "赣州页面测试精密机械有限公司",
            "credit_code": "",
            "location_kind": "high_tech_zone",
            "contact_name": "刘经理",
            "contact_phone": "0797-1",
            "username": "pagetest-ent",
            "password": PASSWORD,
        },
        headers=HTML,
    )
    assert r.status_code == 200 and 'data-testid="registered"' in r.text
    ent = db.scalar(select(Enterprise).where(Enterprise.name == "赣州页面测试精密机械有限公司"))
    assert ent is not None and ent.status == "pending"

    csrf = login(client, "pagetest-ent")
    assert "等待管理员审核" in client.get("/portal", headers=HTML).text
    blocked = client.post(
        "/portal/postings", data={"csrf_token": csrf, "title": "数控车工"}, headers=HTML
    )
    assert blocked.status_code == 403

    admin_client = type(client)(app)
    make_user(db, "admin", username="pagetest-admin")
    admin_csrf = login(admin_client, "pagetest-admin")
    assert (
        "赣州页面测试精密机械有限公司" in admin_client.get("/admin/enterprises", headers=HTML).text
    )
    no_csrf = admin_client.post(
        f"/admin/enterprises/{ent.id}", data={"decision": "approve"}, headers=HTML
    )
    assert no_csrf.status_code == 403
    ok = admin_client.post(
        f"/admin/enterprises/{ent.id}",
        data={"decision": "approve", "csrf_token": admin_csrf},
        headers=HTML,
        follow_redirects=False,
    )
    assert ok.status_code == 303
    db.refresh(ent)
    assert ent.status == "active"

    r = client.post(
        "/portal/postings",
        data={
            "csrf_token": csrf,
            "title": "数控车工",
            "headcount": "4",
            "type": "order_class",
            "education": "中职",
            "status": "open",
            "skills": "数控车床；CNC",
        },
        headers=HTML,
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    detail = client.get(r.headers["location"], headers=HTML)
    assert "数控车工" in detail.text and 'data-testid="posting-matches"' in detail.text
    bad = client.post(
        "/portal/postings", data={"csrf_token": csrf, "title": "x", "headcount": "0"}, headers=HTML
    )
    assert bad.status_code == 422 and "headcount" in bad.text


def test_enterprise_cannot_open_another_enterprises_posting_page(client, db: Session) -> None:
    mine, theirs = make_enterprise(db), make_enterprise(db)
    other = make_posting(db, theirs)
    make_user(db, "enterprise", enterprise=mine, username="page-ent2")
    login(client, "page-ent2")
    assert client.get(f"/portal/postings/{other.id}", headers=HTML).status_code == 404
    assert client.get("/admin", headers=HTML).status_code == 403
    assert client.get("/postings", headers=HTML).status_code == 403


def test_admin_pages_render(client, db: Session) -> None:
    make_user(db, "admin", username="page-admin3")
    login(client, "page-admin3")
    for path in [
        "/admin",
        "/admin/users",
        "/admin/keys",
        "/admin/audit?action=login",
        "/postings",
        "/postings/import",
    ]:
        r = client.get(path, headers=HTML)
        assert r.status_code == 200, (path, r.text[:500])
    assert "page-admin3" in client.get("/admin/audit?action=login", headers=HTML).text


def test_import_page_previews_then_imports(client, db: Session) -> None:
    ent = make_enterprise(db)
    make_user(db, "enterprise", enterprise=ent, username="page-import-ent")
    csrf = login(client, "page-import-ent")
    data = "岗位名称,招聘人数,需求类型\n装配钳工,3,现代学徒制\n,0,招聘\n".encode("gb18030")
    files = {"file": ("导出.csv", data, "text/csv")}
    preview = client.post(
        "/portal/import", data={"csrf_token": csrf, "action": "preview"}, files=files, headers=HTML
    )
    assert preview.status_code == 200
    assert "gb18030" in preview.text and 'data-testid="import-errors"' in preview.text
    refused = client.post(
        "/portal/import", data={"csrf_token": csrf, "action": "all"}, files=files, headers=HTML
    )
    assert refused.status_code == 422
    done = client.post(
        "/portal/import",
        data={"csrf_token": csrf, "action": "valid_only"},
        files=files,
        headers=HTML,
    )
    assert done.status_code == 200 and "新增 1" in done.text
    assert "装配钳工" in client.get("/portal", headers=HTML).text
    forged = client.post(
        "/portal/import",
        data={"csrf_token": "nope", "action": "preview"},
        files=files,
        headers=HTML,
    )
    assert forged.status_code == 403


def _register(client, name: str, username: str, **extra: str):
    page = client.get("/portal/register", headers=HTML)
    data = {
        "csrf_token": _form_token(page.text),
        "enterprise_name": name,
        "location_kind": "ganzhou",
        "username": username,
        "password": PASSWORD,
        **extra,
    }
    return client.post("/portal/register", data=data, headers=HTML)


def test_similar_name_offers_a_different_enterprise_and_pending_sees_why(
    client, db: Session, app
) -> None:
    # 江西金力永磁科技有限公司 is registered: a similar name is asked about, not refused.
    name = "江西金力永磁新材料有限公司"
    asked = _register(client, name, "similar-ent")
    assert asked.status_code == 409
    assert 'data-testid="confirm-distinct"' in asked.text and "这是另一家企业" in asked.text
    assert f'value="{name}"' in asked.text  # what was typed stays
    assert "请再输入一次密码" in asked.text  # all but the password
    assert db.scalar(select(Enterprise).where(Enterprise.name == name)) is None
    done = _register(client, name, "similar-ent", confirm_distinct="true")
    assert done.status_code == 200 and 'data-testid="registered"' in done.text

    # Logged in and pending: every page says so; the posting form explains instead of a form.
    login(client, "similar-ent")
    for path in ("/portal", "/programmes", "/"):
        html = client.get(path, headers=HTML).text
        assert html.count('data-testid="pending-banner"') == 1, path
        assert "贵企业正在等待管理员审核" in html
    assert "发布需求</a>" not in client.get("/portal", headers=HTML).text
    new = client.get("/portal/postings/new", headers=HTML).text
    assert 'data-testid="pending-explain"' in new and 'name="title"' not in new

    ent = db.scalar(select(Enterprise).where(Enterprise.name == name))
    assert ent is not None
    ent.status = "active"
    db.flush()
    after = client.get("/portal", headers=HTML).text
    assert 'data-testid="pending-banner"' not in after and 'href="/portal/postings/new"' in after
    assert 'name="title"' in client.get("/portal/postings/new", headers=HTML).text


def test_deleting_a_posting_asks_first(client, db: Session) -> None:
    ent = make_enterprise(db)
    posting = make_posting(db, ent, title="待删除的焊工")
    make_user(db, "enterprise", enterprise=ent, username="delete-ent")
    csrf = login(client, "delete-ent")
    page = client.get(f"/portal/postings/{posting.id}", headers=HTML).text
    assert f'href="/portal/postings/{posting.id}/delete"' in page  # a link to the question
    question = client.get(f"/portal/postings/{posting.id}/delete", headers=HTML).text
    assert "删除需求“待删除的焊工”？" in question and 'name="confirmed" value="1"' in question
    unasked = client.post(
        f"/portal/postings/{posting.id}/delete",
        data={"csrf_token": csrf},
        headers=HTML,
        follow_redirects=False,
    )
    assert unasked.headers["location"] == f"/portal/postings/{posting.id}/delete"
    assert client.get(f"/portal/postings/{posting.id}", headers=HTML).status_code == 200
    done = client.post(
        f"/portal/postings/{posting.id}/delete",
        data={"csrf_token": csrf, "confirmed": "1"},
        headers=HTML,
    )
    assert done.status_code == 200 and "需求已删除" in done.text
    assert "待删除的焊工" not in done.text
    assert client.get(f"/portal/postings/{posting.id}", headers=HTML).status_code == 404


def test_rematch_offers_stale_or_all_and_says_when_nothing_needed_it(
    client, db: Session, monkeypatch
) -> None:
    ran: list[int] = []
    monkeypatch.setitem(jobs._TASKS, rematch.JOB, lambda engine, job_id: ran.append(job_id))
    version = current_model_version() or ""
    ent = make_enterprise(db)
    make_posting(db, ent, model_version="old-model")
    make_posting(db, ent, model_version=version)  # matched by the current model: not stale
    stale = len(rematch.ids_to_rematch(db, version=version, scope="stale"))
    every = len(rematch.ids_to_rematch(db, version=version, scope="all"))
    assert 1 <= stale < every
    csrf = login(client, make_user(db, "admin").username)
    page = client.get("/admin", headers=HTML).text
    assert f"只重新匹配过期的需求（{stale} 条）" in page and f"全部重新匹配（{every} 条）" in page

    started = client.post("/admin/rematch", data={"csrf_token": csrf, "scope": "all"}, headers=HTML)
    job = db.get(RematchJob, ran[0])
    assert job is not None and job.scope == "all"
    assert f"第 {job.id} 次任务" in started.text and "全部需求" in started.text
    job.status, job.total, job.done = "running", every, 3
    db.flush()
    assert f"已处理 3 / {every} 条" in client.get("/admin", headers=HTML).text
    # A job that found nothing to do says so, not "0 / 0".
    job.status, job.total, job.done = "done", 0, 0
    db.flush()
    page = client.get("/admin", headers=HTML).text
    assert "没有需要重新匹配的需求" in page and "0 / 0" not in page
