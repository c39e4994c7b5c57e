"""Charts as inline SVG, drawn on the server: no JavaScript library, no CDN, prints well.

Each function returns ``Markup`` to drop into a template: the ``<svg>`` inside a
``<div class="chart-scroll">`` that scrolls sideways on a screen narrower than the chart.

What a reader can rely on (tested in ``tests/core/test_charts.py``):

- **Text is legible.** Every text is drawn at ``FONT`` (12) or more user units, and the SVG never
  shrinks below ``min_width`` = width × 11 / 12 CSS pixels (its ``style``), so no text is ever
  shown smaller than 11 px; a chart may grow to 1.25 × its width, no more.
- **Ticks are round**: 0 and steps of 1, 2 or 5 × 10^k (:func:`nice_ticks`), at most five
  intervals; counts of people or things (``counts=True``, or every value whole) get whole steps,
  never 1.2 or 2.5, and whole value labels.
- **Labels fit**: category labels wrap onto up to four lines within their group's width (the
  chart grows downwards for them); only beyond that is the last line cut with "…", and the full
  label is the bar's tooltip. Widths are estimated by :func:`text_width` (a CJK character or an
  ambiguous mark such as "…" is one em, a Latin letter or digit 0.6 em, a capital 0.72 em, a
  narrow mark 0.3 em). The x labels of a line chart are
  thinned so that neighbours never overlap. Bar value labels are drawn only where they fit above
  their bar (the tooltip always has the value).

Colours are CSS colour strings.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup, escape

PALETTE = ("#0b5cad", "#c77700", "#1a8f4c", "#7b3fa0", "#b3261e", "#4d5b6a", "#0f8b8d")
CHAIN_COLOURS = {
    "rare_earth": "#7b3fa0",
    "tungsten": "#4d5b6a",
    "new_energy": "#1a8f4c",
    "intelligent_equipment": "#0b5cad",
    "none": "#9aa5b1",
}
FONT = 12  # user units; with MIN_SCALE no text is rendered below 11 px
MIN_TEXT_PX = 11
MIN_SCALE = MIN_TEXT_PX / FONT
MAX_SCALE = 1.25
LINE_HEIGHT = 15
LABEL_GAP = 6  # space between two neighbouring labels
MAX_LABEL_LINES = 4
_NARROW = set(" .,:;!|'()[]-/ijlt1")


def text_width(text: str, size: float = FONT) -> float:
    """Return the estimated drawn width of ``text`` at ``size`` (an upper bound for CJK fonts)."""
    width = 0.0
    for ch in text:
        # Ambiguous marks ("…", "·", "①") are full width in a CJK font.
        if unicodedata.east_asian_width(ch) in ("W", "F", "A"):
            width += 1.0
        elif ch in _NARROW:
            width += 0.3
        elif ch.isupper() or ch in "%mw@MW":
            width += 0.72
        else:
            width += 0.6
    return width * size


def _tokens(text: str) -> list[str]:
    """Split into break opportunities: each CJK character, each Latin word with the space, hyphen
    or slash after it."""
    out: list[str] = []
    word = ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        else:
            word += ch
            if ch in " -/":
                out.append(word)
                word = ""
    if word:
        out.append(word)
    return out


def wrap_label(
    text: str, max_width: float, *, size: float = FONT, max_lines: int = MAX_LABEL_LINES
) -> list[str]:
    """Return ``text`` in lines no wider than ``max_width``: broken between CJK characters or
    Latin words (a word longer than a line is broken inside); beyond ``max_lines`` the last line
    ends in "…"."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if text_width((line + token).rstrip(), size) <= max_width:
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = token.lstrip()
        if text_width(line.rstrip(), size) <= max_width:
            continue
        word, line = line, ""
        for ch in word:  # a word wider than a line is broken inside
            if line and text_width((line + ch).rstrip(), size) > max_width:
                lines.append(line.rstrip())
                line = ""
            line += ch
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) <= max_lines:
        return lines
    kept = lines[: max_lines - 1]
    last = lines[max_lines - 1]
    while last and text_width(last + "…", size) > max_width:
        last = last[:-1]
    return [*kept, last.rstrip() + "…"]


def nice_ticks(vmax: float, *, integer: bool = False, intervals: int = 5) -> list[float]:
    """Return axis ticks from 0 to the first tick ≥ ``vmax``: 0, s, 2s, … with s = 1, 2 or 5 ×
    10^k, the smallest such step giving at most ``intervals`` intervals (s ≥ 1 when ``integer``).
    """
    if vmax <= 0 or not math.isfinite(vmax):
        vmax = 1.0
    raw = vmax / intervals
    exponent = math.floor(math.log10(raw))
    step = 10.0**exponent
    for multiple in (1, 2, 5, 10):
        step = multiple * 10.0**exponent
        if step >= raw * (1 - 1e-9):
            break
    if integer:
        step = max(step, 1.0)
    count = math.ceil(vmax / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def _decimals(step: float) -> int:
    return 0 if float(step).is_integer() else max(0, -math.floor(math.log10(step)))


def tick_label(value: float, step: float) -> str:
    """Return a tick's text: thousands separated, as many decimals as the step needs."""
    return f"{value:,.{_decimals(step)}f}"


def _value_label(v: float, whole: bool) -> str:
    if whole:
        return f"{round(v):,}"
    return f"{v:,.0f}" if abs(v) >= 10 or float(v).is_integer() else f"{v:.1f}"


@dataclass
class Series:
    """One named series of values (None = no value at that point)."""

    name: str
    values: Sequence[float | None]
    colour: str = ""
    dashed: bool = False


@dataclass
class TimelineEvent:
    """A dated mark on a timeline lane."""

    day: date
    lane: str
    label: str
    colour: str = "#0b5cad"
    hollow: bool = False  # planned rather than done


@dataclass
class _Frame:
    width: int
    height: int
    left: int = 48
    right: int = 16
    top: int = 36
    bottom: int = 48
    parts: list[str] = field(default_factory=list)

    @property
    def plot_w(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_h(self) -> float:
        return self.height - self.top - self.bottom


def _text(
    x: float,
    y: float,
    body: str,
    *,
    anchor: str = "start",
    fill: str = "#1f2933",
    size: int = FONT,
    extra: str = "",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{fill}"{extra}>{escape(body)}</text>'
    )


def _y_axis(f: _Frame, ticks: Sequence[float], unit: str) -> None:
    top = ticks[-1]
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    for v in ticks:
        y = f.top + f.plot_h - f.plot_h * v / top
        f.parts.append(
            f'<line x1="{f.left}" x2="{f.width - f.right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4ebf2"/>'
        )
        f.parts.append(
            _text(f.left - 6, y + 4, tick_label(v, step) + unit, anchor="end", fill="#61707f")
        )


def _left_margin(ticks: Sequence[float], unit: str) -> int:
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    widest = max(text_width(tick_label(v, step) + unit) for v in ticks)
    return max(40, math.ceil(widest) + 12)


def _legend(f: _Frame, series: Sequence[Series]) -> None:
    """Legend entries in rows along the top, wrapping to a new row when the next would not fit."""
    x, y = float(f.left), 14.0
    for i, s in enumerate(series):
        entry = 20 + text_width(s.name) + 14
        if x > f.left and x + entry > f.width - f.right:
            x, y = float(f.left), y + LINE_HEIGHT + 3
        colour = s.colour or PALETTE[i % len(PALETTE)]
        dash = ' stroke-dasharray="4 3"' if s.dashed else ""
        f.parts.append(
            f'<line x1="{x:.1f}" x2="{x + 16:.1f}" y1="{y - 4:.1f}" y2="{y - 4:.1f}" stroke="{colour}" stroke-width="4"{dash}/>'
        )
        f.parts.append(_text(x + 20, y, s.name))
        x += entry
    f.top = max(f.top, int(y + 16))


def _legend_rows(series: Sequence[Series], width: int, left: int, right: int) -> int:
    rows, x = 1, float(left)
    for s in series:
        entry = 20 + text_width(s.name) + 14
        if x > left and x + entry > width - right:
            rows, x = rows + 1, float(left)
        x += entry
    return rows


def _svg(f: _Frame, title: str) -> Markup:
    body = "".join(f.parts)
    min_w = math.ceil(f.width * MIN_SCALE)
    max_w = math.floor(f.width * MAX_SCALE)
    return Markup(
        f'<div class="chart-scroll"><svg class="chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {f.width} {f.height}" width="100%" '
        f'style="min-width:{min_w}px;max-width:{max_w}px" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{body}</svg></div>"
    )


def _is_whole(values: Sequence[float]) -> bool:
    return all(float(v).is_integer() for v in values)


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    unit: str = "",
    counts: bool = False,
    width: int = 720,
    height: int = 300,
) -> Markup:
    """Return a grouped bar chart of ``series`` over ``categories`` (``counts``: whole ticks and
    value labels, for people or things)."""
    values = [v for s in series for v in s.values if v is not None]
    whole = counts or _is_whole(values)
    ticks = nice_ticks(max(values, default=0), integer=whole)
    left = _left_margin(ticks, unit)
    n = max(len(categories), 1)
    group_w = (width - left - 16) / n
    wrapped = [wrap_label(c, group_w - LABEL_GAP) for c in categories]
    lines = max((len(w) for w in wrapped), default=1)
    legend_rows = _legend_rows(series, width, left, 16)
    extra = (lines - 1) * LINE_HEIGHT + (legend_rows - 1) * (LINE_HEIGHT + 3)
    f = _Frame(width, height + extra, left=left, bottom=24 + lines * LINE_HEIGHT)
    _legend(f, series)
    _y_axis(f, ticks, unit)
    ymax = ticks[-1]
    bar_w = group_w * 0.8 / max(len(series), 1)
    for ci, cat in enumerate(categories):
        gx = f.left + ci * group_w + group_w * 0.1
        for si, s in enumerate(series):
            v = s.values[ci] if ci < len(s.values) else None
            if v is None:
                continue
            h = f.plot_h * v / ymax
            x = gx + si * bar_w
            y = f.top + f.plot_h - h
            colour = s.colour or PALETTE[si % len(PALETTE)]
            label = _value_label(v, whole)
            f.parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w * 0.92:.1f}" height="{h:.1f}" fill="{colour}">'
                f"<title>{escape(s.name)} · {escape(cat)}: {escape(label)}{escape(unit)}</title></rect>"
            )
            if text_width(label) <= bar_w:
                f.parts.append(_text(x + bar_w * 0.46, y - 3, label, anchor="middle"))
        cx = f.left + ci * group_w + group_w / 2
        for li, line in enumerate(wrapped[ci]):
            f.parts.append(
                _text(
                    cx,
                    f.top + f.plot_h + 16 + li * LINE_HEIGHT,
                    line,
                    anchor="middle",
                    extra=f' data-label="{escape(cat)}"' if li == 0 else "",
                )
            )
    return _svg(f, title)


def thin_labels(labels: Sequence[str], spacing: float, *, size: float = FONT) -> list[int]:
    """Return the indexes of the x labels to draw ``spacing`` apart so that none overlaps its
    neighbour: every k-th (the smallest k that leaves room), and the last one instead of the one
    before it when both would not fit."""
    if not labels:
        return []
    needed = max(text_width(label, size) for label in labels) + LABEL_GAP
    step = max(1, math.ceil(needed / spacing)) if spacing > 0 else len(labels)
    shown = list(range(0, len(labels), step))
    last = len(labels) - 1
    if shown[-1] != last:
        if (last - shown[-1]) * spacing >= needed:
            shown.append(last)
        elif len(shown) > 1:
            shown[-1] = last
    return shown


def line_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    unit: str = "",
    target: float | None = None,
    target_label: str = "",
    ymax: float | None = None,
    counts: bool = False,
    width: int = 720,
    height: int = 300,
) -> Markup:
    """Return a line chart over ``labels`` (dashed series for projections), with a target line."""
    values = [v for s in series for v in s.values if v is not None]
    whole = counts or _is_whole([*values, *([target] if target is not None else [])])
    top_value = max([*values, target or 0, 0]) if ymax is None else ymax
    ticks = nice_ticks(top_value, integer=whole)
    left = _left_margin(ticks, unit)
    legend_rows = _legend_rows(series, width, left, 16)
    f = _Frame(width, height + (legend_rows - 1) * (LINE_HEIGHT + 3), left=left, bottom=32)
    _legend(f, series)
    _y_axis(f, ticks, unit)
    top = ticks[-1]
    n = max(len(labels) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return f.left + f.plot_w * i / n, f.top + f.plot_h - f.plot_h * v / top

    if target is not None:
        _, ty = xy(0, target)
        f.parts.append(
            f'<line x1="{f.left}" x2="{f.width - f.right}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#b3261e" stroke-dasharray="6 4"/>'
        )
        f.parts.append(_text(f.width - f.right, ty - 4, target_label, anchor="end", fill="#b3261e"))
    for si, s in enumerate(series):
        colour = s.colour or PALETTE[si % len(PALETTE)]
        pts = [(xy(i, v), v) for i, v in enumerate(s.values) if v is not None]
        if not pts:
            continue
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        path = " ".join(f"{x:.1f},{y:.1f}" for (x, y), _ in pts)
        f.parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
        for (x, y), v in pts:
            f.parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"><title>{escape(s.name)}: '
                f"{escape(_value_label(v, whole))}{escape(unit)}</title></circle>"
            )
    for i in thin_labels(labels, f.plot_w / n):
        x, _ = xy(i, 0)
        f.parts.append(_text(x, f.top + f.plot_h + 18, labels[i], anchor="middle", fill="#61707f"))
    return _svg(f, title)


def timeline(
    events: Sequence[TimelineEvent], *, title: str, start: date, end: date, width: int = 900
) -> Markup:
    """Return a swim-lane timeline: one row per lane, a dot per event (hollow = planned).

    Lane names get the room they need up to a third of the width; a longer one is cut with "…"
    and shown whole in its tooltip."""
    lanes = list(dict.fromkeys(e.lane for e in events))
    room = width // 3
    left = min(room, max((math.ceil(text_width(lane)) for lane in lanes), default=60) + 16)
    f = _Frame(width, 40 + 28 * max(len(lanes), 1) + 30, left=left, top=20, bottom=30)
    span = max((end - start).days, 1)

    def x_of(d: date) -> float:
        return f.left + f.plot_w * min(max((d - start).days, 0), span) / span

    for li, lane in enumerate(lanes):
        y = f.top + 14 + li * 28
        f.parts.append(
            f'<line x1="{f.left}" x2="{f.width - f.right}" y1="{y}" y2="{y}" stroke="#e4ebf2"/>'
        )
        shown = wrap_label(lane, left - 16, max_lines=1)[0] if lane else ""
        f.parts.append(
            f"<g><title>{escape(lane)}</title>{_text(f.left - 8, y + 4, shown, anchor='end')}</g>"
        )
    for year in range(start.year, end.year + 1):
        d = date(year, 1, 1)
        if start <= d <= end:
            x = x_of(d)
            f.parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{f.top}" y2="{f.height - f.bottom}" stroke="#d9e0e7"/>'
            )
            f.parts.append(_text(x + 3, f.height - 10, str(year), fill="#61707f"))
    for e in events:
        y = f.top + 14 + lanes.index(e.lane) * 28
        fill = "#fff" if e.hollow else e.colour
        f.parts.append(
            f'<circle cx="{x_of(e.day):.1f}" cy="{y}" r="6" fill="{fill}" stroke="{e.colour}" stroke-width="2">'
            f"<title>{e.day.isoformat()} {escape(e.label)}</title></circle>"
        )
    return _svg(f, title)
