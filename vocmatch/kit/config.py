"""Settings from the environment (prefix ``VOCMATCH_``), validated once and cached."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent.parent

# Known-unsafe values that must never reach production.
_DEV_SECRET = "dev-insecure-secret-change-me"


class Settings(BaseSettings):
    """Runtime configuration. Every field can be set as ``VOCMATCH_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="VOCMATCH_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = Field(default=f"sqlite:///{ROOT / 'var' / 'vocmatch.db'}")
    data_dir: Path = ROOT / "data"
    models_dir: Path = ROOT / "models"
    upload_dir: Path = ROOT / "var" / "uploads"
    # Where the analytics projection is saved after the start-up warm-up, so the next start
    # resumes from it (only what changed since is re-read). Empty: never saved.
    analytics_state_dir: Path | None = ROOT / "var" / "analytics"
    secret_key: str = _DEV_SECRET
    # None means "secure unless developing on localhost" (browsers refuse Secure cookies over http).
    cookie_secure: bool | None = None
    session_hours: int = 12
    max_body_bytes: int = 5 * 1024 * 1024
    max_upload_bytes: int = 10 * 1024 * 1024
    rate_limit_per_minute: int = 600
    anonymous_rate_limit_per_minute: int = 1200
    match_text_limit: int = 4000
    log_level: str = "INFO"
    log_format: Literal["text", "json"] = "text"
    # /metrics answers an administrator's key, or (for a Prometheus scraper, before admission so
    # it is scraped under overload too) `Authorization: Bearer <this token>` when it is set.
    metrics_token: str | None = Field(default=None, min_length=16)
    # SQLite busy timeout: long enough that queued writers wait instead of failing, short enough
    # that a wedged writer turns into a 503 well within a client's patience.
    sqlite_busy_timeout_ms: int = 10_000
    # Serving under load (README "Serving, limits and health" gives the arithmetic). Every request
    # runs its database work in one worker thread and holds a pooled connection only there, so
    # the pool is sized from the threads: pool_size = threads + 2 (background jobs), and a
    # request's connection wait never exceeds pool_timeout_seconds (then 503, never 500).
    # 4, not 8: with 8 CPU-bound threads the event loop waited behind them for the GIL, and at 5x
    # the sustainable rate /healthz took 0.5 s and clients timed out (bench/results/overload.json).
    threads: int = Field(default=4, ge=1)
    max_in_flight: int = Field(default=4, ge=1)
    queue_size: int = Field(default=16, ge=0)
    queue_timeout_seconds: float = Field(default=0.5, gt=0)
    request_deadline_seconds: float = Field(default=10.0, gt=0)
    pool_size: int | None = Field(default=None, ge=1)  # None: threads + 2
    pool_timeout_seconds: float = Field(default=2.0, gt=0)
    statement_timeout_ms: int = Field(default=10_000, ge=0)
    shutdown_grace_seconds: float = Field(default=10.0, ge=0)
    switch_interval_ms: float = Field(default=1.0, gt=0)  # GIL hand-over (Python's default: 5)
    # Shared state (README "Running more than one process"): with a Redis URL, rate limits, the
    # data versions the caches check and the job queue live in Redis, under ``redis_prefix``;
    # without, each process keeps its own (the embedded default).
    redis_url: str | None = None
    redis_prefix: str = "vocmatch:"
    # A verified API key is trusted this long without the database (revocation's delay, at most).
    key_cache_seconds: float = Field(default=5.0, ge=0)
    key_cache_size: int = Field(default=1024, ge=1)
    # Worker threads each process gives the job queue (0: this process sends jobs, never runs them).
    job_threads: int = Field(default=1, ge=0)
    # A worker silent this long is presumed dead and its unfinished jobs go to another worker.
    job_heartbeat_seconds: float = Field(default=15.0, gt=0)
    # Postings a re-match commits at a time (the most a killed worker loses), and a pause after
    # each chunk, leaving the database and the CPU to the requests while a large one runs.
    rematch_chunk: int = Field(default=1000, ge=1)
    rematch_pause_ms: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.environment == "production":
            if self.secret_key == _DEV_SECRET or len(self.secret_key) < 32:
                raise ValueError(
                    "VOCMATCH_SECRET_KEY must be set to a random value of at least 32 characters "
                    f"in production (e.g. {secrets.token_urlsafe(32)})"
                )
            if self.cookie_secure is False:
                raise ValueError("VOCMATCH_COOKIE_SECURE=false is not allowed in production")
        return self

    @property
    def secure_cookies(self) -> bool:
        """Whether cookies carry the Secure flag."""
        if self.cookie_secure is not None:
            return self.cookie_secure
        return self.environment == "production"

    @property
    def is_sqlite(self) -> bool:
        """True when the database is SQLite."""
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings (read once)."""
    return Settings()
