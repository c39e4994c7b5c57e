"""The dual-qualified rule set: ``data/dual_qualified_rules.yaml`` validated into typed rules.

The file is read on every use but parsed once per content hash, so an edit takes effect on the next
request and the version names exactly which file produced a status. A wrong file stops with one
line naming the file, the line and the field.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    model_validator,
)

from vocmatch.kit.config import get_settings
from vocmatch.kit.errors import DataFileError
from vocmatch.kit.files import display_path

RULES_FILE = "dual_qualified_rules.yaml"
LEVELS = ("junior", "intermediate", "senior")


class Text(BaseModel):
    """A bilingual label."""

    model_config = ConfigDict(extra="forbid")
    zh: str = Field(min_length=1)
    en: str = ""


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1, max_length=40)
    label: Text
    interpretation: str = ""


class TeacherCertificateRule(_Node):
    kind: Literal["teacher_certificate"]


class SkillCertificateRule(_Node):
    kind: Literal["skill_certificate"]
    max_level: int = Field(ge=1, le=5)
    in_field: bool = True


class IndustryTitleRule(_Node):
    kind: Literal["industry_title"]
    min_rank: int = Field(ge=1, le=4)
    in_field: bool = True


class TeachingTitleRule(_Node):
    kind: Literal["teaching_title"]
    min_rank: int = Field(ge=1, le=4)


class EnterpriseWorkRule(_Node):
    kind: Literal["enterprise_work"]
    min_years: float = Field(gt=0, le=40)


class EnterprisePracticeRule(_Node):
    kind: Literal["enterprise_practice"]
    min_days: int = Field(gt=0, le=3650)
    window_years: int = Field(ge=1, le=20)


def _kind(value: Any) -> str | None:
    if isinstance(value, dict):
        return "group" if "any_of" in value else value.get("kind")
    return "group" if isinstance(value, AnyOfRule) else getattr(value, "kind", None)


Leaf = Annotated[
    Annotated[TeacherCertificateRule, Tag("teacher_certificate")]
    | Annotated[SkillCertificateRule, Tag("skill_certificate")]
    | Annotated[IndustryTitleRule, Tag("industry_title")]
    | Annotated[TeachingTitleRule, Tag("teaching_title")]
    | Annotated[EnterpriseWorkRule, Tag("enterprise_work")]
    | Annotated[EnterprisePracticeRule, Tag("enterprise_practice")],
    Discriminator(_kind),
]


class AnyOfRule(_Node):
    """Met when one of the alternatives is met."""

    any_of: list[Leaf] = Field(min_length=1)


Requirement = Annotated[
    Annotated[TeacherCertificateRule, Tag("teacher_certificate")]
    | Annotated[SkillCertificateRule, Tag("skill_certificate")]
    | Annotated[IndustryTitleRule, Tag("industry_title")]
    | Annotated[TeachingTitleRule, Tag("teaching_title")]
    | Annotated[EnterpriseWorkRule, Tag("enterprise_work")]
    | Annotated[EnterprisePracticeRule, Tag("enterprise_practice")]
    | Annotated[AnyOfRule, Tag("group")],
    Discriminator(_kind),
]


class LevelRule(BaseModel):
    """One level of the standard: met when the required level and every requirement are met."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1, max_length=40)
    level: Literal["junior", "intermediate", "senior"]
    name: Text
    requires: str | None = None
    all_of: list[Requirement] = Field(min_length=1)
    unchecked: list[Text] = Field(default_factory=list)


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid")
    share: float = Field(gt=0, le=1)
    date: date
    source: str = ""


class Basis(BaseModel):
    model_config = ConfigDict(extra="forbid")
    employment: list[Literal["full_time", "part_time"]] = Field(min_length=1)
    requires_programme: bool = True
    interpretation: str = ""


class NearRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_progress: float = Field(gt=0, le=1)
    lapsed_within_months: int = Field(ge=0, le=60)


class Effort(BaseModel):
    model_config = ConfigDict(extra="forbid")
    practice_day: float = Field(ge=0)
    work_day: float = Field(ge=0)
    teacher_certificate: float = Field(ge=0)
    skill_level_up: float = Field(ge=0)
    skill_certificate: float = Field(ge=0)
    title_in_field: float = Field(ge=0)
    teaching_title_up: float = Field(ge=0)


class Projection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fit_months: int = Field(ge=2, le=120)


class RuleFile(BaseModel):
    """The YAML file as written."""

    model_config = ConfigDict(extra="forbid")
    version: str = Field(min_length=1, max_length=60)
    name: Text
    source: str = ""
    target: Target
    basis: Basis
    fields: dict[str, list[str]] = Field(default_factory=dict)
    skill_levels: dict[str, int]
    title_ranks: dict[str, int]
    levels: list[LevelRule] = Field(min_length=1)
    near_qualified: NearRule
    effort_days: Effort
    projection: Projection

    @model_validator(mode="after")
    def _consistent(self) -> RuleFile:
        seen: set[str] = set()
        level_ids: list[str] = []
        for i, lvl in enumerate(self.levels):
            if lvl.requires is not None and lvl.requires not in level_ids:
                raise ValueError(
                    f"levels.{i}.requires: {lvl.requires!r} is not a level defined above it"
                )
            ids = [lvl.id] + [
                n.id
                for r in lvl.all_of
                for n in ([r, *r.any_of] if isinstance(r, AnyOfRule) else [r])
            ]
            for node_id in ids:
                if node_id in seen:
                    raise ValueError(f"levels.{i}: id {node_id!r} is used twice")
                seen.add(node_id)
            level_ids.append(lvl.id)
        if [lvl.level for lvl in self.levels] != list(LEVELS[: len(self.levels)]):
            raise ValueError("levels: must be junior, then intermediate, then senior")
        for code in self.fields:
            if not (len(code) == 6 and code.isdigit()):
                raise ValueError(f"fields.{code}: not a 6-digit programme code")
        for key, value in self.skill_levels.items():
            if not 1 <= value <= 5:
                raise ValueError(f"skill_levels.{key}: must be 1 (highest) to 5")
        for key, value in self.title_ranks.items():
            if not 1 <= value <= 4:
                raise ValueError(f"title_ranks.{key}: must be 1 (junior) to 4 (full senior)")
        return self


class RuleSet(BaseModel):
    """A validated rule file with its version (``version`` + content hash) and where it came from."""

    rules: RuleFile
    sha256: str
    path: str

    @property
    def version(self) -> str:
        """Return the version shown with every status, e.g. ``moe-2022-basic-1+3f2a9c1d``."""
        return f"{self.rules.version}+{self.sha256[:8]}"

    @property
    def junior(self) -> LevelRule:
        """Return the entry level (the one the share counts)."""
        return self.rules.levels[0]

    def level_rule(self, rule_id: str) -> LevelRule | None:
        """Return the level with ``rule_id``."""
        return next((lvl for lvl in self.rules.levels if lvl.id == rule_id), None)


def rules_path() -> Path:
    """Return the rule file of this deployment (``<data_dir>/dual_qualified_rules.yaml``)."""
    return get_settings().data_dir / RULES_FILE


_cache: dict[tuple[str, str], RuleSet] = {}
_lock = threading.Lock()


def load_rules(path: Path | None = None) -> RuleSet:
    """Return the rule set in ``path`` (default: the deployment's), parsed once per content hash."""
    path = path or rules_path()
    where = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(f"{where}: file not found") from None
    digest = hashlib.sha256(raw).hexdigest()
    key = (str(path), digest)
    with _lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    parsed = parse_rules(raw.decode("utf-8"), where=where)
    rule_set = RuleSet(rules=parsed, sha256=digest, path=where)
    with _lock:
        _cache.clear()  # keep only the current version of each file
        _cache[key] = rule_set
    return rule_set


def parse_rules(text: str, *, where: str = RULES_FILE) -> RuleFile:
    """Validate rule-file text; raise DataFileError naming the line and the field when it is wrong."""
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(f"{where}{line}: broken YAML: {problem}") from None
    try:
        return RuleFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = _clean_loc(err.get("loc", ()))
        msg = err.get("msg", "invalid").removeprefix("Value error, ")
        # Cross-field checks name their own place: "levels.2.requires: …".
        if not loc and ":" in msg:
            place, msg = msg.split(":", 1)
            loc = tuple(int(p) if p.isdigit() else p for p in place.split("."))
            msg = msg.strip()
        lineno = _line_of(node, loc)
        at = f", line {lineno}" if lineno else ""
        field = ".".join(str(p) for p in loc) or "(top level)"
        raise DataFileError(f"{where}{at}, field '{field}': {msg}") from None


_TAGS = {
    "teacher_certificate",
    "skill_certificate",
    "industry_title",
    "teaching_title",
    "enterprise_work",
    "enterprise_practice",
    "group",
}


def _clean_loc(loc: tuple[Any, ...] | list[Any]) -> tuple[str | int, ...]:
    """Drop pydantic's union-branch names from an error location."""
    return tuple(p for p in loc if not (isinstance(p, str) and (p in _TAGS or "[" in p)))


def _line_of(node: Any, loc: tuple[str | int, ...]) -> int | None:
    """Return the 1-based line of the YAML node at ``loc`` (the deepest one that exists)."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if str(k.value) == str(part)), None)
            if nxt is None:
                break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            break
        line = node.start_mark.line + 1
    return line


def describe(rules: RuleSet) -> dict[str, tuple[Text, str]]:
    """Return every level and requirement id with its label and interpretation."""
    cached = _described.get(rules.sha256)
    if cached is not None:
        return cached
    out: dict[str, tuple[Text, str]] = {}
    for lvl in rules.rules.levels:
        out[lvl.id] = (lvl.name, "")
        for req in lvl.all_of:
            out[req.id] = (req.label, req.interpretation)
            if isinstance(req, AnyOfRule):
                for alt in req.any_of:
                    out[alt.id] = (alt.label, alt.interpretation)
    _described.clear()
    _described[rules.sha256] = out
    return out


_described: dict[str, dict[str, tuple[Text, str]]] = {}
