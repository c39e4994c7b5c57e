"""Prometheus metrics (``prometheus_client``): what ``/metrics`` exposes.

The HTTP ones are counted by ``kit.observe``; the domains count their own (matches, analytics
cache, job progress) through the objects below — kit knows no domain, the domains import kit.
With several worker processes set ``PROMETHEUS_MULTIPROC_DIR`` to an empty directory shared by
the workers (emptied at each deploy): every process writes its figures there and ``/metrics``
adds them up, whichever worker answers the scrape.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter(
    "vocmatch_http_requests_total",
    "HTTP requests answered, by method, route template and status",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "vocmatch_http_request_duration_seconds",
    "Time from receiving a request to the end of its response, by method and route template",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
IN_FLIGHT = Gauge(
    "vocmatch_http_requests_in_flight",
    "Requests received and not yet answered (queued for admission included)",
    multiprocess_mode="livesum",
)
REFUSED = Counter(
    "vocmatch_admission_refused_total",
    "Requests answered 503 by admission (in-flight limit and queue full, or queue timeout)",
)
MATCHES = Counter(
    "vocmatch_matches_total",
    "Texts and postings run through the matcher, by call (one text, or a batch's items)",
    ["call"],
)
CACHE = Counter(
    "vocmatch_analytics_cache_total",
    "Analytics requests by what the cache had to do: hit (nothing changed), incremental, full",
    ["result"],
)
JOB_DONE = Gauge(
    "vocmatch_job_done",
    "Items done by the latest run of a background job",
    ["job"],
    multiprocess_mode="mostrecent",
)
JOB_TOTAL = Gauge(
    "vocmatch_job_total",
    "Items to do in the latest run of a background job",
    ["job"],
    multiprocess_mode="mostrecent",
)


def job_progress(job: str, done: int, total: int) -> None:
    """Record how far the running ``job`` has got."""
    JOB_DONE.labels(job).set(done)
    JOB_TOTAL.labels(job).set(total)


def render() -> tuple[bytes, str]:
    """Return the exposition text and its content type (all workers' figures when multiprocess)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
