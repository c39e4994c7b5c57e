"""Charts as inline SVG, drawn on the server: no JavaScript library, no CDN, prints well.

Each function returns ``Markup`` to drop into a template. Colours are CSS colour strings.
"""

from __future__ import annotations

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
    top: int = 28
    bottom: int = 48
    parts: list[str] = field(default_factory=list)

    @property
    def plot_w(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_h(self) -> float:
        return self.height - self.top - self.bottom


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10.0 * magnitude


def _fmt(v: float) -> str:
    return f"{v:.0f}" if abs(v) >= 10 or v == int(v) else f"{v:.1f}"


def _axes(f: _Frame, ymax: float, unit: str) -> None:
    for i in range(5):
        v = ymax * i / 4
        y = f.top + f.plot_h - f.plot_h * i / 4
        f.parts.append(
            f'<line x1="{f.left}" x2="{f.width - f.right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4ebf2"/>'
        )
        f.parts.append(
            f'<text x="{f.left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#61707f">{_fmt(v)}{escape(unit)}</text>'
        )


def _legend(f: _Frame, series: Sequence[Series]) -> None:
    x = f.left
    for i, s in enumerate(series):
        colour = s.colour or PALETTE[i % len(PALETTE)]
        dash = ' stroke-dasharray="4 3"' if s.dashed else ""
        f.parts.append(
            f'<line x1="{x}" x2="{x + 16}" y1="12" y2="12" stroke="{colour}" stroke-width="4"{dash}/>'
        )
        f.parts.append(
            f'<text x="{x + 20}" y="16" font-size="12" fill="#1f2933">{escape(s.name)}</text>'
        )
        x += 28 + 8 * len(s.name) + (6 * sum(1 for ch in s.name if ord(ch) > 0x2E80))


def _svg(f: _Frame, title: str) -> Markup:
    body = "".join(f.parts)
    return Markup(
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {f.width} {f.height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{body}</svg>'
    )


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    unit: str = "",
    width: int = 720,
    height: int = 300,
) -> Markup:
    """Return a grouped bar chart of ``series`` over ``categories``."""
    f = _Frame(width, height)
    values = [v for s in series for v in s.values if v is not None]
    ymax = _nice_max(max(values, default=0))
    _axes(f, ymax, unit)
    _legend(f, series)
    n = max(len(categories), 1)
    group_w = f.plot_w / n
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
            f.parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w * 0.92:.1f}" height="{h:.1f}" fill="{colour}">'
                f"<title>{escape(s.name)} · {escape(cat)}: {_fmt(v)}{escape(unit)}</title></rect>"
            )
            f.parts.append(
                f'<text x="{x + bar_w * 0.46:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="10" fill="#1f2933">{_fmt(v)}</text>'
            )
        f.parts.append(
            f'<text x="{gx + group_w * 0.4:.1f}" y="{f.top + f.plot_h + 16}" text-anchor="middle" font-size="12" fill="#1f2933">{escape(cat)}</text>'
        )
    return _svg(f, title)


def line_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    unit: str = "",
    target: float | None = None,
    target_label: str = "",
    ymax: float | None = None,
    width: int = 720,
    height: int = 300,
) -> Markup:
    """Return a line chart over ``labels`` (dashed series for projections), with a target line."""
    f = _Frame(width, height)
    values = [v for s in series for v in s.values if v is not None]
    top = _nice_max(max([*values, target or 0, 0]) if ymax is None else ymax)
    _axes(f, top, unit)
    _legend(f, series)
    n = max(len(labels) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return f.left + f.plot_w * i / n, f.top + f.plot_h - f.plot_h * v / top

    if target is not None:
        _, ty = xy(0, target)
        f.parts.append(
            f'<line x1="{f.left}" x2="{f.width - f.right}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#b3261e" stroke-dasharray="6 4"/>'
        )
        f.parts.append(
            f'<text x="{f.width - f.right}" y="{ty - 4:.1f}" text-anchor="end" font-size="11" fill="#b3261e">{escape(target_label)}</text>'
        )
    for si, s in enumerate(series):
        colour = s.colour or PALETTE[si % len(PALETTE)]
        pts = [xy(i, v) for i, v in enumerate(s.values) if v is not None]
        if not pts:
            continue
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        f.parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
        for (x, y), v in zip(pts, [v for v in s.values if v is not None], strict=False):
            f.parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"><title>{escape(s.name)}: {_fmt(v)}{escape(unit)}</title></circle>'
            )
    step = max(1, len(labels) // 12)
    for i, label in enumerate(labels):
        if i % step == 0 or i == len(labels) - 1:
            x, _ = xy(i, 0)
            f.parts.append(
                f'<text x="{x:.1f}" y="{f.top + f.plot_h + 16}" text-anchor="middle" font-size="11" fill="#61707f">{escape(label)}</text>'
            )
    return _svg(f, title)


def timeline(
    events: Sequence[TimelineEvent], *, title: str, start: date, end: date, width: int = 900
) -> Markup:
    """Return a swim-lane timeline: one row per lane, a dot per event (hollow = planned)."""
    lanes = list(dict.fromkeys(e.lane for e in events))
    f = _Frame(width, 40 + 28 * max(len(lanes), 1) + 30, left=180, top=20, bottom=30)
    span = max((end - start).days, 1)

    def x_of(d: date) -> float:
        return f.left + f.plot_w * min(max((d - start).days, 0), span) / span

    for li, lane in enumerate(lanes):
        y = f.top + 14 + li * 28
        f.parts.append(
            f'<line x1="{f.left}" x2="{f.width - f.right}" y1="{y}" y2="{y}" stroke="#e4ebf2"/>'
        )
        f.parts.append(
            f'<text x="{f.left - 8}" y="{y + 4}" text-anchor="end" font-size="12" fill="#1f2933">{escape(lane[:18])}</text>'
        )
    for year in range(start.year, end.year + 1):
        d = date(year, 1, 1)
        if start <= d <= end:
            x = x_of(d)
            f.parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{f.top}" y2="{f.height - f.bottom}" stroke="#d9e0e7"/>'
            )
            f.parts.append(
                f'<text x="{x + 3:.1f}" y="{f.height - 10}" font-size="11" fill="#61707f">{year}</text>'
            )
    for e in events:
        y = f.top + 14 + lanes.index(e.lane) * 28
        fill = "#fff" if e.hollow else e.colour
        f.parts.append(
            f'<circle cx="{x_of(e.day):.1f}" cy="{y}" r="6" fill="{fill}" stroke="{e.colour}" stroke-width="2">'
            f"<title>{e.day.isoformat()} {escape(e.label)}</title></circle>"
        )
    return _svg(f, title)
