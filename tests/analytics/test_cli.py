"""The analytics CLI runs the same services on a loaded database and writes the same exports."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli


def test_cli_indicators_chains_and_export(cli: Cli, tmp_path: Path) -> None:
    for step in (["db", "upgrade"], ["load", "reference"], ["load", "sample"]):
        assert cli(*step).exit_code == 0
    r = cli("analytics", "indicators", "--as-of", "2026-11-29")
    assert r.exit_code == 0, r.stderr
    assert "secondary_vocational_enrolment" in r.stdout and "missed" in r.stdout
    r = cli("analytics", "chains", "--as-of", "2026-11-29")
    assert r.exit_code == 0 and "rare_earth" in r.stdout
    r = cli("analytics", "recommend", "--as-of", "2026-11-29", "--school", "GXZZ")
    assert r.exit_code == 0, r.stderr
    assert "plan 2027 for GXZZ" in r.stdout and "check trajectory" in r.stdout
    out = tmp_path / "fit.csv"
    r = cli("analytics", "export", "fit", "--out", str(out), "--as-of", "2026-11-29")
    assert r.exit_code == 0, r.stderr
    assert out.read_bytes().startswith("\ufeff专业代码".encode())
    bad = cli("analytics", "export", "fit", "--out", str(tmp_path / "x.pdf"))
    assert bad.exit_code == 2 and "no export" in bad.stderr
