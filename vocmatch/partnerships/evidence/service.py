"""Evidence files: checked by content, stored by hash outside the web root, served as attachments.

- Allowed: PDF, JPEG, PNG, DOCX, XLSX. The type is decided from the bytes (magic numbers, and the
  OOXML part names for DOCX/XLSX) and must agree with the file name's extension; whatever the
  client declared is ignored. Anything else is 415.
- Larger than ``settings.max_upload_bytes``: 413. Empty: 422.
- Stored at ``upload_dir/<sha256[:2]>/<sha256>`` (written to a temporary name, then renamed), so
  the client's file name never reaches the file system; it is only sanitised for display.
- Served only through the authorised route, with ``Content-Disposition: attachment``, the stored
  content type, ``nosniff`` and a sandboxing CSP: never inlined, never executed.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from sqlalchemy.orm import Session

from vocmatch.audit.service import delete_recorded, record
from vocmatch.kit.config import get_settings
from vocmatch.kit.errors import Invalid, NotFound, TooLarge, VocmatchError
from vocmatch.kit.principal import Principal
from vocmatch.partnerships import repository as repo
from vocmatch.partnerships.models import Activity, Evidence
from vocmatch.partnerships.scope import sees_school

ALLOWED = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
CHUNK = 256 * 1024


class UnsupportedFile(VocmatchError):
    status = 415
    title = "Unsupported file type"


@dataclass(frozen=True)
class StoredBlob:
    """A received, checked and stored file, ready to be attached to an activity."""

    filename: str
    content_type: str
    size: int
    sha256: str


def safe_filename(name: str) -> str:
    """Return a display-safe file name: last path part, no control or reserved characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*;\x00]', "_", name).strip().lstrip(".").strip()
    name = re.sub(r"\s+", " ", name)
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:110] + dot + ext[:8]) if dot else name[:120]
    return name or "evidence"


def _extension(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def _sniff(path: Path) -> str | None:
    """Return the allowed extension family the bytes are (pdf, jpg, png, docx, xlsx), or None."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "xlsx"
    return None


def blob_path(sha256: str) -> Path:
    """Return where the blob with ``sha256`` is stored."""
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise NotFound("no such file")
    return get_settings().upload_dir / sha256[:2] / sha256


def receive(stream: BinaryIO, filename: str) -> StoredBlob:
    """Check an uploaded file and store it by hash; raise 413/415/422 when it is refused."""
    settings = get_settings()
    limit = settings.max_upload_bytes
    display = safe_filename(filename)
    ext = _extension(display)
    if ext not in ALLOWED:
        raise UnsupportedFile(
            f"file {display!r}: only PDF, JPG, PNG, DOCX or XLSX files are accepted",
            errors=[{"field": "file", "message": "type not allowed", "type": "file_type"}],
        )
    root = settings.upload_dir
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(dir=root, prefix=".upload-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise TooLarge(
                        f"file {display!r} is larger than the limit of {limit // (1024 * 1024)} MB",
                        errors=[
                            {
                                "field": "file",
                                "message": f"larger than {limit} bytes",
                                "type": "file_size",
                            }
                        ],
                    )
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise Invalid(
                f"file {display!r} is empty",
                errors=[{"field": "file", "message": "empty file", "type": "file_empty"}],
            )
        kind = _sniff(tmp)
        family = "jpg" if ext == "jpeg" else ext
        if kind != family:
            raise UnsupportedFile(
                f"file {display!r}: the content is not a {ext.upper()} file",
                errors=[
                    {
                        "field": "file",
                        "message": "content does not match the extension",
                        "type": "file_content",
                    }
                ],
            )
        sha = digest.hexdigest()
        target = blob_path(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            tmp.unlink()
        else:
            os.replace(tmp, target)
            os.chmod(target, 0o640)
    finally:
        if tmp.exists():
            tmp.unlink()
    return StoredBlob(filename=display, content_type=ALLOWED[ext], size=size, sha256=sha)


def attach(
    session: Session,
    *,
    principal: Principal,
    activity_id: int,
    blob: StoredBlob,
    source: str = "api",
) -> Evidence:
    """Attach a stored blob to an activity as evidence, audited."""
    ev = Evidence(
        activity_id=activity_id,
        filename=blob.filename,
        content_type=blob.content_type,
        size=blob.size,
        sha256=blob.sha256,
        uploaded_by=principal.audit_name(),
    )
    session.add(ev)
    session.flush()
    record(
        session,
        actor=principal.audit_name(),
        action="create",
        entity_type="evidence",
        entity_id=ev.id,
        detail={
            "activity_id": activity_id,
            "filename": ev.filename,
            "size": ev.size,
            "sha256": ev.sha256,
            "source": source,
        },
    )
    return ev


def get_evidence(session: Session, *, principal: Principal, evidence_id: int) -> Evidence:
    """Return an evidence row the caller may open (staff of the activity's school), else 404."""
    ev = session.get(Evidence, evidence_id)
    activity = session.get(Activity, ev.activity_id) if ev is not None else None
    if ev is None or activity is None or not sees_school(principal, activity.school_id):
        raise NotFound(f"no evidence file with id {evidence_id}")
    return ev


def open_evidence(
    session: Session, *, principal: Principal, evidence_id: int
) -> tuple[Evidence, Path]:
    """Return the evidence row and its blob path for download, audited as a view."""
    ev = get_evidence(session, principal=principal, evidence_id=evidence_id)
    path = blob_path(ev.sha256)
    if not path.is_file():
        raise NotFound(f"the file of evidence {evidence_id} is missing from storage")
    record(
        session,
        actor=principal.audit_name(),
        action="view",
        entity_type="evidence",
        entity_id=ev.id,
        detail={"activity_id": ev.activity_id, "filename": ev.filename},
    )
    return ev, path


def delete_evidence(session: Session, *, principal: Principal, evidence_id: int) -> int:
    """Delete an evidence row (the blob stays until pruned); return its activity id."""
    ev = get_evidence(session, principal=principal, evidence_id=evidence_id)
    activity_id = ev.activity_id
    delete_recorded(
        session,
        ev,
        actor=principal.audit_name(),
        entity_type="evidence",
        activity_id=ev.activity_id,
        filename=ev.filename,
        sha256=ev.sha256,
    )
    return activity_id


def download_headers(ev: Evidence) -> dict[str, str]:
    """Return the headers that make a browser save, never render or run, the file."""
    return attachment_headers(ev.filename)


def attachment_headers(filename: str) -> dict[str, str]:
    """Return the headers that make a browser save ``filename``, never render or run it."""
    ascii_name = filename.encode("ascii", "ignore").decode() or "evidence"
    ascii_name = re.sub(r'["\\]', "_", ascii_name)
    return {
        "Content-Disposition": (
            f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
        ),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
    }


def prune_blobs(session: Session, *, min_age_seconds: int = 3600) -> list[Path]:
    """Delete stored blobs no evidence row refers to; return the removed paths.

    Blobs younger than ``min_age_seconds`` are kept: their upload's transaction may not have
    committed yet.
    """
    root = get_settings().upload_dir
    if not root.is_dir():
        return []
    keep = repo.all_blob_hashes(session)
    cutoff = time.time() - min_age_seconds
    removed = []
    for path in sorted(root.glob("??/*")):
        if (
            path.is_file()
            and re.fullmatch(r"[0-9a-f]{64}", path.name)
            and path.name not in keep
            and path.stat().st_mtime <= cutoff
        ):
            path.unlink()
            removed.append(path)
    return removed
