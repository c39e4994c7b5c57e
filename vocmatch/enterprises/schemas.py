"""API shapes of enterprises. Inputs forbid unknown fields, so server-set ones (status, id) are refused."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from vocmatch.enterprises.credit_code import checked_credit_code
from vocmatch.industries.schemas import CHAIN_KEYS
from vocmatch.kit.schema import Input, Patch

LocationKind = Literal["high_tech_zone", "ganzhou", "bay_area", "other"]
Size = Literal["", "micro", "small", "medium", "large"]
ChainKey = Literal["rare_earth", "tungsten", "new_energy", "intelligent_equipment"]
ENTERPRISE_STATUSES = ("active", "pending", "rejected")
assert set(ChainKey.__args__) == set(CHAIN_KEYS)  # type: ignore[attr-defined]


class EnterpriseFilter(BaseModel):
    """Which enterprises a list shows (the query of ``GET /api/v1/enterprises``)."""

    q: str | None = Field(
        default=None, max_length=100, description="Name, short name or credit code"
    )
    status: str | None = Field(default=None, pattern=r"^(active|pending|rejected)$")
    chain: str | None = Field(
        default=None, pattern=r"^(rare_earth|tungsten|new_energy|intelligent_equipment)$"
    )
    location_kind: LocationKind | None = None
    is_leading: bool | None = None


Name = Field(min_length=2, max_length=200, examples=["赣州稀土集团有限公司"])


def _credit(v: str | None) -> str | None:
    return checked_credit_code(v)


def _aliases(v: list[str]) -> list[str]:
    out: list[str] = []
    for a in v:
        a = a.strip()
        if not a or len(a) > 100:
            raise PydanticCustomError("short_name", "each short name must have 1–100 characters")
        if a not in out:
            out.append(a)
    return out


def _optional_aliases(v: list[str] | None) -> list[str] | None:
    return None if v is None else _aliases(v)


CreditCode = Annotated[str | None, AfterValidator(_credit)]
ShortNames = Annotated[list[str] | None, AfterValidator(_optional_aliases)]


class EnterpriseFields(Input):
    """Fields a client may set on an enterprise (all optional: the PATCH shape)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    short_names: ShortNames = Field(
        default=None, max_length=20, description="Short names / aliases", examples=[["赣州稀土"]]
    )
    credit_code: CreditCode = Field(
        default=None,
        description="统一社会信用代码 (GB 32100-2015, check character verified)",
        examples=["91360700MA35AB12C1"],
    )
    location_kind: LocationKind | None = None
    city: str | None = Field(default=None, max_length=100)
    address: str | None = Field(default=None, max_length=300)
    size: Size | None = None
    is_leading: bool | None = Field(default=None, description="龙头企业 (set by admins)")
    chains: list[ChainKey] | None = None
    segments: list[str] | None = Field(default=None, max_length=40)
    contact_name: str | None = Field(default=None, max_length=100)
    contact_phone: str | None = Field(default=None, max_length=50)
    website: str | None = Field(default=None, max_length=300)
    notes: str | None = Field(default=None, max_length=2000)


class EnterprisePatch(Patch, EnterpriseFields):
    """A partial update; ``name`` may change too."""

    nullable = frozenset({"credit_code"})

    name: str | None = Field(default=None, min_length=2, max_length=200)


class EnterpriseIn(EnterpriseFields):
    """A new enterprise."""

    name: str = Name
    location_kind: LocationKind | None = "other"

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "name": "赣州示例磁材有限公司",
                    "short_names": ["示例磁材"],
                    "credit_code": "91360700MA35EX0005",
                    "location_kind": "high_tech_zone",
                    "size": "medium",
                    "chains": ["rare_earth"],
                    "contact_name": "王经理",
                    "contact_phone": "0797-0000000",
                }
            ]
        },
    )


class EnterpriseOut(BaseModel):
    """An enterprise as clients see it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    short_names: list[str]
    credit_code: str | None
    location_kind: str
    city: str
    address: str
    size: str
    is_leading: bool
    chains: list[str]
    segments: list[str]
    contact_name: str
    contact_phone: str
    website: str
    notes: str
    status: str = Field(description="active | pending (awaiting approval) | rejected")
    created_at: datetime
    updated_at: datetime


class EnterpriseRef(BaseModel):
    """A short reference to an enterprise (in conflicts and batch responses)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    credit_code: str | None = None
    status: str


class IdentityChange(Input):
    """A requested change of an enterprise's identity fields; an administrator approves it."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"short_names": ["示例简称"], "note": "常用简称"}]},
    )

    name: str | None = Field(default=None, min_length=2, max_length=200)
    short_names: ShortNames = Field(default=None, max_length=20)
    credit_code: CreditCode = Field(default=None, examples=["91360700MA35AB12C1"])
    location_kind: LocationKind | None = None
    note: str = Field(default="", max_length=500, description="Why (for the administrator)")


class ChangeOut(BaseModel):
    """A requested identity change and its decision."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    enterprise_id: int
    changes: dict[str, Any]
    status: str = Field(description="pending | approved | rejected")
    requested_by: str
    requested_at: datetime
    decided_by: str
    decided_at: datetime | None
    note: str
