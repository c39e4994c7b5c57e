"""Match a JSON-lines stream: one output line per input line, in input order.

Lines are cut into chunks; each chunk is parsed, matched as one vectorised batch and dumped to
JSON lines. With ``workers > 1`` the chunks go to forked worker processes that share the model
already loaded in the parent (copy-on-write, so it is loaded once) and come back in order.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TextIO

from threadpoolctl import threadpool_limits

from vocmatch.matching import service

CHUNK = 512

_options: dict[str, Any] = {}


def _parse(n: int, line: str) -> tuple[Any, str | None, str | None, str]:
    """Return ``(id, title, text, error)`` of input line ``n``."""
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return None, None, None, f"line {n}: invalid JSON ({exc})"
    if not isinstance(obj, dict):
        return None, None, None, f"line {n}: expected a JSON object"
    title, text = obj.get("title"), obj.get("text")
    title = title if isinstance(title, str) else None
    text = text if isinstance(text, str) else None
    if not (title or "").strip() and not (text or "").strip():
        return obj.get("id"), None, None, f"line {n}: title or text is required"
    return obj.get("id"), title, text, ""


def process_chunk(chunk: list[tuple[int, str]]) -> str:
    """Return the output lines (joined, newline-terminated) of numbered input lines."""
    parsed = [_parse(n, line) for n, line in chunk]
    todo = [(title, text) for _id, title, text, err in parsed if not err]
    results = iter(
        service.match_dicts(
            todo,
            top_k=_options.get("top_k", 10),
            scope=_options.get("scope", "catalogue"),
            offered_codes=_options.get("offered"),
        )
    )
    out = []
    for ident, _title, _text, err in parsed:
        body = {"id": ident, "error": err} if err else {"id": ident, **next(results)}
        out.append(json.dumps(body, ensure_ascii=False))
    return "\n".join(out) + "\n" if out else ""


def _numbered(lines: Iterable[str]) -> Iterator[list[tuple[int, str]]]:
    numbered = ((n, line) for n, line in enumerate(lines, start=1) if line.strip())
    while chunk := list(islice(numbered, CHUNK)):
        yield chunk


def _init(options: dict[str, Any]) -> None:
    _options.clear()
    _options.update(options)
    threadpool_limits(limits=1)  # one BLAS thread per worker: the workers are the parallelism


def run(
    lines: Iterable[str],
    out: TextIO,
    *,
    top_k: int = 10,
    scope: str = "catalogue",
    offered: set[str] | None = None,
    workers: int = 1,
) -> None:
    """Match every line of ``lines`` and write the answers to ``out`` in input order."""
    service.get_runtime()  # load once, before forking
    options = {"top_k": top_k, "scope": scope, "offered": offered}
    if workers <= 1:
        _init(options)
        for chunk in _numbered(lines):
            out.write(process_chunk(chunk))
        return
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers, initializer=_init, initargs=(options,)) as pool:
        for text in pool.imap(process_chunk, _numbered(lines), chunksize=1):
            out.write(text)
