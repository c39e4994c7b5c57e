"""Liveness and readiness say what is wrong and what to run."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from vocmatch.kit.db import make_engine
from vocmatch.main import create_app


def test_healthz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_checks_database_migrations_and_data(client: TestClient) -> None:
    body = client.get("/readyz").json()
    for name in ("database", "migrations", "data"):
        assert body["checks"][name]["ok"], body


def test_readyz_on_an_empty_database_says_what_to_run(tmp_path: Path) -> None:
    app = create_app(make_engine(f"sqlite:///{tmp_path / 'empty.db'}"))
    with TestClient(app) as c:
        r = c.get("/readyz")
    assert r.status_code == 503
    checks = r.json()["checks"]
    assert not checks["migrations"]["ok"]
    assert "vocmatch db upgrade" in checks["migrations"]["detail"]


def test_openapi_documents_problem_and_security(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "Problem" in schema["components"]["schemas"]
    assert "apiKey" in schema["components"]["securitySchemes"]
    assert "/api/v1/programmes/{code}" in schema["paths"]
