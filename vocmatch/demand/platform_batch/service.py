"""The HR platform's bulk write: up to 1,000 postings upserted by (source, external_id) at once.

One transaction, all or nothing: every item is validated and every enterprise reference resolved
before anything is written, and a bad item fails the whole batch with every problem listed by index
and field. Rows are written with ``INSERT … ON CONFLICT DO UPDATE … WHERE <something changed>`` in
external_id order, so two processes pushing the same external_ids serialise on the row locks (no
duplicate, the later write wins whole) and an unchanged item does not move in the sync feed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.demand import repository as repo
from vocmatch.demand.models import Posting
from vocmatch.demand.postings import bulk_write
from vocmatch.demand.postings.match_store import (
    StoredMatch,
    current_model_version,
    match_postings,
    posting_text,
)
from vocmatch.demand.postings.namespace import namespace_of
from vocmatch.demand.postings.service import index_rows, ranked_programmes
from vocmatch.demand.schemas import (
    CLIENT_FIELDS,
    MATCH_FIELDS,
    BatchItem,
    BatchItemResult,
    BatchOut,
    PendingEnterprise,
)
from vocmatch.enterprises.lookup import EnterpriseIndex, fuzzy_candidates, load_index, normalise
from vocmatch.enterprises.models import Enterprise
from vocmatch.enterprises.resolver import EnterpriseResolver, resolver_from_session
from vocmatch.kit.db import utcnow
from vocmatch.kit.errors import Forbidden, Invalid
from vocmatch.kit.principal import Principal

log = logging.getLogger(__name__)

SOURCE = "api"
MAX_ITEMS = 1000
CHUNK = 500


def dialect_insert(session: Session) -> Any:
    """Return the ``insert`` construct with ON CONFLICT support for the session's database."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert
    return sqlite.insert


def validate_items(
    raw_items: Sequence[Any], message: Callable[[Any], str] | None = None
) -> tuple[list[BatchItem | None], list[dict[str, Any]]]:
    """Validate every item; return the parsed items and every error as {index, field, message}
    (``message`` words a pydantic error; by default its own text)."""
    parsed: list[BatchItem | None] = []
    errors: list[dict[str, Any]] = []
    first_seen: dict[str, int] = {}
    for i, raw in enumerate(raw_items):
        try:
            item = BatchItem.model_validate(raw)
        except ValidationError as exc:
            parsed.append(None)
            for e in exc.errors():
                field = ".".join(str(p) for p in e.get("loc", ())) or "item"
                text = message(e) if message else e.get("msg", "invalid")
                errors.append({"index": i, "field": field, "message": text})
            continue
        if item.external_id in first_seen:
            errors.append(
                {
                    "index": i,
                    "field": "external_id",
                    "message": f"duplicate of item {first_seen[item.external_id]} in this batch",
                }
            )
        first_seen.setdefault(item.external_id, i)
        parsed.append(item)
    return parsed, errors


@dataclass
class _Refs:
    enterprise_of: dict[int, int]  # item index -> enterprise id (existing)
    new_of: dict[int, str]  # item index -> key of an enterprise to create as pending
    new: dict[str, tuple[str, str | None]]  # key -> (name, credit code)
    errors: list[dict[str, Any]]


def resolve_enterprises(
    session: Session, items: Sequence[BatchItem | None], index: EnterpriseIndex
) -> _Refs:
    """Resolve every item's enterprise: credit code, then exact names, then the name resolver."""
    refs = _Refs({}, {}, {}, [])
    fuzzy_cache: dict[str, int | None] = {}
    resolver: EnterpriseResolver | None = None
    for i, item in enumerate(items):
        if item is None:
            continue
        code, name = item.enterprise_credit_code, item.enterprise_name
        hit = index.exact(name=name, credit_code=code)
        if (
            hit is not None
            and code
            and hit.how != "credit_code"
            and hit.credit_code
            and hit.credit_code != code
        ):
            refs.errors.append(
                {
                    "index": i,
                    "field": "enterprise_credit_code",
                    "message": f"{name!r} is registered with another credit code",
                }
            )
            continue
        if hit is not None:
            refs.enterprise_of[i] = hit.id
            continue
        if not name:
            refs.errors.append(
                {
                    "index": i,
                    "field": "enterprise_credit_code",
                    "message": "no enterprise has this credit code; add enterprise_name to register it",
                }
            )
            continue
        key = normalise(name)
        if key not in fuzzy_cache:
            resolver = resolver or resolver_from_session(session)
            cands = fuzzy_candidates(
                session, name=name, credit_code=code, resolver=resolver, confident_only=True
            )
            fuzzy_cache[key] = cands[0].id if cands else None
        found = fuzzy_cache[key]
        if found is not None:
            refs.enterprise_of[i] = found
            continue
        refs.new.setdefault(key, (name, code))
        refs.new_of[i] = key
    return refs


def _create_pending(
    session: Session, principal: Principal, new: dict[str, tuple[str, str | None]]
) -> dict[str, int]:
    insert = dialect_insert(session)
    ids: dict[str, int] = {}
    for key in sorted(new):
        name, code = new[key]
        session.execute(
            insert(Enterprise)
            .values(
                name=name,
                credit_code=code,
                status="pending",
                location_kind="other",
                short_names=[],
                chains=[],
                segments=[],
            )
            .on_conflict_do_nothing()
        )
        ent_id = session.scalar(select(Enterprise.id).where(Enterprise.name == name))
        if ent_id is None and code:
            ent_id = session.scalar(select(Enterprise.id).where(Enterprise.credit_code == code))
        assert ent_id is not None
        ids[key] = ent_id
        record(
            session,
            actor=principal.audit_name(),
            action="create",
            entity_type="enterprise",
            entity_id=ent_id,
            detail={"name": name, "status": "pending", "why": "unknown name in a posting batch"},
        )
    return ids


def _existing(
    session: Session, external_ids: list[str], source: str, namespace: str
) -> dict[str, Any]:
    cols = (
        Posting.id,
        Posting.external_id,
        Posting.title,
        Posting.description,
        Posting.skills,
        Posting.occupation_override,
        Posting.chain_override,
        Posting.deleted_at,
        *(getattr(Posting, f) for f in MATCH_FIELDS),
    )
    out: dict[str, Any] = {}
    for i in range(0, len(external_ids), CHUNK):
        chunk = external_ids[i : i + CHUNK]
        for row in session.execute(
            select(*cols).where(
                Posting.source == source,
                Posting.namespace == namespace,
                Posting.external_id.in_(chunk),
            )
        ):
            out[row.external_id] = row
    return out


def upsert_batch(
    session: Session,
    *,
    principal: Principal,
    raw_items: Sequence[Any],
    source: str = SOURCE,
    max_items: int = MAX_ITEMS,
    roles: tuple[str, ...] = ("admin", "platform"),
) -> BatchOut:
    """Validate, resolve, match and upsert a batch; raise Invalid listing every bad item."""
    if principal.role not in roles:
        raise Forbidden("only the HR platform and administrators write postings in bulk")
    if not raw_items or len(raw_items) > max_items:
        raise Invalid(
            f"a batch has 1–{max_items} items, got {len(raw_items)}",
            errors=[{"field": "items", "message": f"1–{max_items} items"}],
        )
    items, errors = validate_items(raw_items)
    refs = resolve_enterprises(session, items, load_index(session))
    errors += refs.errors
    if errors:
        bad = len({e["index"] for e in errors})
        raise Invalid(
            f"{bad} of {len(items)} items are invalid; nothing was written",
            errors=sorted(errors, key=lambda e: (e["index"], e["field"])),
        )
    good: list[BatchItem] = [it for it in items if it is not None]
    created_ids = _create_pending(session, principal, refs.new)
    enterprise_of = {
        **refs.enterprise_of,
        **{i: created_ids[k] for i, k in refs.new_of.items()},
    }
    order = sorted(range(len(good)), key=lambda i: good[i].external_id)
    namespace = namespace_of(principal)
    existing = _existing(session, [good[i].external_id for i in order], source, namespace)
    deleted = [
        {
            "index": i,
            "field": "external_id",
            "message": f"posting {good[i].external_id!r} was deleted; send undelete=true to "
            "restore it",
        }
        for i in order
        if (old := existing.get(good[i].external_id)) is not None
        and old.deleted_at is not None
        and not good[i].undelete
    ]
    if deleted:
        raise Invalid(
            f"{len(deleted)} of {len(good)} items name deleted postings; nothing was written",
            errors=deleted,
        )
    version = current_model_version()

    stale = []
    for i in order:
        it, old = good[i], existing.get(good[i].external_id)
        same_text = (
            old is not None
            and old.title == it.title
            and old.description == it.description
            and list(old.skills or []) == it.skills
        )
        if not (same_text and old is not None and old.model_version == version):
            stale.append(i)
    fresh = match_postings(
        [(good[i].title, posting_text(good[i].description, good[i].skills)) for i in stale]
    )
    matched: dict[int, StoredMatch] = dict(zip(stale, fresh, strict=True))

    now = utcnow()
    rows = []
    for i in order:
        it, old = good[i], existing.get(good[i].external_id)
        row: dict[str, Any] = {
            "source": source,
            "namespace": namespace,
            "external_id": it.external_id,
            "enterprise_id": enterprise_of[i],
            **it.model_dump(include=set(CLIENT_FIELDS)),
            "deleted_at": None,
            "created_at": now,
            "updated_at": now,
        }
        if i in matched:
            m = matched[i]
            row.update(
                chain=m.chain,
                chain_score=m.chain_score,
                match=m.match,
                model_version=m.model_version,
                matched_at=now if m.matched else None,
            )
        else:
            row.update({f: getattr(old, f) for f in MATCH_FIELDS})
        rows.append(row)

    written = bulk_write.upsert_postings(session, rows)

    missing = [
        it.external_id
        for it in good
        if it.external_id not in written and it.external_id not in existing
    ]
    late = _existing(session, missing, source, namespace) if missing else {}

    results: list[BatchItemResult] = []
    created = updated = unchanged = 0
    to_index: dict[int, list[dict[str, Any]]] = {}
    override_cache: dict[str, list[str]] = {}
    for i, it in enumerate(good):
        old = existing.get(it.external_id) or late.get(it.external_id)
        if it.external_id in written:
            pid, inserted = written[it.external_id]
            is_new = inserted if inserted is not None else it.external_id not in existing
            outcome = "created" if is_new else "updated"
            occ = old.occupation_override if old is not None else None
            if occ and occ not in override_cache:
                override_cache[occ] = repo.programmes_of_occupation(session, occ)
            m_dict = matched[i].match if i in matched else (old.match if old is not None else {})
            m_chain = matched[i].chain if i in matched else (old.chain if old is not None else None)
            to_index[pid] = index_rows(
                posting_id=pid,
                enterprise_id=enterprise_of[i],
                headcount=it.headcount,
                status=it.status,
                deleted=False,
                type=it.type,
                valid_until=it.valid_until,
                chain=(old.chain_override if old is not None else None) or m_chain,
                programmes=ranked_programmes(m_dict, occ, override_cache.get(occ or "", [])),
            )
        else:
            assert old is not None  # not written and not new: it existed unchanged
            pid, outcome = old.id, "unchanged"
        created += outcome == "created"
        updated += outcome == "updated"
        unchanged += outcome == "unchanged"
        chain = matched[i].chain if i in matched else (old.chain if old is not None else None)
        results.append(
            BatchItemResult(
                index=i,
                external_id=it.external_id,
                id=pid,
                result=outcome,  # type: ignore[arg-type]
                enterprise_id=enterprise_of[i],
                chain=chain,
            )
        )
    bulk_write.replace_index(session, to_index)
    pending = [
        PendingEnterprise(
            id=created_ids[k],
            name=refs.new[k][0],
            credit_code=refs.new[k][1],
            items=sorted(i for i, kk in refs.new_of.items() if kk == k),
        )
        for k in sorted(created_ids)
    ]
    record(
        session,
        actor=principal.audit_name(),
        action="batch_upsert",
        entity_type="posting",
        detail={
            "source": source,
            "created": [r.id for r in results if r.result == "created"],
            "updated": [r.id for r in results if r.result == "updated"],
            "unchanged": unchanged,
            "pending_enterprises": [p.id for p in pending],
        },
    )
    log.info(
        "demand.batch.done",
        extra={"n_created": created, "n_updated": updated, "n_unchanged": unchanged},
    )
    return BatchOut(
        created=created,
        updated=updated,
        unchanged=unchanged,
        items=results,
        pending_enterprises=pending,
        model_version=version,
    )
