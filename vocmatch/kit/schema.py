"""The base of every request body and form model: input is validated once, at the edge.

``Input`` refuses, with 422 naming the field:
- fields the client may not send (``extra="forbid"``: ids, timestamps, owners, scores, status —
  whatever the model does not declare);
- text with a forbidden character (``kit.text``); text that shows nothing counts as empty, so a
  required title of zero-width spaces is refused as empty;
- ``true``/``false`` where a number is expected, and numbers where a date is expected (a date is
  ``YYYY-MM-DD``);
- integers outside 32 bits (what the database stores), floats that are not finite;
- dates outside ``DATE_MIN``…``DATE_MAX`` (every date in the plan's world fits; 0001-01-01 and
  9999-12-31 are typing slips, and the analytics would walk every day up to them).
Its JSON schema states the same ranges, so OpenAPI tells clients what is accepted.
"""

from __future__ import annotations

import math
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from fastapi import Query
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    ValidationInfo,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from vocmatch.kit import text

INT_MIN = -(2**31)
INT_MAX = 2**31 - 1
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2100, 12, 31)

# ``as_of`` of every view: a date the plan's world can ask about. Far dates made the analytics walk
# every day up to them under one lock (as_of=4000-01-01 held it for 25 s).
AS_OF_MIN = date(2000, 1, 1)
AS_OF_MAX = date(2050, 12, 31)


def as_of_query(description: str) -> Any:
    """Return the ``Query`` of an ``as_of`` parameter, bounded to AS_OF_MIN … AS_OF_MAX."""
    return Query(
        ge=AS_OF_MIN,  # type: ignore[arg-type]  # dates compare like numbers here
        le=AS_OF_MAX,  # type: ignore[arg-type]
        description=f"{description}; {AS_OF_MIN} … {AS_OF_MAX}",
        json_schema_extra={
            "formatMinimum": AS_OF_MIN.isoformat(),
            "formatMaximum": AS_OF_MAX.isoformat(),
        },
    )


# Bounded types for path and query parameters and for fields that want a narrower range.
Id = Annotated[int, Field(ge=1, le=INT_MAX, description="A row id")]
Count = Annotated[int, Field(ge=0, le=INT_MAX)]
Day = Annotated[date, Field(description=f"YYYY-MM-DD, {DATE_MIN} … {DATE_MAX}")]


def scalar_types(annotation: Any) -> set[Any]:
    """Return the scalar types an annotation accepts (through Optional, unions, lists, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return scalar_types(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, set, frozenset, tuple):
        out: set[Any] = set()
        for arg in typing.get_args(annotation):
            if arg is not Ellipsis:
                out |= scalar_types(arg)
        return out
    if origin is typing.Literal:
        return {type(a) for a in typing.get_args(annotation)}
    if origin is not None:  # dict[...] and other containers: no scalar rule
        return {object}
    return {annotation}


def accepts(leaves: set[Any], *kinds: type) -> bool:
    """True when one of the scalar types ``leaves`` is (a subclass of) one of ``kinds``."""
    return any(isinstance(leaf, type) and issubclass(leaf, kinds) for leaf in leaves)


def _fail(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def _check_text(value: Any, where: str = "") -> Any:
    if isinstance(value, str):
        problem = text.problem(value)
        if problem is not None:
            raise _fail("text_control", f"{where}{problem}")
        return "" if value and text.is_blank(value) else value
    if isinstance(value, list):
        return [_check_text(v, f"{where}item {i + 1}: ") for i, v in enumerate(value)]
    if isinstance(value, dict):
        for key in value:
            if isinstance(key, str) and text.problem(key):
                raise _fail("text_control", f"{where}a key {text.problem(key)}")
        return {k: _check_text(v, f"{where}{k}: ") for k, v in value.items()}
    return value


def _check_scalar(value: Any, leaves: set[Any]) -> None:
    numeric = accepts(leaves, int, float, Decimal) and not accepts(leaves, bool)
    if isinstance(value, bool):
        if numeric:
            raise _fail("int_type", "expected a number, not true/false")
        return
    if isinstance(value, int):
        if accepts(leaves, date) and not numeric and not accepts(leaves, str):
            raise _fail("date_type", "expected a date as YYYY-MM-DD, not a number")
        if numeric and not INT_MIN <= value <= INT_MAX:
            raise _fail("int_range", f"must be between {INT_MIN} and {INT_MAX}")
    elif isinstance(value, float):
        if accepts(leaves, date) and not numeric:
            raise _fail("date_type", "expected a date as YYYY-MM-DD, not a number")
        if not math.isfinite(value):
            raise _fail("float_finite", "must be a finite number")
    elif (
        isinstance(value, str)
        and accepts(leaves, date)
        and not accepts(leaves, str)
        and value.strip().lstrip("-").isdigit()
    ):
        raise _fail("date_type", "expected a date as YYYY-MM-DD, not a number")


def _check_dates(value: Any) -> None:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        if not DATE_MIN <= value <= DATE_MAX:
            raise _fail("date_range", f"must be between {DATE_MIN} and {DATE_MAX}")
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            _check_dates(v)


class Input(BaseModel):
    """Base of request bodies and forms (see the module docstring for what it refuses)."""

    model_config = ConfigDict(extra="forbid")
    _leaf_cache: ClassVar[dict[str, set[Any]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._leaf_cache = {}

    @classmethod
    def _fieldscalar_types(cls, name: str) -> set[Any]:
        cached = cls._leaf_cache.get(name)
        if cached is None:
            field = cls.model_fields.get(name)
            cached = scalar_types(field.annotation) if field is not None else {object}
            cls._leaf_cache[name] = cached
        return cached

    @field_validator("*", mode="before")
    @classmethod
    def _edge(cls, value: Any, info: ValidationInfo) -> Any:
        value = _check_text(value)
        leaves = cls._fieldscalar_types(info.field_name or "")
        nested_model = accepts(leaves, BaseModel)
        if isinstance(value, list | tuple):
            for item in value:
                if not (nested_model and isinstance(item, dict)):
                    _check_scalar(item, leaves)
        elif not (nested_model and isinstance(value, dict)):
            _check_scalar(value, leaves)
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _date_range(cls, value: Any) -> Any:
        _check_dates(value)
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        target = handler.resolve_ref_schema(json_schema)
        for prop in (target.get("properties") or {}).values():
            state_ranges(prop)
        return json_schema


def state_ranges(prop: dict[str, Any]) -> None:
    """Add the accepted ranges to a JSON-schema property (and its variants) that lacks them."""
    for variant in prop.get("anyOf", []) + prop.get("oneOf", []):
        state_ranges(variant)
    if "items" in prop and isinstance(prop["items"], dict):
        state_ranges(prop["items"])
    if prop.get("type") == "integer":
        prop.setdefault("minimum", INT_MIN)
        prop.setdefault("maximum", INT_MAX)
    elif prop.get("type") == "string" and prop.get("format") in ("date", "date-time"):
        prop.setdefault("formatMinimum", DATE_MIN.isoformat())
        prop.setdefault("formatMaximum", DATE_MAX.isoformat())


class Patch(Input):
    """Base of partial updates: an absent field keeps its value, and ``null`` is refused (422
    naming the field) unless the field is listed in ``nullable`` — the stored value may be empty.

    Without this, ``{"title": null}`` reached a NOT NULL column and answered 500.
    """

    nullable: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _no_null(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name not in cls.nullable:
            raise _fail("null", "cannot be null; leave the field out to keep its value")
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = super().__get_pydantic_json_schema__(schema, handler)
        target = handler.resolve_ref_schema(json_schema)
        for name, prop in (target.get("properties") or {}).items():
            variants = prop.get("anyOf")
            if name in cls.nullable or not variants:
                continue
            kept = [v for v in variants if v.get("type") != "null"]
            if len(kept) == 1:
                prop.pop("anyOf")
                prop.update(kept[0])
            else:
                prop["anyOf"] = kept
            if prop.get("default", "") is None:
                prop.pop("default")
        return json_schema
