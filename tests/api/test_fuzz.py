"""Schemathesis over the whole OpenAPI as admin, platform, planner and enterprise.

Every operation gets ``EXAMPLES`` generated requests that fit its schema and ``EXAMPLES`` that break
it, sent through the app on the test database (each role's writes are rolled back after its run).
No answer may be a 5xx; every answer must be a documented status with a documented content type,
headers and body schema; a request that breaks the schema must be refused with a 4xx. The figures
(operations, examples, seconds) are printed with ``-s``; ``VOCMATCH_FUZZ_EXAMPLES`` changes the
bound (the default keeps the four runs near a minute on two shared cores).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis import checks as sc
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_enterprise, make_user
from vocmatch.demand.matches import rematch
from vocmatch.kit import jobs

EXAMPLES = int(os.environ.get("VOCMATCH_FUZZ_EXAMPLES", "6"))
CHECKS = [
    sc.not_a_server_error,
    sc.status_code_conformance,
    sc.content_type_conformance,
    sc.response_headers_conformance,
    sc.response_schema_conformance,
]
NEGATIVE_CHECKS = [*CHECKS, sc.negative_data_rejection]


@dataclass
class Run:
    """What one role's run did and what failed (one failure kept per operation and mode)."""

    operations: int = 0
    examples: int = 0
    seconds: float = 0.0
    not_applicable: int = 0
    failures: dict[str, str] = field(default_factory=dict)


def _headers(db: Session, role: str) -> dict[str, str]:
    if role == "enterprise":
        return api_key_headers(db, make_user(db, role, enterprise=make_enterprise(db)))
    return api_key_headers(db, make_user(db, role))


def fuzz(app: FastAPI, headers: dict[str, str]) -> Run:
    """Run every operation of the app's OpenAPI in both modes; return the figures."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    run = Run()
    start = time.perf_counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        run.operations += 1
        for mode, checks in (
            (GenerationMode.POSITIVE, CHECKS),
            (GenerationMode.NEGATIVE, NEGATIVE_CHECKS),
        ):
            label = f"{operation.label} [{mode.value}]"
            send = _sender(operation, mode, checks, headers, run)
            try:
                send()
            except Unsatisfiable:
                # Nothing to break: no parameter or body can be made invalid (GET /healthz).
                run.not_applicable += 1
            except (Exception, BaseExceptionGroup) as exc:  # reported below, one per operation
                run.failures[label] = str(exc).strip()[:1500]
    run.seconds = time.perf_counter() - start
    return run


def _sender(
    operation: Any,
    mode: GenerationMode,
    checks: list[Callable[..., Any]],
    headers: dict[str, str],
    run: Run,
) -> Callable[[], None]:
    """Return the Hypothesis test sending ``EXAMPLES`` cases of ``operation`` in ``mode``."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def send(case: Any) -> None:
        run.examples += 1
        case.call_and_validate(headers=headers, checks=checks)

    return send  # type: ignore[no-any-return]


@pytest.mark.slow
@pytest.mark.parametrize("role", ["admin", "platform", "planner", "enterprise"])
def test_the_whole_api_answers_as_documented(
    role: str, client: TestClient, app: FastAPI, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A re-match job runs in a thread on its own connection: it would commit outside the test's
    # rolled-back transaction (and wait for its lock on SQLite). The job row is still written.
    monkeypatch.setitem(jobs._TASKS, rematch.JOB, lambda *args, **kwargs: None)
    run = fuzz(app, _headers(db, role))
    print(
        f"\nschemathesis {role}: {run.operations} operations, {run.examples} examples, "
        f"{run.seconds:.1f} s, {len(run.failures)} failures "
        f"({run.not_applicable} operations have nothing a negative case could break)"
    )
    report = "\n\n".join(f"== {label}\n{text}" for label, text in sorted(run.failures.items()))
    assert run.failures == {}, report
