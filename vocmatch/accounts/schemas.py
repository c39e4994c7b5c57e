"""API shapes of users and API keys."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["admin", "planner", "enterprise", "platform"]


class Me(BaseModel):
    username: str
    display_name: str
    role: str
    school_codes: list[str]
    enterprise_id: int | None
    via: str = Field(description="key | session")


class UserCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "username": "gxzz-planner",
                    "role": "planner",
                    "school_codes": ["GXZZ"],
                    "password": "a-long-passphrase",
                }
            ]
        },
    )

    username: str = Field(min_length=3, max_length=100, pattern=r"^[A-Za-z0-9_.@-]+$")
    role: Role
    display_name: str = Field(default="", max_length=200)
    password: str | None = Field(
        default=None, min_length=10, max_length=200, description="Omit for machine clients"
    )
    school_codes: list[str] | None = Field(default=None, description="Planners: their schools")
    enterprise_name: str | None = Field(default=None, description="Enterprise users: their firm")


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    display_name: str
    role: str
    enterprise_id: int | None
    active: bool
    created_at: datetime
    revoked_at: datetime | None


class KeyCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"username": "hr-platform", "name": "HR platform prod"}]},
    )

    username: str = Field(min_length=1, max_length=100)
    name: str = Field(default="default", min_length=1, max_length=100)
    expires_in_days: int | None = Field(default=365, ge=1, le=3650, description="null = never")
    rate_limit_per_minute: int | None = Field(default=None, ge=1, le=100_000)


class KeyOut(BaseModel):
    id: int
    prefix: str
    name: str
    username: str
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    rate_limit_per_minute: int | None


class IssuedKeyOut(KeyOut):
    secret: str = Field(description="The API key. Shown once: store it now.")
