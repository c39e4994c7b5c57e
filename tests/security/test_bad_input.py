"""Bad input to every write route: NUL, lone surrogates, control characters, 2^70, extreme dates,
explicit null and true-as-a-number, in every field of every body and in every path parameter.

No answer may be a 5xx, and a refused request changes no row in any table.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from tests.factories import make_enterprise, make_posting, make_user
from vocmatch.accounts import service as auth
from vocmatch.demand.matches import rematch
from vocmatch.kit import jobs
from vocmatch.kit.db import Base
from vocmatch.partnerships.models import Activity, Agreement, Partner
from vocmatch.schools.models import Offering, School
from vocmatch.teachers.models import Teacher, TeacherExperience

HUGE = 2**70
STRING_BAD = ["a\x00b", "a\ud800b", "a\x0bb", "\x01"]
INT_BAD = [HUGE, True]
DATE_BAD = ["0001-01-01", "9999-12-31", 20240101]
WRITES = ("post", "put", "patch", "delete")


def _counts(db: Session) -> tuple[int, ...]:
    tables = sorted(Base.metadata.tables)
    sql = "SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in tables)
    return tuple(db.execute(text(sql)).one())


class World:
    """Real objects for the path parameters, so a bad body meets a route that would write."""

    def __init__(self, db: Session, client: TestClient, admin: dict[str, str]) -> None:
        ent = make_enterprise(db)
        gxzz = db.scalars(select(School).where(School.code == "GXZZ")).one()
        teacher = db.scalars(select(Teacher).where(Teacher.school_id == gxzz.id)).first()
        assert teacher is not None
        work = TeacherExperience(
            teacher_id=teacher.id,
            employer="测试",
            start_date=__import__("datetime").date(2020, 1, 1),
        )
        db.add(work)
        db.flush()
        indicators = client.get("/api/v1/analytics/indicators", headers=admin).json()
        self.values: dict[str, Any] = {
            "posting_id": make_posting(db, ent).id,
            "enterprise_id": ent.id,
            "change_id": 1,
            "decision": "approve",
            "username": make_user(db, "platform").username,
            "prefix": "0123456789ab",
            "key": indicators[0]["key"],
            "code": "GXZZ",
            "offering_id": db.scalars(
                select(Offering.id).where(Offering.school_id == gxzz.id)
            ).first(),
            "partner_id": db.scalars(select(Partner.id)).first(),
            "teacher_id": teacher.id,
            "kind": "experience",
            "record_id": work.id,
            "agreement_id": db.scalars(select(Agreement.id)).first(),
            "activity_id": db.scalars(select(Activity.id)).first(),
            "evidence_id": 1,
            "school_id": gxzz.id,
            "chain_key": "rare_earth",
        }
        self.fields: dict[str, Any] = {
            "enterprise_id": ent.id,
            "teacher_id": teacher.id,
            "school_id": gxzz.id,
            "partner_ids": [self.values["partner_id"]],
            "programme_code": "660103",
            "programme_codes": ["660103"],
            "enterprise_name": ent.name,
        }


class Bodies:
    """A plausible body for a JSON schema: its example when it has one, else made up."""

    def __init__(self, spec: dict[str, Any], world: World) -> None:
        self.spec, self.world = spec, world

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def sample(self, schema: dict[str, Any], name: str = "") -> Any:
        schema = self.resolve(schema)
        if name in self.world.fields:
            return self.world.fields[name]
        if "examples" in schema and isinstance(schema["examples"], list):
            return schema["examples"][0]
        if "anyOf" in schema:
            variants = [v for v in schema["anyOf"] if self.resolve(v).get("type") != "null"]
            return self.sample(variants[0], name) if variants else None
        if "enum" in schema:
            return schema["enum"][0]
        kind = schema.get("type")
        if kind == "object":
            props = schema.get("properties", {})
            return {k: self.sample(props[k], k) for k in schema.get("required", []) if k in props}
        if kind == "array":
            n = max(1, schema.get("minItems", 0))
            return [self.sample(schema.get("items", {}), name) for _ in range(n)]
        if kind == "integer":
            return max(schema.get("minimum", 1), 1)
        if kind == "number":
            return 1.0
        if kind == "boolean":
            return False
        if schema.get("format") == "date":
            return "2026-09-01"
        if schema.get("pattern") == r"^\d{6}$" or schema.get("pattern") == "^[0-9]{6}$":
            return "660103"
        return "测试文本"[: max(2, schema.get("minLength", 2))]

    def mutations(self, schema: dict[str, Any], base: Any) -> list[tuple[str, Any]]:
        """Return (field path, bad body) for every property of ``schema`` and every bad value."""
        schema = self.resolve(schema)
        out: list[tuple[str, Any]] = []
        if not isinstance(base, dict):
            return out
        for name, prop in schema.get("properties", {}).items():
            prop_r = self.resolve(prop)
            variants = [self.resolve(v) for v in prop_r.get("anyOf", [prop_r])]
            kinds = {v.get("type") for v in variants}
            formats = {v.get("format") for v in variants}
            bad: list[Any] = [None]
            if "string" in kinds and "date" in formats:
                bad += DATE_BAD
            elif "string" in kinds:
                bad += STRING_BAD
            if "integer" in kinds or "number" in kinds:
                bad += INT_BAD
            if "array" in kinds:
                items = next(v for v in variants if v.get("type") == "array").get("items", {})
                item = self.resolve(items)
                if item.get("type") == "object" and isinstance(base.get(name), list):
                    first = base[name][0] if base[name] else self.sample(item)
                    for path, bad_item in self.mutations(item, first):
                        out.append((f"{name}.0.{path}", {**base, name: [bad_item]}))
                    continue
                bad += [[v] for v in STRING_BAD[:2] + INT_BAD]
            out += [(name, {**base, name: value}) for value in bad]
        return out


def _path(template: str, values: dict[str, Any]) -> str:
    # A parameter this test does not know gets 1 (an id or key that may not exist: still a route).
    return re.sub(r"{(\w+)}", lambda m: str(values.get(m.group(1), 1)), template)


@pytest.mark.slow
def test_bad_input_to_every_write_route_is_refused_cleanly(
    client: TestClient, app: FastAPI, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(jobs._TASKS, rematch.JOB, lambda *args, **kwargs: None)
    # A key of its own limit: the run sends more than the default 600 requests a minute.
    issued = auth.create_key(
        db,
        username=make_user(db, "admin").username,
        name="bad-input",
        rate_limit_per_minute=100_000,
    )
    admin = {"Authorization": f"Bearer {issued.secret}"}
    world = World(db, client, admin)
    spec = app.openapi()
    bodies = Bodies(spec, world)
    statuses: Counter[int] = Counter()
    problems: list[str] = []
    routes = 0
    for template, item in spec["paths"].items():
        for method, op in item.items():
            if method not in WRITES:
                continue
            routes += 1
            params = re.findall(r"{(\w+)}", template)
            cases: list[tuple[str, str, Any]] = []
            content = op.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                schema = content["application/json"]["schema"]
                base = bodies.sample(schema)
                cases += [
                    (_path(template, world.values), f, b) for f, b in bodies.mutations(schema, base)
                ]
                body_for_params: Any = base
            else:
                body_for_params = None
            for p in params:
                for bad in (str(HUGE), "%00", "a%0Bb", "-1"):
                    cases.append(
                        (_path(template, {**world.values, p: bad}), f"path {p}", body_for_params)
                    )
            if "multipart/form-data" in content:
                files = {"file": ("bad\x00.csv", b"a,b\n\x00,\x0b\n", "text/csv")}
                before = _counts(db)
                r = client.request(
                    method.upper(), _path(template, world.values), headers=admin, files=files
                )
                statuses[r.status_code] += 1
                if r.status_code >= 500 or (r.status_code >= 400 and _counts(db) != before):
                    problems.append(
                        f"{method.upper()} {template} file: {r.status_code} {r.text[:200]}"
                    )
            for url, field, body in cases:
                before = _counts(db)
                kwargs: dict[str, Any] = {"headers": admin}
                if body is not None:
                    kwargs["content"] = json.dumps(body)
                    kwargs["headers"] = {**admin, "Content-Type": "application/json"}
                r = client.request(method.upper(), url, **kwargs)
                statuses[r.status_code] += 1
                if r.status_code >= 500:
                    problems.append(
                        f"{method.upper()} {template} {field}: {r.status_code} {r.text[:200]}"
                    )
                elif r.status_code >= 400 and _counts(db) != before:
                    problems.append(
                        f"{method.upper()} {template} {field}: rows changed on {r.status_code}"
                    )
    print(
        f"\nbad input: {routes} write routes, {sum(statuses.values())} requests, {dict(statuses)}"
    )
    assert problems == [], "\n".join(problems)
    assert statuses[422] > 0 and not any(s >= 500 for s in statuses)
