"""The "Try matching" page: a visitor pastes a posting and sees chain, occupations, programmes."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.factories import login, make_user

POSTING = {"title": "萃取操作工", "text": "負責萃取槽巡檢、串級萃取和皂化，倒班。ＰＬＣ不要求。"}


def test_anonymous_visitor_matches_a_posting(client: TestClient) -> None:
    assert client.get("/match").status_code == 200
    r = client.post("/match", data=POSTING)
    assert r.status_code == 200
    assert 'data-chain="rare_earth"' in r.text
    marks = re.findall(r"<mark [^>]*>([^<]*)</mark>", r.text)
    assert "萃取槽" in marks  # highlighted in the visitor's own (traditional) text
    assert 'data-testid="match-occupations"' in r.text


def test_empty_form_says_what_is_missing(client: TestClient) -> None:
    r = client.post("/match", data={"title": " ", "text": ""})
    assert r.status_code == 422
    assert 'data-testid="match-error"' in r.text


def test_logged_in_form_needs_its_csrf_token(client: TestClient, db: Session) -> None:
    token = login(client, make_user(db, "admin").username)
    assert client.post("/match", data=POSTING).status_code == 403
    assert client.post("/match", data={**POSTING, "csrf_token": token}).status_code == 200


def test_the_page_escapes_what_it_echoes(client: TestClient) -> None:
    r = client.post("/match", data={"title": "<script>alert(1)</script>萃取槽", "text": ""})
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text


def test_the_page_shows_what_normalisation_removed(client: TestClient) -> None:
    r = client.post("/match", data={"title": "某某五金制品有限公司招聘焊工", "text": ""})
    assert r.status_code == 200
    shown = re.search(r'<p data-testid="match-removed">(.*?)</p>', r.text, re.S)
    assert shown is not None
    kinds = re.findall(r'data-kind="([a-z]+)"', shown.group(1))
    struck = re.findall(r"<s>([^<]*)</s>", shown.group(1))
    assert list(zip(kinds, struck, strict=True)) == [
        ("employer", "某某五金制品有限公司"),
        ("recruit", "招聘"),
    ]
