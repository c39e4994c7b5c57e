"""Fixtures for the serving tests: a committed platform key and real ``vocmatch serve`` processes."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.demand.helpers import purge
from tests.ops.loadgen import Call, ServerProcess, json_call, serve
from vocmatch.accounts import service as auth
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.db import transaction


@pytest.fixture
def platform_key(engine: Engine) -> Iterator[dict[str, str]]:
    """Headers of a committed platform client whose key allows any rate (deleted afterwards)."""
    username = f"ops-{uuid.uuid4().hex[:8]}"
    with transaction(engine) as s:
        auth.create_user(s, username=username, role="platform")
        issued = auth.create_key(s, username=username, name="ops", rate_limit_per_minute=10**7)
    yield {"Authorization": f"Bearer {issued.secret}"}
    purge(engine, usernames=(username,))


def mix(headers: dict[str, str]) -> list[Call]:
    """The operator's mix of issue 11: postings, match and analytics at today's date."""
    auth_headers = tuple(headers.items())
    today = date.today().isoformat()
    return [
        Call("postings", "GET", "/api/v1/postings?limit=20", headers=auth_headers, weight=3),
        json_call(
            "match",
            "POST",
            "/api/v1/match",
            {"text": "数控车床操作，会看图纸，FANUC 系统"},
            headers,
        ),
        Call(
            "analytics",
            "GET",
            f"/api/v1/analytics/fit?as_of={today}",
            headers=auth_headers,
            weight=2,
        ),
    ]


@pytest.fixture
def enterprise(engine: Engine) -> Iterator[int]:
    """A committed enterprise to post to (deleted with its postings afterwards)."""
    name = f"负载测试企业{uuid.uuid4().hex[:6]}有限公司"
    with transaction(engine) as s:
        ent = Enterprise(name=name, location_kind="high_tech_zone", status="active")
        s.add(ent)
        s.flush()
        ent_id = ent.id
    yield ent_id
    purge(engine, enterprise_names=(name,))


Serve = Callable[..., AbstractContextManager[ServerProcess]]


@pytest.fixture
def served(engine: Engine, tmp_path: Path) -> Serve:
    """Return ``served(**env)``: a context manager running ``vocmatch serve`` on the test database."""
    url = engine.url.render_as_string(hide_password=False)

    def start(**env: str) -> AbstractContextManager[ServerProcess]:
        environment = {
            "VOCMATCH_ENVIRONMENT": "test",
            **{f"VOCMATCH_{k.upper()}": v for k, v in env.items()},
        }
        return serve(url, env=environment, log=tmp_path / "server.log")

    return start
