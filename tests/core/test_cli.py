"""The operator's CLI: help everywhere, one clear line on bad data, exit codes that scripts can use.

Most commands run in-process through Typer's runner; a few run as real processes because what they
check only exists there: the exit code and stderr of ``vocmatch`` itself, and what ``--help`` loads.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_DATA, Cli
from vocmatch.cli import COMMANDS
from vocmatch.kit import migrate
from vocmatch.kit.db import make_engine


def run(
    args: list[str], tmp_path: Path, data_dir: Path = TEST_DATA
) -> subprocess.CompletedProcess[str]:
    """Run ``vocmatch ARGS`` as a real process on a database of its own."""
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


@pytest.mark.parametrize(
    "args", [[], ["db"], ["load"], ["users"], ["keys"], ["postings"], ["serve", "--help"]]
)
def test_every_group_has_help(args: list[str], cli: Cli) -> None:
    r = cli(*(args if "--help" in args else [*args, "--help"]))
    assert r.exit_code == 0, r.stderr
    assert "Usage" in r.stdout


def test_the_listing_says_what_each_command_says_of_itself(cli: Cli) -> None:
    for name, lazy in COMMANDS.items():
        own = (lazy.load(name).help or "").split("\n\n")[0]
        assert " ".join(own.split()) == lazy.help, name


def test_help_loads_no_heavy_library() -> None:
    # `vocmatch --help` must answer at once: the matcher's libraries, the web framework and the
    # database toolkit are imported only by the command that needs them.
    probe = (
        "import runpy, sys\n"
        "sys.argv = ['vocmatch', '--help']\n"
        "try:\n"
        "    runpy.run_module('vocmatch', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "heavy = {'sklearn', 'pandas', 'scipy', 'fastapi', 'sqlalchemy', 'pydantic'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "train" in r.stdout and "partnerships" in r.stdout
    assert r.stdout.strip().splitlines()[-1] == "[]"


def test_upgrade_and_load_are_idempotent(cli: Cli) -> None:
    assert cli("db", "upgrade").exit_code == 0
    first = cli("load", "reference")
    assert first.exit_code == 0, first.stderr
    assert "programme                +10" in first.stdout
    again = cli("load", "reference")
    assert " 0 created, 0 updated" in again.stdout


def test_a_bad_file_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    migrate.upgrade(make_engine(f"sqlite:///{tmp_path / 'cli.db'}"))
    broken = tmp_path / "data"
    shutil.copytree(TEST_DATA, broken)
    (broken / "industries.yaml").write_text("chains: [\n", encoding="utf-8")
    bad = run(["load", "reference"], tmp_path, data_dir=broken)
    assert bad.returncode == 2
    errors = [line for line in bad.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "industries.yaml" in errors[0] and "broken YAML" in errors[0]
    assert "Traceback" not in bad.stderr


def test_a_database_error_is_one_line_and_exit_code_3(tmp_path: Path) -> None:
    # No `db upgrade`: the tables are missing.
    r = run(["users", "list"], tmp_path)
    assert r.returncode == 3
    assert r.stderr.startswith("error: database:") and "Traceback" not in r.stderr


def test_users_and_keys(cli: Cli) -> None:
    assert cli("db", "upgrade").exit_code == 0
    created = cli("users", "create", "hr-platform", "--role", "platform", "--no-password")
    assert created.exit_code == 0, created.stderr
    key = cli("keys", "create", "hr-platform", "--name", "prod")
    secret = key.stdout.strip()
    assert secret.startswith("vm_")
    listed = cli("keys", "list")
    assert "hr-platform" in listed.stdout and secret not in listed.stdout
    prefix = secret.split("_")[1]
    assert cli("keys", "revoke", prefix).exit_code == 0
    assert "revoked" in cli("keys", "list").stdout
    dup = cli("users", "create", "hr-platform", "--role", "platform", "--no-password")
    assert dup.exit_code == 2 and "already exists" in dup.stderr
