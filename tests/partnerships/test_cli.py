"""The operator's partnership commands print the same numbers as the pages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from vocmatch.cli import app
from vocmatch.partnerships import cli


@pytest.fixture(autouse=True)
def on_test_session(db: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    @contextmanager
    def transaction(*_: object, **__: object) -> Iterator[Session]:
        yield db

    monkeypatch.setattr(cli, "transaction", transaction)


def test_matrix_and_indicators() -> None:
    out = CliRunner().invoke(app, ["partnerships", "matrix", "--as-of", "2026-11-29"]).output
    assert "done 1, planned 1, missing 28" in out
    assert "GXZZ       660103 ✓ ✗ ✗ ◔ ✗  数控技术应用" in out
    out = CliRunner().invoke(app, ["partnerships", "indicators", "--as-of", "2026-11-29"]).output
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    # One pairing (GXZZ × 深圳职业技术大学 × 660103, AG-1) with one common done (ACT-1): 0 of 1
    # complete, no target; the group has no designation record: unknown, not counted.
    assert "0 (of 1)" in lines["five_commons_coverage"]
    assert "no target" in lines["five_commons_coverage"]
    assert "—" in lines["vocational_education_group"] and "[unknown]" in out
    assert "1" in lines["bay_area_articulation"].split()[1]


def test_export_and_import(tmp_path: Path) -> None:
    report = tmp_path / "report.xlsx"
    result = CliRunner().invoke(app, ["partnerships", "export", str(report), "--year", "2025"])
    assert result.exit_code == 0, result.output
    assert "合作活动" in load_workbook(report).sheetnames
    target = tmp_path / "import.xlsx"
    args = ["partnerships", "export", str(target), "--year", "2025", "--import-format"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert load_workbook(target).sheetnames == ["activities", "agreements", "partners"]
    result = CliRunner().invoke(app, ["partnerships", "import", str(target)])
    assert "activities  +0 ~0 =3" in result.output
