"""The authorization matrix, generated from the OpenAPI schema: every API route × every role,
aimed at another tenant's objects. Zero leaks: another tenant's object is 404 (or 403 where the role
may not use the route at all), lists never carry it, and no role gets a 5xx.

Routes this team owns have an explicit policy below; a new route of ours without one fails the test.
Every other route still gets the generic checks (no leak of tenant B, no 5xx, anonymous refused
unless public).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.demand.helpers import item
from tests.factories import api_key_headers, make_enterprise, make_posting, make_user
from vocmatch.accounts import service as auth
from vocmatch.demand.matches import rematch
from vocmatch.demand.models import RematchJob
from vocmatch.kit import jobs

ALL = {"admin", "planner", "platform", "enterprise"}
STAFF_WRITE = {"admin", "platform", "enterprise"}
ADMIN = {"admin"}
PUBLIC_PREFIXES = (
    "/healthz",
    "/readyz",
    "/api/v1/match",
    "/api/v1/programmes",
    "/api/v1/occupations",
    "/api/v1/chains",
    "/api/v1/segments",
)

# (method, path) -> roles allowed to use the route (scope still applies to objects).
POLICY: dict[tuple[str, str], set[str]] = {
    ("GET", "/api/v1/postings"): ALL,
    ("PUT", "/api/v1/postings/batch"): {"admin", "platform"},
    ("POST", "/api/v1/postings"): STAFF_WRITE,
    ("POST", "/api/v1/postings/import"): STAFF_WRITE,
    ("GET", "/api/v1/postings/import/template.xlsx"): STAFF_WRITE,
    ("GET", "/api/v1/postings/{posting_id}"): ALL,
    ("PATCH", "/api/v1/postings/{posting_id}"): STAFF_WRITE,
    ("DELETE", "/api/v1/postings/{posting_id}"): STAFF_WRITE,
    ("PUT", "/api/v1/postings/{posting_id}/correction"): {"admin", "planner", "enterprise"},
    ("GET", "/api/v1/postings/{posting_id}/matches"): ALL,
    ("GET", "/api/v1/programmes/{code}/demand"): {"admin", "planner", "platform"},
    ("GET", "/api/v1/enterprises"): ALL,
    ("POST", "/api/v1/enterprises"): {"admin", "platform"},
    ("GET", "/api/v1/enterprises/{enterprise_id}"): ALL,
    ("PATCH", "/api/v1/enterprises/{enterprise_id}"): {"admin", "enterprise"},
    ("POST", "/api/v1/enterprises/{enterprise_id}/identity-changes"): {"admin", "enterprise"},
    ("POST", "/api/v1/enterprises/{enterprise_id}/approve"): ADMIN,
    ("POST", "/api/v1/enterprises/{enterprise_id}/reject"): ADMIN,
    ("GET", "/api/v1/enterprises/{enterprise_id}/matches"): ALL,
    ("GET", "/api/v1/me"): ALL,
    ("GET", "/api/v1/admin/users"): ADMIN,
    ("POST", "/api/v1/admin/users"): ADMIN,
    ("POST", "/api/v1/admin/users/{username}/revoke"): ADMIN,
    ("GET", "/api/v1/admin/keys"): ADMIN,
    ("POST", "/api/v1/admin/keys"): ADMIN,
    ("POST", "/api/v1/admin/keys/{prefix}/revoke"): ADMIN,
    ("GET", "/api/v1/admin/audit"): ADMIN,
    ("POST", "/api/v1/admin/rematch"): ADMIN,
    ("GET", "/api/v1/admin/rematch/{job_id}"): ADMIN,
}
OURS = re.compile(
    r"^/api/v1/(postings|enterprises|me|admin/(users|keys|audit|rematch)|programmes/\{code\}/demand)"
)
# Tenant-bound routes: the object in the path belongs to a tenant (404 for the others).
TENANT_PARAMS = {"posting_id", "enterprise_id"}


@dataclass
class World:
    """Two tenants (A and B), their objects and one client per role."""

    headers: dict[str, dict[str, str]]
    params_b: dict[str, str]
    params_a: dict[str, str]
    markers_b: list[str]
    ent_a: int
    ent_b: int


@pytest.fixture(autouse=True)
def no_background_rematch(monkeypatch: pytest.MonkeyPatch) -> None:
    """POST /admin/rematch starts a job on its own connection; here only the auth answer counts."""
    monkeypatch.setitem(jobs._TASKS, rematch.JOB, lambda *args, **kwargs: None)


@pytest.fixture
def world(db: Session) -> World:
    a = make_enterprise(db, name="矩阵甲方企业有限公司", credit_code="91360700MA35MX0001")
    b = make_enterprise(db, name="矩阵乙方保密企业有限公司", contact_phone="13900000000")
    pa = make_posting(db, a, title="矩阵甲方岗位")
    pb = make_posting(db, b, title="乙方机密岗位XYZ", external_id="SECRET-B-001")
    users = {
        "admin": make_user(db, "admin"),
        "planner": make_user(db, "planner"),
        "platform": make_user(db, "platform"),
        "enterprise": make_user(db, "enterprise", enterprise=a),
    }
    user_b = make_user(db, "enterprise", enterprise=b)
    key_b = auth.create_key(db, username=user_b.username, name="b").key
    job = RematchJob(status="done", scope="stale")
    db.add(job)
    db.flush()
    headers = {role: api_key_headers(db, u) for role, u in users.items()}
    headers["anonymous"] = {}
    common = {"code": "660103", "job_id": str(job.id), "key": "rare_earth"}
    return World(
        headers=headers,
        params_b={
            **common,
            "posting_id": str(pb.id),
            "enterprise_id": str(b.id),
            "username": user_b.username,
            "prefix": key_b.prefix,
        },
        params_a={
            **common,
            "posting_id": str(pa.id),
            "enterprise_id": str(a.id),
            "username": users["enterprise"].username,
            "prefix": key_b.prefix,
        },
        markers_b=[b.name, pb.title, "SECRET-B-001", "13900000000", user_b.username, key_b.prefix],
        ent_a=a.id,
        ent_b=b.id,
    )


def _body(method: str, path: str, role: str, w: World, target_ent: int) -> dict[str, Any]:
    if path == "/api/v1/postings/batch":
        return {"json": {"items": [item("MATRIX-1")]}}
    if path == "/api/v1/postings/import":
        return {
            "files": {
                "file": (
                    "x.csv",
                    "岗位名称,企业名称\n矩阵导入岗位,赣州稀土集团有限公司\n".encode(),
                    "text/csv",
                )
            }
        }
    if (method, path) == ("POST", "/api/v1/postings"):
        body: dict[str, Any] = {"title": "矩阵新岗位"}
        if role != "enterprise":
            body["enterprise_id"] = target_ent
        return {"json": body}
    bodies: dict[tuple[str, str], dict[str, Any]] = {
        ("PATCH", "/api/v1/postings/{posting_id}"): {"headcount": 2},
        ("PUT", "/api/v1/postings/{posting_id}/correction"): {"chain": "tungsten"},
        ("POST", "/api/v1/enterprises"): {"name": "矩阵新注册企业有限公司"},
        ("PATCH", "/api/v1/enterprises/{enterprise_id}"): {"contact_name": "矩阵"},
        ("POST", "/api/v1/enterprises/{enterprise_id}/identity-changes"): {
            "location_kind": "other"
        },
        ("POST", "/api/v1/admin/users"): {"username": "matrix-new", "role": "platform"},
        ("POST", "/api/v1/admin/keys"): {"username": w.params_b["username"]},
        ("POST", "/api/v1/admin/rematch"): {"scope": "stale"},
    }
    if (method, path) in bodies:
        return {"json": bodies[(method, path)]}
    return {} if method in ("GET", "DELETE") else {"json": {}}


def _routes(app: Any) -> list[tuple[str, str]]:
    out = []
    for path, ops in app.openapi()["paths"].items():
        for method in ops:
            if method in ("get", "post", "put", "patch", "delete"):
                out.append((method.upper(), path))
    return sorted(out)


def _fill(path: str, params: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: params.get(m.group(1), "1"), path)


def test_every_route_of_ours_has_a_policy(app: Any) -> None:
    missing = [r for r in _routes(app) if OURS.match(r[1]) and r not in POLICY]
    assert missing == []


def test_matrix_other_tenants_objects_never_leak(
    app: Any, client: Any, db: Session, world: World
) -> None:
    problems: list[str] = []
    checked = 0
    for method, path in _routes(app):
        if not path.startswith("/api/"):
            continue
        params = set(re.findall(r"\{(\w+)\}", path))
        for role, headers in world.headers.items():
            nested = db.begin_nested()
            try:
                r = client.request(
                    method,
                    _fill(path, world.params_b),
                    headers=headers,
                    **_body(method, path, role, world, world.ent_b),
                )
            finally:
                nested.rollback()
            checked += 1
            where = f"{role:10} {method:6} {path} -> {r.status_code}"
            if r.status_code >= 500 and not (
                path == "/api/v1/admin/rematch" and r.status_code == 503
            ):
                problems.append(f"{where}: server error")
            public = path.startswith(PUBLIC_PREFIXES) and not path.endswith("/demand")
            if role == "anonymous":
                if not public and r.status_code != 401:
                    problems.append(f"{where}: anonymous must get 401")
                continue
            if role == "enterprise":
                leaked = [m for m in world.markers_b if m in r.text]
                if leaked:
                    problems.append(f"{where}: leaks tenant B ({leaked})")
                if params & TENANT_PARAMS and r.status_code < 400:
                    problems.append(f"{where}: another tenant's object must be 404")
            policy = POLICY.get((method, path))
            if policy is None:
                continue
            if role not in policy and r.status_code not in (403, 404):
                problems.append(f"{where}: role not allowed, expected 403")
            if role in policy and role != "enterprise" and r.status_code in (401, 403, 404):
                problems.append(f"{where}: role allowed, expected success")
    assert checked > 150
    assert problems == [], "\n".join(problems)


def test_matrix_own_objects_are_usable(app: Any, client: Any, db: Session, world: World) -> None:
    """The enterprise user can use every route its role allows on its own objects."""
    problems = []
    for (method, path), roles in POLICY.items():
        if "enterprise" not in roles:
            continue
        nested = db.begin_nested()
        try:
            r = client.request(
                method,
                _fill(path, world.params_a),
                headers=world.headers["enterprise"],
                **_body(method, path, "enterprise", world, world.ent_a),
            )
        finally:
            nested.rollback()
        if r.status_code >= 400:
            problems.append(f"{method} {path} -> {r.status_code} {r.text[:200]}")
    assert problems == []
