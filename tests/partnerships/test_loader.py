"""The sample loader refuses bad partnership rows with one line naming file, row and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import TEST_DATA
from vocmatch.kit.errors import DataFileError
from vocmatch.partnerships.loader import read_partnerships

KNOWN = {
    "school_codes": {"GXZZ", "TESTPRIV"},
    "enterprise_names": {"深圳测试智能装备有限公司"},
    "staff_nos": {"GXZZ-T002"},
    "programme_codes": {"660103", "660303"},
}


def _with_activity(tmp_path: Path, row: str) -> Path:
    sample = tmp_path / "sample"
    shutil.copytree(TEST_DATA / "sample", sample)
    with (sample / "activities.csv").open("a", encoding="utf-8") as fh:
        fh.write(row + "\n")
    return sample


@pytest.mark.parametrize(
    ("row", "field"),
    [
        (
            "ACT-9,2025-01-01,five_commons_plan,GXZZ,660103,szpt,done,x,,,,,,,,javascript:alert(1),",
            "evidence_url",
        ),
        (
            "ACT-9,2025-01-01,teacher_practice,GXZZ,660303,sz-test,done,x,,GXZZ-T002,,,,,,,",
            "teacher_staff_no",
        ),
        ("ACT-9,2025-01-01,exchange_visit,GXZZ,,nobody,done,x,,,,,,,,,", "partner_keys"),
        ("ACT-9,2025-01-01,party,GXZZ,,szpt,done,x,,,,,,,,,", "type"),
    ],
)
def test_bad_rows_are_named(tmp_path: Path, row: str, field: str) -> None:
    with pytest.raises(DataFileError) as err:
        read_partnerships(_with_activity(tmp_path, row), **KNOWN)
    assert "activities.csv" in err.value.message and f"'{field}'" in err.value.message
