"""The SVG charts: legible text, round ticks, labels that fit (issue 17, item 9).

Expectations are worked out by hand from the rules in the module docstring of kit.charts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from vocmatch.kit.charts import (
    FONT,
    Series,
    TimelineEvent,
    bar_chart,
    line_chart,
    nice_ticks,
    text_width,
    thin_labels,
    tick_label,
    timeline,
    wrap_label,
)

SVG = "{http://www.w3.org/2000/svg}"


def _svg(markup: str) -> ET.Element:
    inner = re.search(r"<svg.*</svg>", str(markup), re.S)
    assert inner is not None
    return ET.fromstring(inner.group(0))


def _texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(SVG + "text"))


def _min_rendered_px(root: ET.Element) -> float:
    """The smallest text as shown when the SVG is at its narrowest (its min-width)."""
    view_w = float(root.attrib["viewBox"].split()[2])
    min_w = float(re.search(r"min-width:(\d+)px", root.attrib["style"]).group(1))  # type: ignore[union-attr]
    return min(float(t.attrib["font-size"]) for t in _texts(root)) * min_w / view_w


@pytest.mark.parametrize(
    ("vmax", "integer", "expected"),
    [
        # raw step = vmax / 5; the first of 1, 2, 5 × 10^k at or above it.
        (5, True, [0, 1, 2, 3, 4, 5]),  # raw 1 → 1
        (7, True, [0, 2, 4, 6, 8]),  # raw 1.4 → 2; 8 is the first tick ≥ 7
        (3, True, [0, 1, 2, 3]),  # raw 0.6 → 1 (whole steps for counts, never 0.5 or 1.2)
        (1, True, [0, 1]),
        (2.5, True, [0, 1, 2, 3]),  # a count chart never shows 2.5
        (2.5, False, [0, 0.5, 1, 1.5, 2, 2.5]),  # raw 0.5 → 0.5
        (100, False, [0, 20, 40, 60, 80, 100]),  # raw 20 → 20
        (269.2, True, [0, 100, 200, 300]),  # raw 53.84 → 100
        (9976.6, True, [0, 2000, 4000, 6000, 8000, 10000]),  # raw 1995.3 → 2000
        (0.37, False, [0, 0.1, 0.2, 0.3, 0.4]),  # raw 0.074 → 0.1
        (0, True, [0, 1]),  # an empty chart still has an axis
    ],
)
def test_ticks_are_round_steps(vmax: float, integer: bool, expected: list[float]) -> None:
    assert nice_ticks(vmax, integer=integer) == expected


def test_tick_labels_have_the_decimals_of_their_step() -> None:
    assert tick_label(10000, 2000) == "10,000"
    assert tick_label(1.5, 0.5) == "1.5"
    assert tick_label(0.3, 0.1) == "0.3"
    assert tick_label(4, 1) == "4"


def test_text_width_estimates() -> None:
    # CJK one em, digits and lower-case 0.6 em, capitals 0.72, narrow marks 0.3 (at 12: 12, 7.2, 8.64, 3.6).
    assert text_width("稀土") == 24
    assert text_width("2024") == pytest.approx(4 * 7.2)
    assert text_width("A1") == pytest.approx(8.64 + 3.6)
    assert text_width("分离", size=11) == 22


def test_long_chinese_labels_wrap_instead_of_being_cut() -> None:
    # 88 units hold 7 CJK characters at 12 (84 ≤ 88; 8 would be 96).
    assert wrap_label("离子型稀土开采与冶炼分离", 88) == ["离子型稀土开采", "与冶炼分离"]
    # Latin text breaks after spaces and hyphens; 88 units hold 12 characters at 0.6 em (7.2).
    assert wrap_label("Ion-exchange rare earth", 88) == ["Ion-exchange", "rare earth"]
    # Beyond the lines allowed the last ends in "…" and still fits (4 per line → 4 lines needed).
    assert (
        len(wrap_label("一二三四五六七八九十甲乙丙丁戊己", 48)) == 4
    )  # four are allowed by default
    lines = wrap_label("一二三四五六七八九十甲乙丙丁戊己", 48, max_lines=3)
    assert lines == ["一二三四", "五六七八", "九十甲…"]
    assert all(text_width(line) <= 48 for line in lines)


def test_bar_chart_segment_labels_are_whole_and_wrapped() -> None:
    names = [
        "离子型稀土开采与冶炼分离",
        "稀土永磁材料",
        "稀土发光材料",
        "稀土催化材料",
        "稀土储氢材料",
        "稀土抛光材料",
        "稀土精密合金",
        "稀土回收利用",
    ]
    chart = bar_chart(
        names,
        [Series("需求", [5, 3, 2, 1, 0, 4, 2, 1]), Series("供给", [2.6, 1, 0, 0, 3, 1, 1, 0])],
        title="稀土",
        counts=True,
    )
    root = _svg(chart)
    drawn = "".join(
        t.text or ""
        for t in _texts(root)
        if "data-label" in t.attrib or t.attrib.get("text-anchor") == "middle"
    )
    for name in names:
        assert name in drawn.replace("…", "")  # every character of every label is drawn
    # The groups are (720 - left - 16) / 8 wide; no line of a label is wider than its group.
    left = 40  # the widest tick "5" + 12 is below the 40 minimum
    group_w = (720 - left - 16) / 8
    labels = [
        t
        for t in _texts(root)
        if float(t.attrib["y"]) > 200 and t.attrib["text-anchor"] == "middle"
    ]
    assert labels and all(text_width(t.text or "") <= group_w for t in labels)
    # Ticks of a count chart: 0, 1, … 5; value labels whole (2.6 people shown as 3).
    ticks = [t.text for t in _texts(root) if t.attrib["text-anchor"] == "end"]
    assert ticks == ["0", "1", "2", "3", "4", "5"]
    values = [
        t.text
        for t in _texts(root)
        if t.attrib["text-anchor"] == "middle" and float(t.attrib["y"]) < 200
    ]
    assert "2.6" not in values and "3" in values
    assert "<title>供给 · 离子型稀土开采与冶炼分离: 3</title>" in str(chart)


def test_every_chart_keeps_text_at_11px_or_more() -> None:
    charts = [
        bar_chart(["甲", "乙"], [Series("a", [1, 2])], title="t"),
        line_chart(["2021", "2022"], [Series("a", [1.5, 2.5])], title="t", width=360, height=220),
        timeline(
            [TimelineEvent(date(2024, 3, 1), "某某企业", "讲座")],
            title="t",
            start=date(2024, 1, 1),
            end=date(2024, 12, 31),
        ),
    ]
    for chart in charts:
        root = _svg(chart)
        assert min(float(t.attrib["font-size"]) for t in _texts(root)) >= FONT
        assert _min_rendered_px(root) >= 11
        assert 'class="chart-scroll"' in str(
            chart
        )  # a narrow screen scrolls the chart, not the page


def test_projection_x_labels_never_overlap() -> None:
    months = [f"{2024 + m // 12}-{m % 12 + 1:02d}" for m in range(36)]  # 36 monthly labels
    chart = line_chart(months, [Series("实际", [40.0] * 36)], title="t", unit="%", ymax=100)
    root = _svg(chart)
    xs = [
        (float(t.attrib["x"]), t.text or "")
        for t in _texts(root)
        if t.attrib["fill"] == "#61707f" and t.attrib["text-anchor"] == "middle"
    ]
    assert xs[0][1] == "2024-01" and xs[-1][1] == "2026-12"
    for (x1, a), (x2, b) in zip(xs, xs[1:], strict=False):
        assert x2 - x1 >= (text_width(a) + text_width(b)) / 2 + 6  # a gap between neighbours
    # Percent axis: 0, 20, … 100 %.
    assert [t.text for t in _texts(root) if t.attrib["text-anchor"] == "end"] == [
        f"{v}%" for v in range(0, 101, 20)
    ]


def test_thinning_keeps_the_last_label() -> None:
    # 7-character labels need 7 × 7.2 + 6 = 56.4 units; at 20 apart every 3rd fits (60).
    assert thin_labels(["2024-09"] * 10, 20) == [0, 3, 6, 9]
    # With 11 labels the 9th and the 10th (index 10) would be 20 apart: the last replaces index 9.
    assert thin_labels(["2024-09"] * 11, 20) == [0, 3, 6, 10]
    assert thin_labels(["a", "b"], 100) == [0, 1]


def test_timeline_lane_names_fit_their_margin() -> None:
    long = "赣州某某稀土新材料股份有限公司职业教育合作部门与研发中心"  # 27 characters
    chart = timeline(
        [
            TimelineEvent(date(2024, 3, 1), long, "讲座"),
            TimelineEvent(date(2024, 5, 1), "短名", "实习"),
        ],
        title="t",
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
        width=900,
    )
    root = _svg(chart)
    lane_texts = [t.text or "" for t in _texts(root) if t.attrib["text-anchor"] == "end"]
    # The margin is a third of 900 = 300; names get 300 - 16 = 284 units: 22 characters and "…"
    # (23 × 12 = 276 + 12 would be 288).
    assert lane_texts == [long[:22] + "…", "短名"]
    assert f"<title>{long}</title>" in str(chart)
