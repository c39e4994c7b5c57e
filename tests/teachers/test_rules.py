"""The rule file: the deployment's file is valid and versioned; a wrong file names the place."""

from __future__ import annotations

from pathlib import Path

import pytest

from vocmatch.kit.config import ROOT
from vocmatch.kit.errors import DataFileError
from vocmatch.teachers.dual_qualified.rules import load_rules, parse_rules, rules_path

REAL = rules_path().read_text(encoding="utf-8")


def test_deployment_rules_encode_three_levels_of_the_2022_standard() -> None:
    rules = load_rules()
    assert [lvl.level for lvl in rules.rules.levels] == ["junior", "intermediate", "senior"]
    assert rules.version.startswith("moe-2022-basic-1+") and len(rules.version.split("+")[1]) == 8
    junior = rules.junior
    assert [r.id for r in junior.all_of] == ["J-CERT", "J-IND"]
    alternatives = {a.id: a for a in junior.all_of[1].any_of}  # type: ignore[union-attr]
    assert alternatives["J-PRACTICE"].min_days == 180  # type: ignore[union-attr]
    assert alternatives["J-PRACTICE"].window_years == 5  # type: ignore[union-attr]
    assert alternatives["J-SKILL"].max_level == 4  # type: ignore[union-attr]
    # Every place where the standard is read rather than copied says so.
    assert all(a.interpretation for a in alternatives.values())
    # ... in Chinese and in English (the pages show the page's language).
    nodes = [
        n for lvl in rules.all_levels() for r in lvl.all_of for n in [r, *getattr(r, "any_of", [])]
    ]
    explained = [x for n in nodes for x in (n.interpretation, n.product_threshold) if x]
    # 7 interpretations (J-CERT, J-SKILL, J-TITLE, J-WORK, J-PRACTICE, M-RANK, M-SKILL) and 7
    # product thresholds (M-WORK, M-PRACTICE, S-WORK, PT-J-SERVICE, PI-J/M/S-SKILL).
    assert len(explained) == 14 and all(x.zh and x.en and x.zh != x.en for x in explained)
    assert rules.rules.field_method.zh.startswith("本产品的方法")
    assert rules.rules.target.share == 0.5 and str(rules.rules.target.date) == "2025-12-31"


def test_the_shipped_rule_file_is_valid() -> None:
    # Tests read their copy in tests/data; the deployment's own file must validate too.
    shipped = load_rules(ROOT / "data" / "dual_qualified_rules.yaml")
    assert shipped.rules.levels[0].id == "DQ2022-J"


def _error(text: str) -> str:
    with pytest.raises(DataFileError) as exc:
        parse_rules(text, where="rules.yaml")
    message = exc.value.message
    assert "\n" not in message
    return message


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_wrong_value_names_the_line_and_the_field() -> None:
    text = REAL.replace("min_days: 180", "min_days: -5", 1)
    message = _error(text)
    assert message.startswith(
        f"rules.yaml, line {_line_of(text, 'min_days: -5')}, field 'levels.0.all_of.1.any_of.3.min_days'"
    )
    assert "greater than 0" in message


def test_an_unknown_requirement_kind_is_refused() -> None:
    text = REAL.replace(
        "kind: enterprise_work\n            min_years: 3",
        "kind: vibes\n            min_years: 3",
        1,
    )
    message = _error(text)
    assert f"line {_line_of(text, 'id: J-WORK')}" in message
    assert "levels.0.all_of.1.any_of.2" in message and "vibes" in message


def test_broken_yaml_names_the_line() -> None:
    text = REAL.replace("  share: 0.5", "  share: [0.5", 1)
    assert _error(text).startswith("rules.yaml, line")


def test_cross_checks_name_the_place() -> None:
    assert "id 'J-CERT' is used twice" in _error(REAL.replace("id: J-SKILL", "id: J-CERT", 1))
    message = _error(REAL.replace("requires: DQ2022-J", "requires: DQ2099", 1))
    assert (
        "levels.1.requires" in message and f"line {_line_of(REAL, 'requires: DQ2022-J')}" in message
    )


def test_misspelt_keys_are_refused() -> None:
    text = REAL.replace("fit_months: 24", "fit_month: 24", 1)
    message = _error(text)
    assert "field 'projection.fit_months': Field required" in message
    assert f"line {_line_of(text, 'fit_month: 24')}" in message


def test_the_version_follows_the_file_content(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(REAL, encoding="utf-8")
    first = load_rules(path)
    assert load_rules(path) is first  # parsed once per content
    path.write_text(REAL.replace("min_days: 180", "min_days: 150", 1), encoding="utf-8")
    second = load_rules(path)
    assert second.version != first.version
    assert second.junior.all_of[1].any_of[3].min_days == 150  # type: ignore[union-attr]


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="file not found"):
        load_rules(tmp_path / "nope.yaml")
