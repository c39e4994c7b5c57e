"""Validation at the edge: parameters (kit.edge) and bodies (kit.schema.Input) refuse bad input
with 422 naming the field, before any database work."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from pydantic import Field, ValidationError
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_user
from vocmatch.kit.pagination import encode_cursor
from vocmatch.kit.schema import Input


class Sample(Input):
    title: str = Field(min_length=1)
    headcount: int = 1
    ids: list[int] = []
    valid_from: date | None = None
    score: float = 0.0


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"title": "电工\x00"}, "title", "U+0000"),
        ({"title": "电工\ud800"}, "title", "U+D800"),
        ({"title": "电\x0b工"}, "title", "U+000B"),
        ({"title": "\u200b\u200d\ufeff"}, "title", "at least 1 character"),
        ({"title": "电工", "headcount": True}, "headcount", "not true/false"),
        ({"title": "电工", "ids": [1, False]}, "ids", "not true/false"),
        ({"title": "电工", "headcount": 2**70}, "headcount", "between"),
        ({"title": "电工", "valid_from": 1700000000}, "valid_from", "not a number"),
        ({"title": "电工", "valid_from": "20240101"}, "valid_from", "not a number"),
        ({"title": "电工", "valid_from": "0001-01-01"}, "valid_from", "between"),
        ({"title": "电工", "valid_from": "9999-12-31"}, "valid_from", "between"),
        ({"title": "电工", "score": float("nan")}, "score", "finite"),
        ({"title": "电工", "id": 7}, "id", "Extra inputs"),
        ({"title": "电工", "created_at": "2026-01-01"}, "created_at", "Extra inputs"),
    ],
)
def test_input_refuses_and_names_the_field(body: dict, field: str, says: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Sample.model_validate(body)
    (error,) = exc.value.errors()
    assert error["loc"][0] == field and says in error["msg"]


def test_input_keeps_good_text_and_states_ranges() -> None:
    ok = Sample.model_validate({"title": "数控车工\n（夜班）\t", "valid_from": "2026-09-01"})
    assert ok.title == "数控车工\n（夜班）\t" and ok.valid_from == date(2026, 9, 1)
    props = Sample.model_json_schema()["properties"]
    assert props["headcount"]["maximum"] == 2**31 - 1
    assert props["ids"]["items"]["minimum"] == -(2**31)
    assert props["valid_from"]["anyOf"][0]["formatMaximum"] == "2100-12-31"


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/programmes?q=%00", "q"),
        ("/api/v1/programmes?q=a%0Bb", "q"),
        ("/api/v1/enterprises/1180591620717411303424", "enterprise_id"),
        ("/api/v1/teachers/1180591620717411303424", "teacher_id"),
        ("/api/v1/teachers/share?as_of=9999-12-31", "as_of"),
        ("/api/v1/teachers/share?as_of=0001-01-01", "as_of"),
        ("/api/v1/teachers/share?as_of=20240101", "as_of"),
    ],
)
def test_bad_parameters_are_422_naming_them(
    client: TestClient, db: Session, url: str, field: str
) -> None:
    headers = api_key_headers(db, make_user(db, "admin"))
    r = client.get(url, headers=headers)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert field in {e["field"] for e in r.json()["errors"]}


def test_bad_parameters_are_refused_before_authentication(client: TestClient) -> None:
    r = client.get("/api/v1/teachers/1180591620717411303424")
    assert r.status_code == 422


def test_a_cursor_holding_a_huge_number_is_422(client: TestClient, db: Session) -> None:
    headers = api_key_headers(db, make_user(db, "admin"))
    r = client.get(f"/api/v1/enterprises?cursor={encode_cursor(2**70)}", headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "cursor"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/analytics/indicators?as_of=2100-12-31",
        "/api/v1/analytics/fit?as_of=1999-12-31",
        "/api/v1/teachers/share?as_of=2051-01-01",
        "/api/v1/partnerships/indicators?as_of=2060-06-01",
    ],
)
def test_as_of_is_bounded_to_the_plans_world(client: TestClient, db: Session, url: str) -> None:
    # 2000-01-01 … 2050-12-31: far dates made the analytics walk every day to them under a lock.
    headers = api_key_headers(db, make_user(db, "admin"))
    r = client.get(url, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "as_of"
    assert client.get(url.split("?")[0] + "?as_of=2050-12-31", headers=headers).status_code == 200


def test_full_width_digits_are_not_a_programme_code(client: TestClient, db: Session) -> None:
    # Unicode-aware \\d accepted "６６０１０３"; patterns spell out [0-9].
    headers = api_key_headers(db, make_user(db, "admin"))
    r = client.get("/api/v1/analytics/programmes/６６０１０３", headers=headers)
    assert r.status_code == 422
