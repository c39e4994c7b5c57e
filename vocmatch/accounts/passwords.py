"""The password policy: long enough, varied enough, not a common password, not the username.

The common-password list is zxcvbn's (the 30,000 most frequent passwords of public leaks), read
once; a common word followed by digits or punctuation ("password2026!") counts as common too.
"""

from __future__ import annotations

from functools import lru_cache

from zxcvbn.frequency_lists import FREQUENCY_LISTS

from vocmatch.kit.errors import Invalid

MIN_LENGTH = 10
MAX_LENGTH = 200
MIN_DISTINCT = 5


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """Return the common passwords, lower-cased."""
    return frozenset(p.lower() for p in FREQUENCY_LISTS["passwords"])


def _is_common(password: str) -> bool:
    folded = password.strip().lower()
    base = folded.rstrip("0123456789!@#$%^&*.?_- ")
    common = common_passwords()
    return folded in common or (len(base) >= 4 and base in common)


def password_problem(password: str, *, username: str = "") -> str | None:
    """Return why ``password`` is refused (a sentence for people), or None when it is acceptable."""
    found = password_problem_kind(password, username=username)
    return None if found is None else found[1]


def password_problem_kind(password: str, *, username: str = "") -> tuple[str, str] | None:
    """Return (error type, English sentence) of a refused password, or None.

    The type names the sentence in other languages (``error.<type>`` in web/i18n/errors.yaml).
    """
    if len(password) < MIN_LENGTH:
        return "password_short", f"the password must have at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return "password_long", f"the password must have at most {MAX_LENGTH} characters"
    if len(set(password.strip())) < MIN_DISTINCT:
        return (
            "password_distinct",
            f"the password must use at least {MIN_DISTINCT} different characters",
        )
    if _is_common(password):
        return (
            "password_common",
            "this password is one of the most common passwords; choose another",
        )
    if username and username.lower() in password.lower():
        return "password_username", "the password must not contain the username"
    return None


def check_password(password: str, *, username: str = "", field: str = "password") -> None:
    """Raise Invalid (422 naming ``field``) when ``password`` breaks the policy."""
    problem = password_problem(password, username=username)
    if problem is not None:
        raise Invalid(problem, errors=[{"field": field, "message": problem}])
