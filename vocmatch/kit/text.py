"""Characters that text may not carry, in one place: the API, the forms, the imports and the
exports all ask these functions.

Refused (API, forms) or removed (imports, spreadsheet exports): NUL and the other C0 controls
except tab, line feed and carriage return; DEL and the C1 controls; lone UTF-16 surrogates (no
UTF-8 encoding exists, PostgreSQL refuses them); the non-characters U+FFFE and U+FFFF. Text made
only of spaces and invisible format characters (zero-width space, joiners, BOM) counts as empty.
"""

from __future__ import annotations

import re
import unicodedata

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def forbidden_character(text: str) -> tuple[int, str] | None:
    """Return ``(position, "U+XXXX")`` of the first forbidden character of ``text``, or None."""
    found = FORBIDDEN.search(text)
    if found is None:
        return None
    return found.start(), f"U+{ord(found.group()):04X}"


def clean(text: str) -> str:
    """Return ``text`` without its forbidden characters (imports and exports)."""
    return FORBIDDEN.sub("", text)


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only spaces and invisible format characters."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def problem(text: str) -> str | None:
    """Return why ``text`` is refused as input (a sentence for people), or None."""
    found = forbidden_character(text)
    if found is None:
        return None
    position, code = found
    return f"contains the control character {code} at position {position + 1}"
