"""Field types shared by the data-file row schemas."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, StringConstraints


def _flag(v: Any) -> Any:
    if isinstance(v, str):
        s = v.strip().lower()
        if s in ("0", "1", "true", "false", "yes", "no", "是", "否", ""):
            return s in ("1", "true", "yes", "是")
    return v


def _blank_none(v: Any) -> Any:
    return None if isinstance(v, str) and not v.strip() else v


def _split(v: Any) -> Any:
    if isinstance(v, str):
        return [p.strip() for p in v.replace("；", ";").split(";") if p.strip()]
    return v


Flag = Annotated[bool, BeforeValidator(_flag)]
OptInt = Annotated[int | None, BeforeValidator(_blank_none)]
OptDate = Annotated[date | None, BeforeValidator(_blank_none)]
SemiList = Annotated[list[str], BeforeValidator(_split)]
ProgrammeCode = Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
OptProgrammeCode = Annotated[ProgrammeCode | None, BeforeValidator(_blank_none)]
