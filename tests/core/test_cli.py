"""The operator's CLI: help everywhere, one clear line on bad data, exit codes that scripts can use."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_DATA


def run(
    args: list[str], tmp_path: Path, data_dir: Path = TEST_DATA
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "VOCMATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "VOCMATCH_DATA_DIR": str(data_dir),
        "VOCMATCH_LOG_LEVEL": "WARNING",
    }
    return subprocess.run(
        [sys.executable, "-m", "vocmatch", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("args", [[], ["db"], ["load"], ["users"], ["keys"], ["serve", "--help"]])
def test_every_group_has_help(args: list[str], tmp_path: Path) -> None:
    r = run(args if "--help" in args else [*args, "--help"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Usage" in r.stdout


def test_upgrade_load_and_bad_file(tmp_path: Path) -> None:
    assert run(["db", "upgrade"], tmp_path).returncode == 0
    first = run(["load", "reference"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "programme                +10" in first.stdout
    again = run(["load", "reference"], tmp_path)
    assert " 0 created, 0 updated" in again.stdout

    broken = tmp_path / "data"
    shutil.copytree(TEST_DATA, broken)
    (broken / "industries.yaml").write_text("chains: [\n", encoding="utf-8")
    bad = run(["load", "reference"], tmp_path, data_dir=broken)
    assert bad.returncode == 2
    errors = [line for line in bad.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "industries.yaml" in errors[0] and "broken YAML" in errors[0]
    assert "Traceback" not in bad.stderr


def test_users_and_keys(tmp_path: Path) -> None:
    assert run(["db", "upgrade"], tmp_path).returncode == 0
    created = run(
        ["users", "create", "hr-platform", "--role", "platform", "--no-password"], tmp_path
    )
    assert created.returncode == 0, created.stderr
    key = run(["keys", "create", "hr-platform", "--name", "prod"], tmp_path)
    secret = key.stdout.strip()
    assert secret.startswith("vm_")
    listed = run(["keys", "list"], tmp_path)
    assert "hr-platform" in listed.stdout and secret not in listed.stdout
    prefix = secret.split("_")[1]
    assert run(["keys", "revoke", prefix], tmp_path).returncode == 0
    assert "revoked" in run(["keys", "list"], tmp_path).stdout
    dup = run(["users", "create", "hr-platform", "--role", "platform", "--no-password"], tmp_path)
    assert dup.returncode == 2 and "already exists" in dup.stderr
