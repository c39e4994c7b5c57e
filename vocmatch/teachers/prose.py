"""Explanations in the teachers' data files (interpretations, citations), in both languages.

A rule or district file writes ``{zh: …, en: …}``; a plain string is taken for both languages (a
district's own file may be written in one). Pages show the page's language, Chinese first.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator


class Prose(BaseModel):
    """Free text in Chinese and English (either may be empty; ``bool`` is False when both are)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    zh: str = ""
    en: str = ""

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, value: Any) -> Any:
        return {"zh": value, "en": value} if isinstance(value, str) else value

    def __bool__(self) -> bool:
        return bool(self.zh or self.en)

    def __str__(self) -> str:
        return self.zh or self.en

    def lang(self, lang: str) -> str:
        """Return the text in ``lang`` ("en" or Chinese), else the other language's."""
        first, other = (self.en, self.zh) if lang == "en" else (self.zh, self.en)
        return first or other


def prose_in(value: object, lang: str) -> str:
    """Return ``value`` in ``lang``: a Prose, an API shape or dict with ``zh``/``en``, or text."""
    if isinstance(value, Prose):
        return value.lang(lang)
    if isinstance(value, dict):
        return Prose(**value).lang(lang)
    if hasattr(value, "zh") and hasattr(value, "en"):
        return Prose(zh=value.zh, en=value.en).lang(lang)
    return "" if value is None else str(value)


def _said(value: Prose) -> Prose:
    if not value:
        raise ValueError("must not be empty")
    return value


RequiredProse = Annotated[Prose, AfterValidator(_said)]
