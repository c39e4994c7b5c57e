"""Postings are matched when written, by the loader, and again by a re-match after a retrain."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from tests.demand.helpers import item, platform_headers
from tests.factories import api_key_headers, make_enterprise, make_posting, make_user
from vocmatch.demand.matches import rematch
from vocmatch.demand.models import Posting, PostingProgramme, RematchJob
from vocmatch.demand.postings.match_store import current_model_version
from vocmatch.kit import jobs


def test_batch_items_are_matched_with_the_model_version(client, db: Session) -> None:
    r = client.put(
        "/api/v1/postings/batch",
        json={
            "items": [item("M-1", title="稀土萃取工", description="串级萃取分离稀土，萃取槽操作")]
        },
        headers=platform_headers(db),
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["model_version"] == current_model_version() is not None
    p = db.get(Posting, body["items"][0]["id"])
    assert p.model_version == body["model_version"] and p.matched_at is not None
    assert p.chain == body["items"][0]["chain"] and set(p.match) >= {
        "chain",
        "chains",
        "occupations",
        "programmes",
    }
    m = client.get(f"/api/v1/postings/{p.id}/matches", headers=platform_headers(db)).json()
    assert m["model_version"] == p.model_version
    assert [x["code"] for x in m["programmes"]] == [x["code"] for x in p.match["programmes"]]


def test_correction_survives_a_rematch_and_a_batch_rewrite(client, db: Session) -> None:
    h = platform_headers(db)
    r = client.put("/api/v1/postings/batch", json={"items": [item("M-2")]}, headers=h)
    pid = r.json()["items"][0]["id"]
    admin = api_key_headers(db, make_user(db, "admin"))
    client.put(f"/api/v1/postings/{pid}/correction", json={"chain": "tungsten"}, headers=admin)
    rematch.rematch_chunk(db, [pid])
    client.put("/api/v1/postings/batch", json={"items": [item("M-2", headcount=9)]}, headers=h)
    got = client.get(f"/api/v1/postings/{pid}", headers=h).json()
    assert got["chain"] == "tungsten" and got["chain_corrected"] and got["headcount"] == 9


def test_rematch_fills_in_postings_of_another_model_version(db: Session) -> None:
    ent = make_enterprise(db)
    old = make_posting(db, ent, title="数控车工", model_version="old-model", chain="none")
    version = current_model_version()
    assert version is not None
    ids = rematch.ids_to_rematch(db, version=version)
    assert old.id in ids
    rematch.rematch_chunk(db, ids)
    db.refresh(old)
    assert old.model_version == version
    assert old.matched_at is not None
    indexed = db.scalar(
        select(func.count())
        .select_from(PostingProgramme)
        .where(PostingProgramme.posting_id == old.id)
    )
    assert indexed == min(5, len(old.match["programmes"]))
    assert old.id not in rematch.ids_to_rematch(db, version=version)


def test_admin_rematch_api_starts_a_job(client, db: Session, monkeypatch) -> None:
    ran: list[int] = []
    monkeypatch.setitem(jobs._TASKS, rematch.JOB, lambda engine, job_id: ran.append(job_id))
    admin = api_key_headers(db, make_user(db, "admin"))
    r = client.post("/api/v1/admin/rematch", json={"scope": "all"}, headers=admin)
    assert r.status_code == 202 and r.json()["status"] == "queued"
    assert ran == [r.json()["id"]]
    assert (
        client.get(f"/api/v1/admin/rematch/{r.json()['id']}", headers=admin).json()["scope"]
        == "all"
    )


def test_a_job_taken_again_goes_on_after_the_last_committed_posting(db: Session) -> None:
    """The queue hands a job whose worker died to another (kit.jobs): it resumes, not restarts."""
    ent = make_enterprise(db)
    first, second, third = (
        make_posting(db, ent, title=t, model_version="old-model", chain="none")
        for t in ("数控车工", "电工", "焊工")
    )
    # The dead worker committed the first posting's chunk: cursor on it, one done of three.
    job = RematchJob(status="running", scope="stale", cursor=first.id, done=1, attempts=1)
    job.worker = "gone:1"
    db.add(job)
    db.flush()
    before = set(rematch.ids_to_rematch(db, version=current_model_version() or ""))
    assert {first.id, second.id, third.id} <= before
    later = sorted(i for i in before if i > first.id)  # what is left for the new worker
    rematch.run_job(cast(Engine, db.connection()), job.id)
    db.refresh(job)
    assert (job.status, job.attempts, job.worker) == ("done", 2, jobs.worker_name())
    assert (job.done, job.total, job.cursor) == (1 + len(later), 1 + len(later), later[-1])
    db.refresh(first), db.refresh(second), db.refresh(third)
    assert first.model_version == "old-model"  # done before: not matched again
    assert second.model_version == third.model_version == current_model_version()


def test_a_finished_job_delivered_again_is_left_alone(db: Session) -> None:
    job = RematchJob(status="done", scope="all", total=5, done=5, attempts=1, worker="w:1")
    db.add(job)
    db.flush()
    rematch.run_job(cast(Engine, db.connection()), job.id)
    db.refresh(job)
    assert (job.status, job.done, job.attempts, job.worker) == ("done", 5, 1, "w:1")
