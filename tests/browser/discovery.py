"""Find the Chromium the browser tests drive, or get one (``make test`` runs this first).

In order: ``VOCMATCH_BROWSER``; a Chromium installed by the system (``/usr/bin/chromium`` and
friends, or on ``PATH``); one in Playwright's browser cache. When none is there: Debian's
``chromium`` (with ``fonts-noto-cjk`` so pages show Chinese) through apt-get when running as root,
then Playwright's own download. Only when all of that fails does it print one line saying what to
install and exit non-zero, so ``make test`` stops before running anything.

    python -m tests.browser.discovery      # prints the browser's path on stdout

Standard library only: it runs before anything else is known to work.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

SYSTEM_PATHS = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
)
ON_PATH = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Inside a Playwright cache directory (newest build first when several are there).
PLAYWRIGHT_GLOBS = (
    "chromium-*/chrome-linux*/chrome",
    "chromium_headless_shell-*/chrome-linux*/headless_shell",
)
MISSING = (
    "make test needs Chromium for the browser tests and could not get one: install it "
    "(Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk) or set "
    "VOCMATCH_BROWSER=/path/to/chrome"
)

Run = Callable[[Sequence[str], float], bool]  # (command, timeout in s) -> succeeded


class BrowserError(Exception):
    """A browser was named but cannot be used."""


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def playwright_cache(env: Mapping[str, str]) -> Path:
    """Return where Playwright keeps its browsers (``PLAYWRIGHT_BROWSERS_PATH`` or the default)."""
    named = env.get("PLAYWRIGHT_BROWSERS_PATH")
    if named and named != "0":
        return Path(named)
    home = Path(env.get("HOME") or Path.home())
    return Path(env.get("XDG_CACHE_HOME") or home / ".cache") / "ms-playwright"


def find(env: Mapping[str, str], system_paths: Sequence[str] = SYSTEM_PATHS) -> Path | None:
    """Return an installed Chromium, or None; raise BrowserError when VOCMATCH_BROWSER is bad."""
    named = env.get("VOCMATCH_BROWSER")
    if named:
        if not _executable(Path(named)):
            raise BrowserError(f"VOCMATCH_BROWSER={named} is not an executable file")
        return Path(named)
    for candidate in system_paths:
        if _executable(Path(candidate)):
            return Path(candidate)
    for name in ON_PATH:
        found = shutil.which(name, path=env.get("PATH", ""))
        if found:
            return Path(found)
    cache = playwright_cache(env)
    for pattern in PLAYWRIGHT_GLOBS:
        for candidate in sorted(cache.glob(pattern), reverse=True):
            if _executable(candidate):
                return candidate
    return None


def _run(command: Sequence[str], timeout: float) -> bool:
    # What the installers print goes to stderr: stdout carries only the browser's path.
    try:
        done = subprocess.run(
            list(command),
            stdout=sys.stderr,
            stderr=sys.stderr,
            timeout=timeout,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def obtain(
    env: Mapping[str, str],
    *,
    is_root: bool,
    run: Run = _run,
    system_paths: Sequence[str] = SYSTEM_PATHS,
    python: str = sys.executable,
) -> Path | None:
    """Install a Chromium (apt-get as root, else Playwright's download); return it or None."""
    apt = shutil.which("apt-get", path=env.get("PATH", ""))
    if is_root and apt:
        print("no Chromium found: installing Debian's chromium and fonts-noto-cjk", file=sys.stderr)
        if run([apt, "update", "-qq"], 600) and run(
            [apt, "install", "-y", "-qq", "chromium", "fonts-noto-cjk"], 1200
        ):
            found = find(env, system_paths)
            if found:
                return found
    print("trying Playwright's own Chromium download", file=sys.stderr)
    if run([python, "-m", "playwright", "install", "chromium"], 300):
        return find(env, system_paths)
    return None


def main(
    env: Mapping[str, str] | None = None,
    *,
    is_root: bool | None = None,
    run: Run = _run,
    system_paths: Sequence[str] = SYSTEM_PATHS,
) -> int:
    """Print the browser's path (0), or one line saying what to install (3)."""
    env = os.environ if env is None else env
    try:
        found = find(env, system_paths) or obtain(
            env,
            is_root=os.geteuid() == 0 if is_root is None else is_root,
            run=run,
            system_paths=system_paths,
        )
    except BrowserError as exc:
        print(f"make test: {exc}", file=sys.stderr)
        return 3
    if found is None:
        print(MISSING, file=sys.stderr)
        return 3
    print(found)
    return 0


if __name__ == "__main__":
    sys.exit(main())
