"""Spreadsheet cells that cannot run: every export and import goes through these two functions.

A cell whose text begins with = + - @ tab or CR may be run as a formula by Excel or WPS (CSV/formula
injection). Such text is written with a leading apostrophe, which spreadsheets show as plain text,
and the apostrophe is taken off again when the file comes back in an import.
"""

from __future__ import annotations

from typing import Any

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _runs(text: str) -> bool:
    """True when a spreadsheet could run ``text`` as a formula, or it looks like our own escape."""
    return text.startswith(DANGEROUS) or (text[:1] == "'" and _runs(text[1:]))


def neutralise(value: Any) -> Any:
    """Return ``value`` safe for a spreadsheet cell: text that could run as a formula gets a '."""
    if isinstance(value, str) and _runs(value):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """Undo :func:`neutralise` on a value read back from a cell."""
    if isinstance(value, str) and value[:1] == "'" and _runs(value[1:]):
        return value[1:]
    return value
