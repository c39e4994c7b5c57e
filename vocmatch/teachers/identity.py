"""ID-card numbers never enter the database: keep a keyed hash (for matching) and a mask."""

from __future__ import annotations

import hashlib
import hmac

from vocmatch.kit.config import get_settings

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_character(first17: str) -> str:
    """Return the check character (ISO 7064 MOD 11-2, GB 11643) of an ID's first 17 digits."""
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def id_card_error(number: str) -> str | None:
    """Return why ``number`` is not a valid 18-character resident ID, or None."""
    n = number.strip().upper()
    if len(n) != 18 or not n[:17].isdigit():
        return "must be 17 digits followed by a digit or X"
    expected = id_check_character(n[:17])
    if n[17] != expected:
        return "check digit does not match"
    return None


def id_card_hash(number: str) -> str:
    """Return a keyed SHA-256 of the number (HMAC with the deployment secret)."""
    key = get_settings().secret_key.encode()
    return hmac.new(key, number.strip().upper().encode(), hashlib.sha256).hexdigest()


def id_card_mask(number: str) -> str:
    """Return the number masked as ``3607**********1234``."""
    n = number.strip().upper()
    return n[:4] + "*" * (len(n) - 8) + n[-4:] if len(n) > 8 else "*" * len(n)
