"""Layout as a person on a phone (390 × 844) or a desktop sees it (issue 17, items 8 and 9).

On a phone no main page scrolls sideways (wide tables and charts scroll inside their card), the
header is one line until the menu button opens it, and form fields take the whole width. On any
screen chart text is drawn at 11 px or more. On a desktop the posting description is a full-width
box, a school's offering headers sit over their controls, and the audit table stays in its card."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select

from tests.demand.helpers import purge
from tests.factories import PASSWORD, make_user
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.db import transaction

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# The main pages, as the role that sees each.
PAGES = {
    None: ["/", "/programmes", "/occupations", "/match"],
    "planner": [
        "/planner",
        "/planner/chains/rare_earth",
        "/planner/indicators",
        "/postings",
        "/teachers",
        "/teachers/list",
        "/partnerships",
        "/destinations",
        "/schools/GXZZ",
    ],
    "admin": ["/admin", "/admin/audit"],
    "enterprise": ["/portal", "/portal/postings/new"],
}

# The smallest chart text as drawn: font size × the SVG's scale on screen.
SMALLEST_CHART_TEXT = """() => {
  let smallest = Infinity;
  for (const svg of document.querySelectorAll('svg.chart')) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
      smallest = Math.min(smallest, parseFloat(t.getAttribute('font-size')) * scale);
    }
  }
  return smallest;
}"""


@pytest.fixture
def users(engine: Engine) -> Iterator[dict[str, str]]:
    tag = uuid.uuid4().hex[:6]
    names = {role: f"layout-{role}-{tag}" for role in ("planner", "admin", "enterprise")}
    with transaction(engine) as s:
        enterprise = s.scalars(select(Enterprise).order_by(Enterprise.id).limit(1)).one()
        make_user(s, "planner", username=names["planner"])
        make_user(s, "admin", username=names["admin"])
        make_user(s, "enterprise", enterprise=enterprise, username=names["enterprise"])
    try:
        yield names
    finally:
        purge(engine, usernames=tuple(names.values()))


def _context(chromium: Any, base: str, username: str | None, viewport: dict[str, int]) -> Any:
    context = chromium.new_context(locale="zh-CN", viewport=viewport)
    if username:
        page = context.new_page()
        page.goto(base + "/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.locator("form[action='/login'] button[type=submit]").click()
        page.wait_for_url(lambda url: "/login" not in url)
        page.close()
    return context


def test_phone_pages_never_scroll_sideways(
    live_server: str, chromium: Any, users: dict[str, str]
) -> None:
    wide: list[str] = []
    small_text: list[str] = []
    for role, paths in PAGES.items():
        context = _context(chromium, live_server, users[role] if role else None, PHONE)
        page = context.new_page()
        for path in paths:
            response = page.goto(live_server + path)
            assert response is not None and response.status == 200, path
            width = page.evaluate("document.scrollingElement.scrollWidth")
            if width > page.evaluate("innerWidth"):
                wide.append(f"{role} {path}: {width}px")
            smallest = page.evaluate(SMALLEST_CHART_TEXT)
            if smallest < 11:
                small_text.append(f"{path}: {smallest:.1f}px")
        context.close()
    assert wide == []
    assert small_text == []


def test_phone_header_folds_behind_the_menu_button(
    live_server: str, chromium: Any, users: dict[str, str]
) -> None:
    context = _context(chromium, live_server, users["planner"], PHONE)
    page = context.new_page()
    page.goto(live_server + "/planner")
    header = page.locator("header.top")
    assert header.bounding_box()["height"] <= 60  # one line: the brand and the menu button
    teachers = page.locator("header.top nav a", has_text="双师型教师")
    assert not teachers.is_visible()
    page.get_by_test_id("nav-button").click()
    assert teachers.is_visible()
    assert header.bounding_box()["height"] < 844 / 2  # open, it still leaves most of the screen
    teachers.click()
    page.wait_for_url("**/teachers")
    # Form fields take the width of their card.
    page.goto(live_server + "/planner/indicators")
    form = page.locator("form[action='/planner/indicators']")
    select_box = form.locator("select[name=indicator]").bounding_box()
    card = form.bounding_box()
    assert select_box["width"] >= card["width"] - 40
    context.close()


def test_desktop_forms_and_tables_fit(
    live_server: str, chromium: Any, users: dict[str, str]
) -> None:
    context = _context(chromium, live_server, users["enterprise"], DESKTOP)
    page = context.new_page()
    page.goto(live_server + "/portal/postings/new")
    form = page.locator("form").filter(has=page.locator("textarea[name=description]"))
    box = page.locator("textarea[name=description]").bounding_box()
    assert box["width"] >= form.bounding_box()["width"] - 2  # the whole width of the form
    assert box["height"] >= 200  # room for a real description
    context.close()

    context = _context(chromium, live_server, users["planner"], DESKTOP)
    page = context.new_page()
    page.goto(live_server + "/schools/GXZZ")
    table = page.get_by_test_id("offerings")
    heads = table.locator("thead th")
    figures_head = heads.nth(1).bounding_box()
    first_form = table.locator("form.offering-form").first.bounding_box()
    # The header over the figures starts and ends with the cell of the controls under it.
    assert abs(figures_head["x"] + 12 - first_form["x"]) <= 2
    assert first_form["x"] + first_form["width"] <= figures_head["x"] + figures_head["width"]
    assert page.evaluate(SMALLEST_CHART_TEXT) >= 11 or page.locator("svg.chart").count() == 0
    for path in ("/planner", "/planner/indicators", "/teachers", "/partnerships"):
        page.goto(live_server + path)
        assert page.locator("svg.chart").count() > 0, path
        assert page.evaluate(SMALLEST_CHART_TEXT) >= 11, path
    context.close()

    context = _context(chromium, live_server, users["admin"], DESKTOP)
    page = context.new_page()
    page.goto(live_server + "/admin/audit")
    table = page.get_by_test_id("audit-log").bounding_box()
    main = page.locator("main").bounding_box()
    assert table["x"] + table["width"] <= main["x"] + main["width"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280
    context.close()
