"""The analytics CLI runs the same services on a loaded database and writes the same exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_cli import run


@pytest.mark.slow
def test_cli_indicators_chains_and_export(tmp_path: Path) -> None:
    for step in (["db", "upgrade"], ["load", "reference"], ["load", "sample"]):
        assert run(step, tmp_path).returncode == 0
    r = run(["analytics", "indicators", "--as-of", "2026-11-29"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert "secondary_vocational_enrolment" in r.stdout and "missed" in r.stdout
    r = run(["analytics", "chains", "--as-of", "2026-11-29"], tmp_path)
    assert r.returncode == 0 and "rare_earth" in r.stdout
    r = run(["analytics", "recommend", "--as-of", "2026-11-29", "--school", "GXZZ"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert "plan 2027 for GXZZ" in r.stdout and "check trajectory" in r.stdout
    out = tmp_path / "fit.csv"
    r = run(["analytics", "export", "fit", "--out", str(out), "--as-of", "2026-11-29"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith("\ufeff专业代码".encode())
    bad = run(["analytics", "export", "fit", "--out", str(tmp_path / "x.pdf")], tmp_path)
    assert bad.returncode == 2 and "no export" in bad.stderr
