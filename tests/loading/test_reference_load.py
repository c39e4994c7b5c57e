"""Loading is validated, idempotent and all-or-nothing; bad files get one line naming the place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from tests.conftest import TEST_DATA
from vocmatch import loading
from vocmatch.catalogue.loader import read_catalogue
from vocmatch.catalogue.models import Occupation, Programme
from vocmatch.industries.loader import read_industries
from vocmatch.kit.config import ROOT
from vocmatch.kit.db import transaction
from vocmatch.kit.errors import DataFileError
from vocmatch.loading import load_reference, load_sample


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the test data to break in a test."""
    dst = tmp_path / "data"
    shutil.copytree(TEST_DATA, dst)
    return dst


def _snapshot(engine: Engine) -> tuple[int, int, str]:
    with transaction(engine, write=False) as s:
        name = s.scalar(select(Programme.name).where(Programme.code == "660103")) or ""
        return (
            s.scalar(select(func.count()).select_from(Programme)) or 0,
            s.scalar(select(func.count()).select_from(Occupation)) or 0,
            name,
        )


def test_loading_twice_changes_nothing(engine: Engine) -> None:
    assert load_reference(engine, TEST_DATA).changed == 0
    assert load_sample(engine, TEST_DATA).changed == 0


def test_missing_column_names_file_and_column(engine: Engine, data_copy: Path) -> None:
    path = data_copy / "programmes.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].replace("class_code,", "")
    path.write_text(header + "".join(lines[1:]), encoding="utf-8")
    before = _snapshot(engine)
    with pytest.raises(DataFileError) as err:
        load_reference(engine, data_copy)
    assert "programmes.csv, line 1: missing column(s) class_code" in err.value.message
    assert _snapshot(engine) == before


def test_bad_code_names_line_and_field(engine: Engine, data_copy: Path) -> None:
    path = data_copy / "occupations.csv"
    text = path.read_text(encoding="utf-8").replace("6-18-01-01,", "6-18-1-01,", 1)
    path.write_text(text, encoding="utf-8")
    before = _snapshot(engine)
    with pytest.raises(DataFileError) as err:
        load_reference(engine, data_copy)
    msg = err.value.message
    assert "occupations.csv, line " in msg and "field 'code'" in msg and "6-18-1-01" in msg
    assert "\n" not in msg
    assert _snapshot(engine) == before


def test_broken_yaml_names_line(engine: Engine, data_copy: Path) -> None:
    path = data_copy / "industries.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[12] = lines[12] + ": [unclosed"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_reference(engine, data_copy)
    assert err.value.message.startswith(str(path)) or "industries.yaml, line" in err.value.message
    assert "broken YAML" in err.value.message


def test_unknown_occupation_in_yaml_names_segment(engine: Engine, data_copy: Path) -> None:
    path = data_copy / "industries.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"6-17-05-01"', '"6-99-99-99"'), encoding="utf-8"
    )
    with pytest.raises(DataFileError) as err:
        load_reference(engine, data_copy)
    assert "chains.rare_earth.segments.separation.occupations" in err.value.message
    assert "6-99-99-99" in err.value.message


def test_failure_while_writing_rolls_everything_back(
    engine: Engine, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data_copy / "programmes.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("数控技术应用", "数控技术应用（改）"),
        encoding="utf-8",
    )
    before = _snapshot(engine)

    def explode(*_args: object, **_kw: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(loading, "write_industries", explode)
    with pytest.raises(RuntimeError):
        load_reference(engine, data_copy)
    assert _snapshot(engine) == before  # the programme rename was written first, then undone


def test_sample_reference_errors_name_row(engine: Engine, data_copy: Path) -> None:
    path = data_copy / "sample" / "offerings.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("GXZZ,630501", "GXZZ,999999"), encoding="utf-8"
    )
    with pytest.raises(DataFileError) as err:
        load_sample(engine, data_copy)
    assert "offerings.csv, row 3, field 'programme_code'" in err.value.message


def test_real_reference_data_is_valid() -> None:
    """The committed data/ parses and cross-checks (the same checks `vocmatch load reference` runs)."""
    files = read_catalogue(ROOT / "data")
    assert len(files.programmes) == 368
    assert len(files.occupations) == 1631  # 1,634 upstream rows less 2 duplicates and 1 group row
    assert sum(p.has_profile for p in files.programmes) == 340
    parsed = read_industries(
        ROOT / "data" / "industries.yaml",
        occupation_codes={o.code for o in files.occupations},
        programme_codes={p.code for p in files.programmes},
    )
    assert [c.key for c in parsed.chains] == [
        "rare_earth",
        "tungsten",
        "new_energy",
        "intelligent_equipment",
    ]
    for chain in parsed.chains:
        assert len(chain.segments) >= 6
        assert len({k.zh for s in chain.segments for k in s.skills}) >= 30
