"""The labelled development set in ``data/eval/`` and the hit rules used to score against it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

_NUM = re.compile(r"(\d+)$")


@dataclass
class Item:
    """One labelled query: a posting, a title, or an official programme link."""

    id: str
    source: str  # postings | titles | links
    title: str
    text: str
    chain: str | None
    chain_alt: list[str] = field(default_factory=list)
    occupations: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    style: str = ""
    text_suspect: bool = False

    @property
    def half(self) -> str:
        """``odd`` (tuning half) or ``even`` (held-out half), by the number ending the id."""
        m = _NUM.search(self.id)
        return "odd" if m and int(m.group(1)) % 2 else "even"


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def load(eval_dir: Path) -> list[Item]:
    """Return every item of postings.jsonl, titles.jsonl and programme_links.jsonl."""
    items: list[Item] = []
    for source in ("postings", "titles"):
        for d in _read(eval_dir / f"{source}.jsonl"):
            items.append(
                Item(
                    id=d["id"],
                    source=source,
                    title=d.get("title") or "",
                    text=d.get("text") or "",
                    chain=d.get("chain"),
                    chain_alt=list(d.get("chain_alt") or []),
                    occupations=list(d.get("occupations") or []),
                    programmes=list(d.get("programmes") or []),
                    style=d.get("style", "title" if source == "titles" else ""),
                )
            )
    for d in _read(eval_dir / "programme_links.jsonl"):
        items.append(
            Item(
                id=d["id"],
                source="links",
                title=d.get("title") or "",
                text=d.get("text") or "",
                chain=None,
                occupations=list(d.get("occupations") or []),
                programmes=list(d.get("programmes") or []),
                text_suspect=bool(d.get("text_suspect")),
            )
        )
    return items


def occupation_hit(predicted: str, gold: list[str]) -> bool:
    """Return True when ``predicted`` is a gold code or lies in a gold group (``6-31-05-00``)."""
    for g in gold:
        if predicted == g:
            return True
        parts = g.split("-")
        if parts[-1] == "00":
            prefix = "-".join(p for p in parts if p != "00")
            if predicted.startswith(prefix + "-"):
                return True
    return False


def hit_at(predicted: list[str], gold: list[str], k: int, *, occupations: bool) -> bool:
    """Return True when one of the first ``k`` predictions is right."""
    for code in predicted[:k]:
        if occupation_hit(code, gold) if occupations else code in gold:
            return True
    return False
