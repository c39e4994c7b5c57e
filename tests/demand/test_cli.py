"""The operator's posting commands: demo users, re-match with progress, import from a file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import Cli


def _loaded(cli: Cli) -> None:
    for args in (["db", "upgrade"], ["load", "reference"], ["load", "sample"]):
        r = cli(*args)
        assert r.exit_code == 0, r.stderr


def test_demo_users_once_with_a_key_shown_once(cli: Cli) -> None:
    _loaded(cli)
    first = cli("demo-users")
    assert first.exit_code == 0, first.stderr
    assert "admin" in first.stdout and "planner" in first.stdout and "enterprise" in first.stdout
    assert "API key: vm_" in first.stdout
    again = cli("demo-users")
    assert "exists" in again.stdout and "vm_" not in again.stdout


def test_load_sample_matches_its_postings_once(cli: Cli, tmp_path: Path) -> None:
    _loaded(cli)
    with sqlite3.connect(tmp_path / "cli.db") as conn:
        rows = conn.execute("SELECT model_version, chain FROM posting").fetchall()
        indexed = conn.execute("SELECT count(*) FROM posting_programme").fetchone()[0]
    assert len(rows) == 10 and all(v for v, _ in rows) and all(c for _, c in rows)
    assert indexed > 0
    again = cli("load", "sample")
    assert " 0 created, 0 updated" in again.stdout
    assert "matching postings" not in again.stderr


def test_rematch_shows_progress_and_import_dry_run(cli: Cli, tmp_path: Path) -> None:
    _loaded(cli)
    r = cli("postings", "rematch", "--all")
    assert r.exit_code == 0, r.stderr
    assert "re-matched" in r.stderr and "(100 %)" in r.stderr
    assert "re-matched 10 of 10 postings" in r.stdout
    stale = cli("postings", "rematch")
    assert "re-matched 0 of 0 postings" in stale.stdout
    f = tmp_path / "export.csv"
    f.write_bytes(
        "企业名称,岗位名称,招聘人数\n赣州稀土集团有限公司,萃取工,3\n赣州稀土集团有限公司,,0\n".encode(
            "gb18030"
        )
    )
    dry = cli("postings", "import", str(f))
    assert dry.exit_code == 0, dry.stderr
    assert "gb18030" in dry.stdout and "2 rows, 1 valid" in dry.stdout and "row 3" in dry.stdout
    refused = cli("postings", "import", str(f), "--write")
    assert refused.exit_code == 2 and "没有导入任何数据" in refused.stderr
    ok = cli("postings", "import", str(f), "--write", "--valid-only")
    assert ok.exit_code == 0 and "1 created" in ok.stdout
