"""Reads that write an audit row never fail while the HR platform writes (SQLite: the audit row
is written after the read, in a transaction that queues for the lock like any writer)."""

from __future__ import annotations

import threading
import uuid
from collections import Counter

import httpx
from sqlalchemy import Engine, delete, func, select

from tests.demand.helpers import item, purge
from tests.demand.servers import committed_client, server
from vocmatch.audit.models import AuditEntry
from vocmatch.kit.db import transaction

READS = ("/api/v1/schools/GXZZ/offerings.xlsx", "/api/v1/teachers/action-plan")


def test_audited_reads_beside_a_writing_platform_never_answer_503(engine: Engine) -> None:
    tag = uuid.uuid4().hex[:8]
    prefix, reader, writer = f"RW{tag}-", f"rw-admin-{tag}", f"rw-platform-{tag}"
    admin = committed_client(engine, "admin", reader)
    platform = committed_client(engine, "platform", writer)
    statuses: Counter[int] = Counter()
    writes: Counter[int] = Counter()
    done = threading.Event()
    try:
        with server(engine) as srv:

            def write() -> None:
                with httpx.Client(base_url=srv.url, timeout=60) as c:
                    for k in range(12):
                        items = [item(f"{prefix}{k}-{i}") for i in range(40)]
                        r = c.put("/api/v1/postings/batch", json={"items": items}, headers=platform)
                        writes[r.status_code] += 1
                done.set()

            def read(path: str) -> None:
                with httpx.Client(base_url=srv.url, timeout=60) as c:
                    # Keep reading until the writer is done (and at least 5 times).
                    n = 0
                    while not done.is_set() or n < 5:
                        statuses[c.get(path, headers=admin).status_code] += 1
                        n += 1

            threads = [threading.Thread(target=write)] + [
                threading.Thread(target=read, args=(p,)) for p in READS for _ in range(2)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        assert writes == {200: 12}
        assert set(statuses) == {200}, statuses
        with transaction(engine, write=False) as s:
            audited = s.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.actor == reader)
            )
        assert audited == sum(statuses.values())  # every read left its audit row
    finally:
        purge(engine, external_prefix=prefix, usernames=(reader, writer))
        with transaction(engine) as s:
            s.execute(delete(AuditEntry).where(AuditEntry.actor.in_((reader, writer))))
