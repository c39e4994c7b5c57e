"""The OpenAPI document tells the truth: problem+json errors, security, rate-limit headers, names
without module paths, and every request example in it works as shipped."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_enterprise, make_user
from tests.security.test_bad_input import World
from vocmatch.demand.matches import rematch
from vocmatch.kit import jobs

OPS = ("get", "post", "put", "patch", "delete")


def _ops(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(p, m, o) for p, item in spec["paths"].items() for m, o in item.items() if m in OPS]


def test_errors_security_and_headers_are_documented(app: FastAPI) -> None:
    spec = app.openapi()
    text = json.dumps(spec)
    assert "HTTPValidationError" not in text
    assert not [n for n in spec["components"]["schemas"] if "__" in n or n.startswith("Body_")]
    for path, method, op in _ops(spec):
        if path in ("/healthz", "/readyz"):
            continue  # answered by middleware before the app: no auth, no limits
        responses = op["responses"]
        for code in ("401", "422", "429", "503"):
            assert code in responses, (method, path, code)
        assert "Retry-After" in responses["429"]["headers"]
        for code, response in responses.items():
            if int(code) >= 400:
                assert list(response["content"]) == ["application/problem+json"], (path, code)
        assert op["security"], (method, path)
        if path.startswith("/api/v1/admin") or path.startswith("/api/v1/teachers"):
            assert {} not in op["security"], (method, path)  # authenticated only
    public = next(o for p, m, o in _ops(spec) if p == "/api/v1/programmes" and m == "get")
    assert {} in public["security"]
    batch = spec["paths"]["/api/v1/postings/batch"]["put"]["responses"]["200"]
    assert "Idempotent-Replayed" in batch["headers"]


def _examples(spec: dict[str, Any], op: dict[str, Any]) -> list[tuple[str, Any]]:
    content = op.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return []
    out = [(name, ex["value"]) for name, ex in content.get("examples", {}).items()]
    if "example" in content:
        out.append(("example", content["example"]))
    schema = content["schema"]
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    out += [(f"schema example {i}", ex) for i, ex in enumerate(schema.get("examples", []))]
    return out


def test_every_request_example_works_as_shipped(
    client: TestClient, app: FastAPI, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(jobs._TASKS, rematch.JOB, lambda *args, **kwargs: None)
    admin = api_key_headers(db, make_user(db, "admin"))
    enterprise = api_key_headers(db, make_user(db, "enterprise", enterprise=make_enterprise(db)))
    world = World(db, client, admin)
    make_user(db, "platform", username="hr-platform")  # the demo platform client the examples name
    spec = app.openapi()
    tried, failed = 0, []
    for path, method, op in _ops(spec):
        for name, body in _examples(spec, op):
            url = re.sub(r"{(\w+)}", lambda m: str(world.values.get(m.group(1), 1)), path)
            headers = enterprise if name == "enterprise" else admin
            nested = db.begin_nested()  # each example on the fixture data alone
            r = client.request(method.upper(), url, json=body, headers=headers)
            nested.rollback()
            tried += 1
            if r.status_code >= 300:
                failed.append(f"{method.upper()} {path} [{name}]: {r.status_code} {r.text[:300]}")
    assert tried >= 7  # the batch, postings, enterprises, users, keys, match, what-if …
    assert failed == [], "\n".join(failed)
