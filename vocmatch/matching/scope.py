"""Which programmes count as "offered" (``scope="offered"``): the schools domain answers, not us.

Schools sit above matching, so the app installs the lookup (``vocmatch.wiring``) instead of
matching importing schools. Kept apart from ``service`` so installing it loads no model code.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from vocmatch.kit.errors import VocmatchError

OfferedSource = Callable[[Session], set[str]]
_source: list[OfferedSource] = []


def set_offered_source(source: OfferedSource) -> None:
    """Install the lookup of the programmes offered by some school (the app does this once)."""
    _source[:] = [source]


def offered_programme_codes(session: Session) -> set[str]:
    """Return the codes of the programmes offered by some school in the database."""
    if not _source:
        raise VocmatchError("the offered-programmes lookup is not installed (vocmatch.wiring)")
    return _source[0](session)
