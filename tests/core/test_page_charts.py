"""The charts as the pages draw them (issue 17, item 9): every SVG chart of every page a planner
or an administrator opens, read from the HTML. ``test_charts.py`` pins the drawing rules on
hand-made data; this test checks that the pages use them on the fixture data:
- no text shown below 11 px (the font size × the SVG's narrowest width / its viewBox width);
- whole ticks when every value of the chart is whole (counts of people or things: never 1.2 or
  2.5 bases), ticks in round steps otherwise;
- category labels drawn whole (no "…": 离子型稀… was the issue's example);
- x labels of a line (the projection) that never overlap their neighbour.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.core.test_language import HTML, _fill, _ids, _page_routes
from tests.factories import login, make_user
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.charts import LABEL_GAP, MIN_TEXT_PX, text_width

SVG = "{http://www.w3.org/2000/svg}"
AXIS = "#61707f"  # the colour of tick and x-axis labels
VALUE = re.compile(r":\s*([\d,]+(?:\.\d+)?)\D*$")  # the value at the end of a tooltip


def charts_of(html: str) -> list[ET.Element]:
    """Return the chart SVGs of a page."""
    return [
        ET.fromstring(m.group(0)) for m in re.finditer(r'<svg class="chart".*?</svg>', html, re.S)
    ]


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "").rstrip("%").strip())


def chart_faults(root: ET.Element) -> list[str]:
    """Return what a reader of one chart would trip over (empty when nothing)."""
    found: list[str] = []
    texts = list(root.iter(SVG + "text"))
    view_w = float(root.attrib["viewBox"].split()[2])
    min_w = re.search(r"min-width:(\d+)px", root.attrib.get("style", ""))
    shown = float(min_w.group(1)) if min_w else view_w
    for t in texts:
        px = float(t.attrib["font-size"]) * shown / view_w
        if px < MIN_TEXT_PX - 1e-6:
            found.append(f"text {t.text!r} at {px:.1f} px")
    # Ticks: the y-axis labels (right-aligned, axis colour), bottom to top.
    ticks = [
        _number(t.text or "0")
        for t in texts
        if t.attrib.get("text-anchor") == "end" and t.attrib.get("fill") == AXIS
    ]
    values = [
        VALUE.search(e.text or "")
        for e in root.iter(SVG + "title")
        if e is not root.find(SVG + "title")
    ]
    whole = all(m is None or "." not in m.group(1) for m in values)
    if len(ticks) > 1:
        step = ticks[1] - ticks[0]
        if whole and any(v != v.to_integral_value() for v in ticks):
            found.append(f"fractional ticks {[str(v) for v in ticks]} for whole values")
        mantissa = step.normalize().as_tuple().digits[0] if step > 0 else 0
        if step <= 0 or mantissa not in (1, 2, 5) or len(step.normalize().as_tuple().digits) > 1:
            found.append(f"ticks not in round steps: {[str(v) for v in ticks]}")
    # Category labels are drawn whole.
    for t in texts:
        if (t.text or "").endswith("…") and "data-label" in t.attrib:
            found.append(f"cut label {t.text!r} of {t.attrib['data-label']!r}")
    # X labels of a line chart (axis colour, centred, on one row) keep apart.
    rows: dict[str, list[tuple[float, str]]] = {}
    for t in texts:
        if t.attrib.get("text-anchor") == "middle" and t.attrib.get("fill") == AXIS:
            rows.setdefault(t.attrib["y"], []).append((float(t.attrib["x"]), t.text or ""))
    for row in rows.values():
        row.sort()
        for (x1, a), (x2, b) in zip(row, row[1:], strict=False):
            if x2 - x1 < (text_width(a) + text_width(b)) / 2 + LABEL_GAP - 1e-6:
                found.append(f"x labels {a!r} and {b!r} overlap")
    return found


def test_the_chart_check_finds_what_issue_17_found() -> None:
    small = ET.fromstring(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 300" style="min-width:480px">'
        "<title>t</title><rect><title>需求 · 甲: 2</title></rect>"
        '<text x="40" y="200" text-anchor="end" font-size="12" fill="#61707f">0</text>'
        '<text x="40" y="150" text-anchor="end" font-size="12" fill="#61707f">1.2</text>'
        '<text x="40" y="100" text-anchor="end" font-size="12" fill="#61707f">2.4</text>'
        '<text x="90" y="250" text-anchor="middle" font-size="12" fill="#1f2933" '
        'data-label="离子型稀土开采与冶炼分离">离子型稀…</text>'
        '<text x="100" y="280" text-anchor="middle" font-size="12" fill="#61707f">2024-01</text>'
        '<text x="120" y="280" text-anchor="middle" font-size="12" fill="#61707f">2024-02</text>'
        "</svg>"
    )
    found = " | ".join(chart_faults(small))
    assert "at 8.0 px" in found  # 12 × 480 / 720
    assert "fractional ticks" in found and "not in round steps" in found
    assert "cut label '离子型稀…'" in found and "overlap" in found


@pytest.mark.parametrize("role", ["admin", "planner"])
def test_every_chart_on_every_page_is_legible(client, db: Session, app, role: str) -> None:
    enterprise = db.scalar(select(Enterprise).where(Enterprise.name == "赣州稀土集团有限公司"))
    assert enterprise is not None
    login(client, make_user(db, role).username)
    ids = _ids(db, enterprise)
    problems: dict[str, list[str]] = {}
    seen = 0
    pages: list[Any] = [_fill(route, ids) for route in _page_routes(app)]
    pages += [f"/planner/chains/{key}" for key in ("tungsten", "new_energy")]
    for path in pages:
        r = client.get(path, headers=HTML)
        if r.status_code != 200 or "text/html" not in r.headers.get("content-type", ""):
            continue
        for i, root in enumerate(charts_of(r.text)):
            seen += 1
            found = chart_faults(root)
            if found:
                problems[f"{path} chart {i + 1}"] = found
    assert seen >= 6, seen  # dashboard, chain, indicators, teachers, partnerships, destinations
    assert not problems, "\n".join(f"{p}: {f[:6]}" for p, f in problems.items())
