"""The application factory: routers, error handlers, limits and what is loaded once at start."""

from __future__ import annotations

import ctypes
import gc
import logging
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from vocmatch import __version__, wiring
from vocmatch.accounts.pages import router as accounts_pages
from vocmatch.accounts.router import router as accounts_router
from vocmatch.accounts.service import AUTHENTICATOR
from vocmatch.admin.pages import router as admin_pages
from vocmatch.analytics.commitments.pages import router as commitments_pages
from vocmatch.analytics.commitments.router import router as commitments_router
from vocmatch.analytics.pages import router as analytics_pages
from vocmatch.analytics.router import router as analytics_router
from vocmatch.analytics.service import warm_on_start as warm_analytics
from vocmatch.analytics.service import warm_readiness
from vocmatch.audit.pages import router as audit_pages
from vocmatch.audit.router import router as audit_router
from vocmatch.catalogue.pages import router as catalogue_pages
from vocmatch.catalogue.router import router as catalogue_router
from vocmatch.demand.imports.router import router as imports_router
from vocmatch.demand.matches.router import router as matches_router
from vocmatch.demand.pages import router as demand_pages
from vocmatch.demand.platform_batch.router import router as platform_batch_router
from vocmatch.demand.postings.router import router as postings_router
from vocmatch.demand.startup import freeze_startup_objects
from vocmatch.enterprises.pages import router as enterprise_pages
from vocmatch.enterprises.router import router as enterprises_router
from vocmatch.industries.pages import router as industries_pages
from vocmatch.industries.router import router as industries_router
from vocmatch.kit import docs, health, jobs, ratelimit
from vocmatch.kit import openapi as openapi_truth
from vocmatch.kit.admission import Admission, Gate
from vocmatch.kit.config import get_settings
from vocmatch.kit.db import make_engine
from vocmatch.kit.deps import (
    SESSION_COOKIE,
    authenticate_before_invalid,
    get_principal,
    install_one_hop,
)
from vocmatch.kit.edge import check_parameters
from vocmatch.kit.errors import install_error_handlers
from vocmatch.kit.headers import SecurityHeaders
from vocmatch.kit.limits import BodySizeLimit
from vocmatch.kit.logs import configure as configure_logging
from vocmatch.kit.observe import Observe
from vocmatch.kit.render import STATIC_DIR
from vocmatch.loading import data_readiness
from vocmatch.matching.pages import router as matching_pages
from vocmatch.matching.router import router as matching_router
from vocmatch.matching.startup import load_model_at_startup, readiness
from vocmatch.partnerships.pages import router as partnerships_pages
from vocmatch.partnerships.router import router as partnerships_router
from vocmatch.schools.capacity.router import router as capacity_router
from vocmatch.schools.destinations.pages import router as destinations_pages
from vocmatch.schools.destinations.router import router as destinations_router
from vocmatch.schools.pages import router as schools_pages
from vocmatch.schools.router import router as schools_router
from vocmatch.teachers.pages import router as teachers_pages
from vocmatch.teachers.records.pages import router as teachers_forms
from vocmatch.teachers.router import router as teachers_router

log = logging.getLogger(__name__)
GC_THRESHOLDS = (700, 10, 100)  # Python's default: (700, 10, 10)

# The general pages (home, catalogue, login) come last: they never shadow an API route.
ROUTERS = [
    catalogue_router,
    industries_router,
    matching_router,
    platform_batch_router,
    postings_router,
    imports_router,
    matches_router,
    enterprises_router,
    accounts_router,
    audit_router,
    analytics_router,
    commitments_router,
    schools_router,
    destinations_router,
    capacity_router,
    teachers_router,
    partnerships_router,
    matching_pages,
    analytics_pages,
    commitments_pages,
    schools_pages,
    destinations_pages,
    teachers_pages,
    teachers_forms,
    partnerships_pages,
    demand_pages,
    enterprise_pages,
    admin_pages,
    audit_pages,
    accounts_pages,
    industries_pages,
    catalogue_pages,
    docs.router,
]

# Functions run once at start-up with the app: load the matcher's model, warm the analytics cube,
# then keep what is loaded out of garbage collection (demand, issue 4: steady read latency).
STARTUP_HOOKS: list[Callable[[FastAPI], None]] = [
    load_model_at_startup,
    warm_analytics,
    freeze_startup_objects,
]
health.EXTRA_CHECKS.extend([data_readiness, readiness, warm_readiness])
wiring.install()

DESCRIPTION = """
Matches Ganxian District's vocational programmes (中职专业) to the four industrial chains of the
14th Five-Year Education Plan, to the 2022 national occupations, and to enterprise demand.

**Auth**: send an API key as `Authorization: Bearer vm_…` (or `X-API-Key`). Browser sessions use a
cookie and must echo the CSRF token in `X-CSRF-Token` on writes. Errors are
`application/problem+json` with `errors: [{field, message}]` for invalid input.
"""


def create_app(engine: Engine | None = None) -> FastAPI:
    """Build the FastAPI app (``engine`` defaults to the configured database)."""
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The threads that run the endpoints: the pool (threads + 2) and the admission limit are
        # sized from this number (README, "Serving, limits and health").
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        # The event loop shares the GIL with the worker threads. After each socket wait it asks
        # for the GIL back and, by default, waits up to 5 ms while a thread computes: at a few
        # hundred requests per second the loop then starves (/healthz took 0.5 s). A shorter
        # interval hands the GIL over sooner, at a few per cent of the threads' throughput.
        sys.setswitchinterval(settings.switch_interval_ms / 1000)
        # The collector stops every thread while it runs. With the model frozen out of it at start
        # (freeze_startup_objects) few long-lived objects remain, so by Python's default rule
        # (a full collection when they grow by a quarter) full collections came every second or
        # two under load and took 0.1-0.2 s, the objects of the requests in flight included. A
        # full collection now waits for 100 middle ones, not 10; the young ones stay small
        # (larger young generations made each middle collection cost 0.1 s of CPU).
        gc.set_threshold(*GC_THRESHOLDS)
        _limit_malloc_arenas()
        for hook in STARTUP_HOOKS:
            hook(app)
        # With Redis, this process also takes jobs from the queue (kit.jobs).
        jobs.start_worker(app.state.engine)
        yield
        jobs.stop_worker()
        app.state.probe_engine.dispose()

    app = FastAPI(
        title="vocmatch",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # /docs is kit.docs (Swagger UI from local files); no ReDoc (it needs a CDN).
        docs_url=None,
        redoc_url=None,
        # Every request resolves its caller once, in its endpoint's thread hop: a presented key is
        # always checked (a revoked key gets 401 even on public routes) and every caller is rate
        # limited. Parameters are checked at the edge (kit.edge) before any database work; a bad
        # one is a 422 rendered after the caller is known (401 first).
        dependencies=[Depends(get_principal, scope="function"), Depends(check_parameters)],
    )
    app.state.engine = engine or make_engine(serving=True)
    # With VOCMATCH_REDIS_URL every process counts the same windows (kit.ratelimit).
    ratelimit.use_redis()
    app.state.probe_engine = health.probe_engine(app.state.engine)
    app.state.authenticator = AUTHENTICATOR
    app.state.admission = Gate(
        limit=settings.max_in_flight,
        queue_size=settings.queue_size,
        queue_timeout=settings.queue_timeout_seconds,
        deadline=settings.request_deadline_seconds,
    )
    install_error_handlers(app, before_invalid=authenticate_before_invalid)
    # Middleware, innermost first: admission (bounded in-flight work), the body limit, the health
    # endpoints (answered before the app runs), the security headers, then Observe.
    app.add_middleware(Admission, gate=app.state.admission, exempt=("/static/",))
    app.add_middleware(
        BodySizeLimit,
        default=settings.max_body_bytes,
        # Evidence uploads (API and form): the file limit plus room for the multipart framing and
        # form fields; the file itself is held to max_upload_bytes when it is received.
        # Posting imports (CSV/XLSX, API and pages) get the same allowance.
        overrides={
            "/api/v1/partnerships/activities/": settings.max_upload_bytes + 64 * 1024,
            "/partnerships/activities/": settings.max_upload_bytes + 64 * 1024,
            "/api/v1/postings/import": settings.max_upload_bytes + 64 * 1024,
            "/postings/import": settings.max_upload_bytes + 64 * 1024,
            "/portal/import": settings.max_upload_bytes + 64 * 1024,
        },
    )
    app.add_middleware(health.HealthEndpoints)
    app.add_middleware(SecurityHeaders, session_cookie=SESSION_COOKIE)
    # Outermost: the request id, HEAD, the access line and the HTTP metrics see every response.
    app.add_middleware(Observe, metrics_token=settings.metrics_token)
    for router in ROUTERS:
        install_one_hop(router.routes)
        app.include_router(router)
    docs.mount_swagger_assets(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _add_problem_schema(app)
    return app


def _limit_malloc_arenas(arenas: int = 2) -> None:
    """Cap glibc's malloc arenas before the worker threads start (Linux; elsewhere a no-op).

    glibc gives each busy thread an arena of its own (up to 8 per core); freed memory scattered
    over many arenas is seldom returned, so RSS creeps up with the thread count.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    libc.mallopt(M_ARENA_MAX, arenas)


M_ARENA_MAX = -8  # glibc's mallopt parameter


def _add_problem_schema(app: FastAPI) -> None:
    original = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        schema["paths"] = {**health.OPENAPI_PATHS, **schema["paths"]}
        app.openapi_schema = openapi_truth.finish(app, schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
