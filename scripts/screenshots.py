"""Take the README's screenshots of a running sample deployment (``make run``) in Chromium.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 [--out docs/screenshots]
        [--width 1280] [--height 900] [--only NAME ...]

Logs in as the demo users (``vocmatch demo-users``: planner, enterprise, admin with the demo
password) and saves one PNG per page of ``SHOTS``: the first screen, not the whole page, so the
README's tour shows what a person sees on opening it. ``--width 390 --height 844`` shows a phone.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

PASSWORD = "vocmatch-demo-2026"
# (file name, user or None for anonymous, path)
SHOTS = [
    ("1-chains", None, "/"),
    ("2-match", None, "/match"),
    ("3-planner", "planner", "/planner"),
    ("4-recommendations", "planner", "/planner/recommendations"),
    ("5-teachers", "planner", "/teachers"),
    ("6-partnerships", "planner", "/partnerships"),
    ("7-portal", "enterprise", "/portal"),
    ("8-admin", "admin", "/admin"),
    ("9-postings", "planner", "/postings"),
    ("10-destinations", "planner", "/destinations"),
    ("11-offerings", "planner", "/schools/GXZZ"),
    ("12-docs", None, "/docs"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    browser_path = os.environ.get("VOCMATCH_BROWSER", "/usr/bin/chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
        contexts: dict[str | None, object] = {}
        for name, user, path in SHOTS:
            if args.only and name not in args.only:
                continue
            if user not in contexts:
                ctx = browser.new_context(
                    locale="zh-CN", viewport={"width": args.width, "height": args.height}
                )
                if user:
                    page = ctx.new_page()
                    page.goto(args.base + "/login")
                    page.fill("input[name=username]", user)
                    page.fill("input[name=password]", PASSWORD)
                    page.locator("section form button[type=submit]").click()
                    page.wait_for_load_state("networkidle")
                    page.close()
                contexts[user] = ctx
            page = contexts[user].new_page()  # type: ignore[attr-defined]
            page.goto(args.base + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / f"{name}.png"))
            page.close()
            print(f"{name}.png  {path}")
        browser.close()


if __name__ == "__main__":
    main()
