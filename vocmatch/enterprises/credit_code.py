"""The Unified Social Credit Code (统一社会信用代码, GB 32100-2015) and its check character."""

from __future__ import annotations

from pydantic_core import PydanticCustomError

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORGANISATION_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714 organisation code


def check_character(first17: str) -> str:
    """Return the check character for the first 17 characters of a code."""
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def organisation_check_character(body8: str) -> str:
    """Return the GB 11714 check character of an organisation code's first 8 characters.

    Characters 9–17 of a credit code are that organisation code (body + check character): digits
    count as themselves and letters as A = 10, B = 11 …; check = 11 − (Σ value × weight) mod 11,
    written ``X`` for 10 and ``0`` for 11.
    """
    total = sum(
        (int(c) if c.isdigit() else ord(c) - ord("A") + 10) * w
        for c, w in zip(body8, ORGANISATION_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


# Why a code is invalid: (error type, English sentence, its parameters). The type names the
# Chinese sentence in web/i18n/errors.yaml (error.<type>).
_PROBLEMS = {
    "credit_code_length": "must be 18 characters, got {length}",
    "credit_code_chars": "contains characters not allowed in a credit code: {bad}",
    "credit_code_division": "characters 3–8 must be the administrative division code (digits)",
    "credit_code_check": "check character should be '{expected}', got '{got}'",
}


def credit_code_problem(code: str) -> tuple[str, dict[str, str | int]] | None:
    """Return why ``code`` is not a valid credit code (error type, parameters), or None."""
    code = code.strip().upper()
    if len(code) != 18:
        return "credit_code_length", {"length": len(code)}
    bad = sorted({c for c in code if c not in CHARSET})
    if bad:
        return "credit_code_chars", {"bad": "".join(bad)}
    if not code[2:8].isdigit():
        return "credit_code_division", {}
    expected = check_character(code[:17])
    if code[17] != expected:
        return "credit_code_check", {"expected": expected, "got": code[17]}
    return None


def credit_code_error(code: str) -> str | None:
    """Return why ``code`` is not a valid credit code (in English), or None when it is valid."""
    problem = credit_code_problem(code)
    return None if problem is None else _PROBLEMS[problem[0]].format(**problem[1])


def checked_credit_code(v: str | None) -> str | None:
    """Return the normalised code (None when blank); raise a typed pydantic error when invalid."""
    if v is None or not v.strip():
        return None
    problem = credit_code_problem(v)
    if problem is not None:
        kind, params = problem
        raise PydanticCustomError(kind, "invalid credit code: " + _PROBLEMS[kind], params)
    return v.strip().upper()


def is_valid_credit_code(code: str) -> bool:
    """Return True when ``code`` is a well-formed credit code with a correct check character."""
    return credit_code_error(code) is None
