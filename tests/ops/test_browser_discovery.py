"""``make test`` finds a browser or gets one, and otherwise stops with one line (issue 11, item 6).

Every case builds its own fake machine (PATH, HOME, executables in a temporary directory) and a
fake installer, so nothing here touches the real Chromium or the package manager.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.browser.discovery import MISSING, find, main, playwright_cache

ROOT = Path(__file__).resolve().parents[2]


def executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def bare(tmp_path: Path) -> dict[str, str]:
    """An environment with an empty PATH and HOME: a machine without any browser."""
    (tmp_path / "bin").mkdir(exist_ok=True)
    return {"PATH": str(tmp_path / "bin"), "HOME": str(tmp_path / "home")}


class Installer:
    """Records the commands it is asked to run; ``makes`` is created when apt-get runs."""

    def __init__(self, *, makes: Path | None = None, works: bool = True) -> None:
        self.commands: list[list[str]] = []
        self.makes = makes
        self.works = works

    def __call__(self, command: Sequence[str], timeout: float) -> bool:
        self.commands.append(list(command))
        if self.works and self.makes is not None and "install" in command:
            executable(self.makes)
        return self.works


def test_vocmatch_browser_wins_over_everything(tmp_path: Path) -> None:
    mine = executable(tmp_path / "opt" / "my-chrome")
    env = {**bare(tmp_path), "VOCMATCH_BROWSER": str(mine)}
    executable(tmp_path / "bin" / "chromium")
    assert find(env, system_paths=[str(executable(tmp_path / "usr" / "chromium"))]) == mine


def test_a_bad_vocmatch_browser_is_reported_not_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {**bare(tmp_path), "VOCMATCH_BROWSER": str(tmp_path / "nowhere" / "chrome")}
    assert main(env, is_root=False, run=Installer(), system_paths=[]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"make test: VOCMATCH_BROWSER={tmp_path / 'nowhere' / 'chrome'} is not an executable file"
    ]


def test_the_system_chromium_then_one_on_path(tmp_path: Path) -> None:
    env = bare(tmp_path)
    system = executable(tmp_path / "usr" / "bin" / "chromium")
    on_path = executable(tmp_path / "bin" / "chromium-browser")
    assert find(env, system_paths=[str(system)]) == system
    assert find(env, system_paths=[str(tmp_path / "usr" / "bin" / "missing")]) == on_path


def test_playwrights_cache_is_searched_newest_build_first(tmp_path: Path) -> None:
    env = bare(tmp_path)
    cache = playwright_cache(env)
    assert cache == tmp_path / "home" / ".cache" / "ms-playwright"
    executable(cache / "chromium-1100" / "chrome-linux" / "chrome")
    newest = executable(cache / "chromium-1200" / "chrome-linux64" / "chrome")
    assert find(env, system_paths=[]) == newest
    elsewhere = executable(tmp_path / "pw" / "chromium-9" / "chrome-linux" / "chrome")
    assert (
        find({**env, "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "pw")}, system_paths=[])
        == elsewhere
    )


def test_as_root_it_installs_debians_chromium_and_the_cjk_fonts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = bare(tmp_path)
    apt = executable(tmp_path / "bin" / "apt-get")
    system = tmp_path / "usr" / "bin" / "chromium"
    installer = Installer(makes=system)
    assert main(env, is_root=True, run=installer, system_paths=[str(system)]) == 0
    assert capsys.readouterr().out.strip() == str(system)
    assert installer.commands == [
        [str(apt), "update", "-qq"],
        [str(apt), "install", "-y", "-qq", "chromium", "fonts-noto-cjk"],
    ]


def test_not_root_it_tries_playwrights_download(tmp_path: Path) -> None:
    env = bare(tmp_path)
    executable(tmp_path / "bin" / "apt-get")
    downloaded = playwright_cache(env) / "chromium-1300" / "chrome-linux" / "chrome"
    installer = Installer(makes=downloaded)
    assert main(env, is_root=False, run=installer, system_paths=[]) == 0
    assert [c[1:] for c in installer.commands] == [["-m", "playwright", "install", "chromium"]]


def test_when_everything_fails_it_says_what_to_install_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = bare(tmp_path)
    executable(tmp_path / "bin" / "apt-get")
    installer = Installer(works=False)  # no mirror, no route to Playwright's download
    assert main(env, is_root=True, run=installer, system_paths=[]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines()[-1] == MISSING
    assert "apt-get install chromium fonts-noto-cjk" in MISSING
    assert len(installer.commands) == 2  # apt-get update (failed), then Playwright's download


def test_make_test_stops_before_running_anything_when_it_has_no_browser(tmp_path: Path) -> None:
    # A browser named but missing fails discovery the way a bare machine does; the real make
    # target must stop right there: no lint, no type check, no test.
    env = {**os.environ, "VOCMATCH_BROWSER": str(tmp_path / "no-chrome")}
    done = subprocess.run(
        ["make", "--no-print-directory", "test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "ruff" not in done.stdout and "mypy" not in done.stdout and "pytest" not in done.stdout
    lines = [line for line in done.stderr.splitlines() if not line.startswith(("make:", "make["))]
    assert lines == [
        f"make test: VOCMATCH_BROWSER={tmp_path / 'no-chrome'} is not an executable file"
    ]
