"""Evidence uploads: allowed types by content, size limit, safe names, authorised downloads."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_user
from tests.partnerships.helpers import (
    JPG,
    PDF,
    PNG,
    AuditLog,
    docx_bytes,
    make_activity,
    partner,
    school,
)
from vocmatch.kit.config import get_settings

API = "/api/v1/partnerships"


@pytest.fixture
def activity_id(db: Session) -> int:
    return make_activity(db, school(db, "GXZZ"), [partner(db, "szpt")], programmes=["660103"]).id


def _upload(
    client: TestClient,
    aid: int,
    name: str,
    content: bytes,
    headers: dict[str, Any],
    ctype: str = "application/octet-stream",
):  # type: ignore[no-untyped-def]
    return client.post(
        f"{API}/activities/{aid}/evidence", files={"file": (name, content, ctype)}, headers=headers
    )


def test_upload_and_download_as_attachment(
    client: TestClient,
    db: Session,
    audit_log: AuditLog,
    planner: dict[str, Any],
    activity_id: int,
    upload_dir: Path,
) -> None:
    r = _upload(client, activity_id, "签约仪式.pdf", PDF, planner, "text/html")
    assert r.status_code == 201, r.text
    ev = r.json()
    sha = hashlib.sha256(PDF).hexdigest()
    assert ev["sha256"] == sha and ev["content_type"] == "application/pdf"  # declared type ignored
    assert (upload_dir / sha[:2] / sha).read_bytes() == PDF
    got = client.get(ev["url"], headers=planner)
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%E7%AD%BE" in got.headers["content-disposition"]
    assert got.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in got.headers["content-security-policy"]
    listed = client.get(f"{API}/activities/{activity_id}", headers=planner).json()["evidence"]
    assert [e["filename"] for e in listed] == ["签约仪式.pdf"]
    actions = [a.action for a in audit_log("evidence", ev["id"])]
    assert actions == ["create", "view"]


@pytest.mark.parametrize(
    ("name", "content"),
    [("photo.png", PNG), ("scan.JPG", JPG), ("scan.jpeg", JPG), ("plan.docx", docx_bytes())],
)
def test_allowed_types(
    client: TestClient, planner: dict[str, Any], activity_id: int, name: str, content: bytes
) -> None:
    assert _upload(client, activity_id, name, content, planner).status_code == 201


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("run.exe", b"MZ\x90\x00"),
        ("page.html", b"<script>alert(1)</script>"),
        ("image.svg", b"<svg onload=alert(1)/>"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf"),  # extension and content disagree
        ("fake.docx", PDF),
        ("noext", PDF),
    ],
)
def test_refused_types_are_415(
    client: TestClient,
    planner: dict[str, Any],
    activity_id: int,
    name: str,
    content: bytes,
    upload_dir: Path,
) -> None:
    r = _upload(client, activity_id, name, content, planner)
    assert r.status_code == 415, r.text
    assert r.json()["errors"][0]["field"] == "file"
    assert not list(upload_dir.glob("??/*"))  # nothing kept


def test_empty_file_is_422(client: TestClient, planner: dict[str, Any], activity_id: int) -> None:
    r = _upload(client, activity_id, "empty.pdf", b"", planner)
    assert r.status_code == 422 and "empty" in r.json()["detail"]


def test_too_large_is_413(
    client: TestClient, planner: dict[str, Any], activity_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "max_upload_bytes", 1000)
    r = _upload(client, activity_id, "big.pdf", PDF + b"0" * 1000, planner)
    assert r.status_code == 413
    assert "big.pdf" in r.json()["detail"]
    # At the limit it is fine.
    assert (
        _upload(client, activity_id, "ok.pdf", PDF + b"0" * (1000 - len(PDF)), planner).status_code
        == 201
    )


def test_body_over_the_middleware_limit_is_413(
    client: TestClient, planner: dict[str, Any], activity_id: int
) -> None:
    limit = get_settings().max_upload_bytes
    r = _upload(client, activity_id, "huge.pdf", PDF + b"0" * (limit + 70 * 1024), planner)
    assert r.status_code == 413


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.ini.pdf", "win.ini.pdf"),
        ("/abs/path/报告.pdf", "报告.pdf"),
        ("....pdf", "pdf"),
        ("a<b>|c?.pdf", "a_b__c_.pdf"),
    ],
)
def test_path_traversal_names_are_sanitised(
    client: TestClient,
    planner: dict[str, Any],
    activity_id: int,
    upload_dir: Path,
    name: str,
    stored: str,
) -> None:
    r = _upload(client, activity_id, name, PDF, planner)
    if stored == "pdf":  # nothing left but an extension-less word: refused as a type
        assert r.status_code == 415
        return
    assert r.status_code == 201, r.text
    assert r.json()["filename"] == stored
    files = [p for p in upload_dir.rglob("*") if p.is_file()]
    assert [p.name for p in files] == [hashlib.sha256(PDF).hexdigest()]
    assert all(upload_dir in p.parents for p in files)
    cd = client.get(r.json()["url"], headers=planner).headers["content-disposition"]
    assert "/" not in cd.split("filename=")[1].split(";")[0] and "\r" not in cd


def test_safe_filename_drops_paths_controls_and_quotes() -> None:
    from vocmatch.partnerships.evidence.service import safe_filename

    assert safe_filename('a"b<c>\r\n.pdf') == "a_b_c_.pdf"
    assert safe_filename("C:\\Users\\x\\..\\证明.PDF") == "证明.PDF"
    assert safe_filename("  .hidden.pdf ") == "hidden.pdf"
    assert safe_filename("") == "evidence"
    assert len(safe_filename("长" * 300 + ".pdf")) <= 120
    assert safe_filename("长" * 300 + ".pdf").endswith(".pdf")


def test_downloads_are_authorised(
    client: TestClient,
    db: Session,
    planner: dict[str, Any],
    other_planner: dict[str, Any],
    activity_id: int,
) -> None:
    ev = _upload(client, activity_id, "x.pdf", PDF, planner).json()
    assert client.get(ev["url"]).status_code == 401
    assert client.get(ev["url"], headers=other_planner).status_code == 404
    assert _upload(client, activity_id, "y.pdf", PDF, other_planner).status_code == 404
    platform = api_key_headers(db, make_user(db, "platform"))
    assert client.get(ev["url"], headers=platform).status_code == 403
    assert client.delete(ev["url"], headers=other_planner).status_code == 404
    assert client.delete(ev["url"], headers=planner).status_code == 204
    assert client.get(ev["url"], headers=planner).status_code == 404


def test_equal_files_share_one_blob_and_prune_keeps_used_ones(
    client: TestClient, db: Session, planner: dict[str, Any], activity_id: int, upload_dir: Path
) -> None:
    from vocmatch.partnerships.evidence.service import prune_blobs

    a = _upload(client, activity_id, "a.pdf", PDF, planner).json()
    _upload(client, activity_id, "b.pdf", PDF, planner)
    assert len(list(upload_dir.glob("??/*"))) == 1
    stray = upload_dir / "ab" / ("ab" + "0" * 62)
    stray.parent.mkdir()
    stray.write_bytes(b"orphan")
    assert prune_blobs(db, min_age_seconds=0) == [stray]
    client.delete(a["url"], headers=planner)
    assert prune_blobs(db, min_age_seconds=0) == []  # b.pdf still uses the blob
