"""The optional sample file of offering partners: loaded idempotently, checked against offerings."""

from __future__ import annotations

from pathlib import Path

import pytest

from vocmatch.kit.errors import DataFileError
from vocmatch.schools.loader import read_offering_partners

HEADER = "school_code,programme_code,year,enterprise_name,kind,since_year,notes\n"


def test_missing_file_is_no_partners(tmp_path: Path) -> None:
    assert read_offering_partners(tmp_path, offerings=set(), enterprise_names=set()) == []


def test_rows_must_name_an_offering_and_an_enterprise(tmp_path: Path) -> None:
    (tmp_path / "offering_partners.csv").write_text(
        HEADER + "GXZZ,660103,2026,某企业,order_class,2022,\n", encoding="utf-8"
    )
    offerings = {("GXZZ", "660103", 2026)}
    with pytest.raises(DataFileError, match="row 2, field 'enterprise_name'"):
        read_offering_partners(tmp_path, offerings=offerings, enterprise_names=set())
    rows = read_offering_partners(tmp_path, offerings=offerings, enterprise_names={"某企业"})
    assert rows[0].kind == "order_class" and rows[0].since_year == 2022
    with pytest.raises(DataFileError, match="does not offer"):
        read_offering_partners(tmp_path, offerings=set(), enterprise_names={"某企业"})


def test_sample_deployment_partners_are_valid() -> None:
    """data/sample/offering_partners.csv only names offerings and enterprises of the sample."""
    import csv

    sample = Path(__file__).resolve().parents[2] / "data" / "sample"
    with (sample / "offerings.csv").open(encoding="utf-8") as fh:
        offerings = {
            (r["school_code"], r["programme_code"], int(r["year"])) for r in csv.DictReader(fh)
        }
    with (sample / "enterprises.csv").open(encoding="utf-8") as fh:
        names = {r["name"] for r in csv.DictReader(fh)}
    assert len(read_offering_partners(sample, offerings=offerings, enterprise_names=names)) == 5
