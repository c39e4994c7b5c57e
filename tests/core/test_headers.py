"""Security headers: a CSP and no framing everywhere, no-store on whatever a caller's credentials
unlocked."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, login, make_user


def test_pages_forbid_framing_and_foreign_scripts(client: TestClient) -> None:
    r = client.get("/", headers={"Accept": "text/html"})
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    # A public page seen anonymously may be cached.
    assert "no-store" not in r.headers.get("cache-control", "")


def test_no_page_template_has_inline_script_or_handler() -> None:
    import re
    from pathlib import Path

    templates = Path(__file__).parents[2] / "vocmatch" / "web" / "templates"
    inline = re.compile(r"<script(?![^>]*\bsrc=)|\son[a-z]+=\"|javascript:")
    offenders = [
        f"{p.relative_to(templates)}:{n}"
        for p in templates.rglob("*.html")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if inline.search(line)
    ]
    assert offenders == []  # the CSP would block them


def test_api_answers_to_a_key_are_not_stored(client: TestClient, db: Session) -> None:
    headers = api_key_headers(db, make_user(db, "admin"))
    r = client.get("/api/v1/teachers", headers=headers)
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_pages_of_a_session_are_not_stored_and_logout_clears_the_cache(
    client: TestClient, db: Session
) -> None:
    user = make_user(db, "planner")
    token = login(client, user.username)
    r = client.get("/teachers/list", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    out = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert out.headers["clear-site-data"] == '"cache"'
    assert out.headers["cache-control"] == "no-store"
