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
from vocmatch.teachers.district import selected_rules_file
from vocmatch.teachers.prose import Prose

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
    interpretation: Prose = Prose()
    # Set when the number in this requirement is the product's own choice, not the standard's:
    # says why. Shown on the page as "本产品自定阈值".
    product_threshold: Prose = Prose()


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
    in_field: bool = False


class EnterprisePracticeRule(_Node):
    kind: Literal["enterprise_practice"]
    min_days: int = Field(gt=0, le=3650)
    window_years: int = Field(ge=1, le=20)
    in_field: bool = False


class TeachingServiceRule(_Node):
    """Years teaching at the school (from ``hired_on``): the part-time route's teaching side."""

    kind: Literal["teaching_service"]
    min_years: float = Field(gt=0, le=40)


class UncheckedItem(Text):
    """A part of the standard no record shows; ``required`` ones are checked by the school."""

    id: str = Field(min_length=1, max_length=40)
    required: bool = True


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
    | Annotated[EnterprisePracticeRule, Tag("enterprise_practice")]
    | Annotated[TeachingServiceRule, Tag("teaching_service")],
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
    | Annotated[TeachingServiceRule, Tag("teaching_service")]
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
    unchecked: list[UncheckedItem] = Field(default_factory=list)

    def required_items(self) -> list[UncheckedItem]:
        """Return the items the school must verify before the level is shown."""
        return [u for u in self.unchecked if u.required]


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid")
    share: float = Field(gt=0, le=1)
    date: date
    source: str = ""


class Basis(BaseModel):
    model_config = ConfigDict(extra="forbid")
    employment: list[Literal["full_time", "part_time"]] = Field(min_length=1)
    requires_programme: bool = True
    interpretation: Prose = Prose()


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


ROUTES = ("full_time", "part_time", "practice_instructor")


class RuleFile(BaseModel):
    """The YAML file as written (after ``extends:`` is resolved)."""

    model_config = ConfigDict(extra="forbid")
    version: str = Field(min_length=1, max_length=60)
    name: Text
    source: str = ""
    jurisdiction: Literal["national", "jiangxi"] = "national"
    # Shown as a banner wherever the rule set is named: what in this file is assumed, not quoted.
    assumption: Prose = Prose()
    # How a work or practice record is judged "in the field" (shown on the rules page).
    field_method: Prose = Prose()
    target: Target
    basis: Basis
    fields: dict[str, list[str]] = Field(default_factory=dict)
    skill_levels: dict[str, int]
    title_ranks: dict[str, int]
    levels: list[LevelRule] = Field(min_length=1)
    # Other routes (兼职教师, 实习指导教师): their own levels; absent = not evaluated.
    part_time_levels: list[LevelRule] = Field(default_factory=list)
    practice_instructor_levels: list[LevelRule] = Field(default_factory=list)
    near_qualified: NearRule
    effort_days: Effort
    projection: Projection

    @model_validator(mode="after")
    def _consistent(self) -> RuleFile:
        seen: set[str] = set()
        for key in ("levels", "part_time_levels", "practice_instructor_levels"):
            chain: list[LevelRule] = getattr(self, key)
            level_ids: list[str] = []
            for i, lvl in enumerate(chain):
                if lvl.requires is not None and lvl.requires not in level_ids:
                    raise ValueError(
                        f"{key}.{i}.requires: {lvl.requires!r} is not a level defined above it"
                    )
                ids = [lvl.id, *(u.id for u in lvl.unchecked)] + [
                    n.id
                    for r in lvl.all_of
                    for n in ([r, *r.any_of] if isinstance(r, AnyOfRule) else [r])
                ]
                for node_id in ids:
                    if node_id in seen:
                        raise ValueError(f"{key}.{i}: id {node_id!r} is used twice")
                    seen.add(node_id)
                level_ids.append(lvl.id)
            if [lvl.level for lvl in chain] != list(LEVELS[: len(chain)]):
                raise ValueError(f"{key}: must be junior, then intermediate, then senior")
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
        """Return the entry level of full-time teachers."""
        return self.rules.levels[0]

    def chain(self, route: str) -> list[LevelRule]:
        """Return the levels of ``route`` (full_time | part_time | practice_instructor)."""
        if route == "part_time":
            return self.rules.part_time_levels
        if route == "practice_instructor":
            return self.rules.practice_instructor_levels or self.rules.levels
        return self.rules.levels

    def all_levels(self) -> list[LevelRule]:
        """Return the levels of every route."""
        r = self.rules
        return [*r.levels, *r.part_time_levels, *r.practice_instructor_levels]

    def level_rule(self, rule_id: str) -> LevelRule | None:
        """Return the level with ``rule_id`` (any route)."""
        return next((lvl for lvl in self.all_levels() if lvl.id == rule_id), None)


def rules_path() -> Path:
    """Return the rule file the district selected (``teachers_district.yaml``), else the national one."""
    return get_settings().data_dir / selected_rules_file()


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
    base = _base_name(raw)
    if base:  # the version changes when either file does
        try:
            raw_base = (path.parent / base).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            raw_base = b""
        digest = hashlib.sha256(raw + b"\0" + raw_base).hexdigest()
    else:
        digest = hashlib.sha256(raw).hexdigest()
    key = (str(path), digest)
    with _lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    parsed = parse_rules(raw.decode("utf-8"), where=where, base_dir=path.parent)
    rule_set = RuleSet(rules=parsed, sha256=digest, path=where)
    with _lock:
        _cache.clear()  # keep only the current version of each file
        _cache[key] = rule_set
    return rule_set


def _base_name(raw: bytes) -> str:
    for line in raw.decode("utf-8", errors="replace").splitlines():
        if line.startswith("extends:"):
            return line.split(":", 1)[1].strip().strip("'\"")
    return ""


def parse_rules(text: str, *, where: str = RULES_FILE, base_dir: Path | None = None) -> RuleFile:
    """Validate rule-file text; raise DataFileError naming the line and the field when it is wrong."""
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(f"{where}{line}: broken YAML: {problem}") from None
    if isinstance(data, dict) and "extends" in data:
        data = _extend(data, where, base_dir or rules_path().parent)
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


def _extend(data: dict[str, Any], where: str, base_dir: Path) -> dict[str, Any]:
    """Return the base file named by ``extends:`` with this file's top-level keys replacing its own."""
    name = data.pop("extends")
    if not isinstance(name, str) or "/" in name or not name.endswith(".yaml"):
        raise DataFileError(f"{where}, field 'extends': give a .yaml file name of the data folder")
    base_path = base_dir / name
    try:
        base = yaml.safe_load(base_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(f"{where}, field 'extends': {name} not found") from None
    if not isinstance(base, dict) or "extends" in base:
        raise DataFileError(f"{where}, field 'extends': {name} must be a complete rule file")
    return {**base, **data}


_TAGS = {
    "teacher_certificate",
    "skill_certificate",
    "industry_title",
    "teaching_title",
    "enterprise_work",
    "enterprise_practice",
    "teaching_service",
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


def describe(rules: RuleSet) -> dict[str, tuple[Text, Prose]]:
    """Return every level and requirement id with its label and interpretation."""
    cached = _described.get(rules.sha256)
    if cached is not None:
        return cached
    out: dict[str, tuple[Text, Prose]] = {}
    for lvl in rules.all_levels():
        out[lvl.id] = (lvl.name, Prose())
        for item in lvl.unchecked:
            out[item.id] = (Text(zh=item.zh, en=item.en), Prose())
        for req in lvl.all_of:
            out[req.id] = (req.label, req.interpretation)
            if isinstance(req, AnyOfRule):
                for alt in req.any_of:
                    out[alt.id] = (alt.label, alt.interpretation)
    _described.clear()
    _described[rules.sha256] = out
    return out


_described: dict[str, dict[str, tuple[Text, Prose]]] = {}


def product_thresholds(rules: RuleSet) -> dict[str, Prose]:
    """Return the requirements whose number is the product's own choice, with the reason."""
    out: dict[str, Prose] = {}
    for lvl in rules.all_levels():
        for req in lvl.all_of:
            for node in [req, *req.any_of] if isinstance(req, AnyOfRule) else [req]:
                if node.product_threshold:
                    out[node.id] = node.product_threshold
    return out
