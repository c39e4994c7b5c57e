"""Every endpoint does its database work in one thread hop (issue 11: no deadlock by construction)."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from vocmatch.kit.deps import get_session
from vocmatch.main import ROUTERS, create_app


def _routes() -> Iterator[APIRoute]:
    create_app()  # installs the wrapper on every router's routes
    for router in ROUTERS:
        yield from (r for r in router.routes if isinstance(r, APIRoute))


def _uses_session(dependant: Any) -> bool:
    return any(d.call is get_session or _uses_session(d) for d in dependant.dependencies)


def test_every_endpoint_runs_its_work_and_commit_in_its_one_hop() -> None:
    routes = list(_routes())
    assert len(routes) > 100
    unwrapped = [r.path for r in routes if not getattr(r.endpoint, "__one_hop__", False)]
    assert unwrapped == []


def test_no_async_endpoint_touches_the_database_on_the_event_loop() -> None:
    # An async endpoint would run its queries on the loop (stalling /healthz and every request)
    # after its caller was checked in a hop of its own: forms come in through FormDep instead.
    offenders = [
        f"{sorted(r.methods)} {r.path}"
        for r in _routes()
        if inspect.iscoroutinefunction(inspect.unwrap(r.endpoint)) and _uses_session(r.dependant)
    ]
    assert offenders == []


def test_a_missing_credential_is_still_refused_before_bad_input_is_judged(
    client: TestClient,
) -> None:
    # The caller is resolved in the hop; when validation fails first, it is resolved anyway.
    anonymous = client.post("/api/v1/postings", json={"title": ""})
    assert anonymous.status_code == 401
    bad_key = client.post(
        "/api/v1/postings", json={"title": ""}, headers={"Authorization": "Bearer vm_nope_nope"}
    )
    assert bad_key.status_code == 401
    assert bad_key.json()["detail"] == "invalid, expired or revoked API key"
