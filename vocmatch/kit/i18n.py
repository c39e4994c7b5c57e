"""UI strings in Chinese (default) and English, one YAML file per domain in ``vocmatch/web/i18n/``.

Each file maps ``key: {zh: …, en: …}``; keys must be unique across files (checked at load).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANGS = ("zh", "en")
_DIR = Path(__file__).parent.parent / "web" / "i18n"


@lru_cache
def strings() -> dict[str, dict[str, str]]:
    """Return every UI string, merged from the YAML files."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, entry in data.items():
            if key in merged:
                raise ValueError(f"{path.name}: UI string {key!r} is defined twice")
            merged[key] = entry
    return merged


def translate(key: str, lang: str, **kwargs: object) -> str:
    """Return the UI string ``key`` in ``lang`` (falls back to Chinese, then the key)."""
    entry = strings().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get("zh") or key
    return text.format(**kwargs) if kwargs else text
