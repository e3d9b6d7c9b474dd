"""Small server-rendered SVG charts: the start page's sparklines, a trend per category on the
lägesbild, year bars on the strategic lägesbild, the G1–G8 status strip of the annual
follow-up and the cost trend (G2).

Pure functions, no Django import (a test parses this module): values in, a `Chart` out. Each
chart carries its text alternative twice — `<title>`/`<desc>` inside the SVG (what the PDF and
a screen reader meeting the image get) and `rows`, the same values for the visually hidden
table that core/_chart.html writes under it. Only SVG presentation attributes, never inline
`style` (the page's CSP forbids it), colours from trygg.core.colours (the stylesheet's palette),
every text escaped, every number formatted the same way on every run.
"""

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from trygg.core import colours
from trygg.locale_sv import format_number

FONT = "'Source Sans 3', 'Source Sans Pro', Arial, Helvetica, sans-serif"
LINE = colours.TOKENS["brand"]
BAR = colours.TOKENS["chart-4"]
BAR_EARLIER = colours.CHART_BAR
NEGATIVE = colours.TOKENS["warn"]
EMPTY = "Inga värden att visa"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ID = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True)
class Chart:
    svg: str
    caption: str  # the data table's caption (the chart's title)
    headings: tuple[str, str]  # the table's column headings
    rows: list[tuple[str, str]] = field(default_factory=list)  # (label, formatted value)


# The G1–G8 strip's statuses: a symbol and a word beside each colour, never colour alone.
STATUS_STYLES = {
    "ok": ("✓", "Uppgifter finns", colours.TOKENS["ok-bg"], colours.TOKENS["ok"]),
    "delvis": ("◐", "Delvis", colours.TOKENS["warn-bg"], colours.TOKENS["warn"]),
    "saknas": ("–", "Uppgifter saknas", colours.TOKENS["soft"], colours.MUTED),
}


def escape(text) -> str:
    return html.escape(_NOT_XML.sub("", str(text)))


def _number(value: float, decimals: int = 0) -> str:
    return format_number(value, decimals)


def _svg(width, height, chart_id, title, desc, body, klass) -> str:
    # The image's name and description come from its first <title> and <desc> (SVG-AAM), not
    # from aria-labelledby: a label reference would make the chart answer to a form's label
    # lookup ("År" finding "Skadekostnad per år") beside the field it names.
    chart_id = _ID.sub("-", chart_id) or "diagram"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" class="chart {klass}" '
        f'font-family="{escape(FONT)}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def _empty(width, height, chart_id, title, klass, headings) -> Chart:
    body = (
        f'<text x="{width / 2:.1f}" y="{height / 2 + 4:.1f}" text-anchor="middle" '
        f'font-size="11" fill="{colours.MUTED}">{EMPTY}</text>'
    )
    return Chart(_svg(width, height, chart_id, title, EMPTY + ".", body, klass), title, headings)


def scale(values: Sequence[float], low: float, high: float) -> list[float]:
    """Values mapped linearly onto [low, high] (pixel rows: low is the top, so the largest
    value lands on `low`); a flat series sits in the middle, zero included."""
    if not values:
        return []
    v_min, v_max = min(values), max(values)
    if v_max == v_min:
        return [(low + high) / 2] * len(values)
    return [high - (v - v_min) / (v_max - v_min) * (high - low) for v in values]


def sparkline(
    points: Sequence[tuple[str, float]],
    *,
    title: str,
    chart_id: str,
    unit: str = "",
    width: int = 160,
    height: int = 36,
) -> Chart:
    """A line without axes, the last point marked: a trend at a glance beside a key figure."""
    headings = ("Period", "Värde")
    if not points:
        return _empty(width, height, chart_id, title, "sparkline", headings)
    pad = 4
    values = [float(v) for _, v in points]
    ys = scale(values, pad, height - pad)
    n = len(values)
    xs = [width / 2] if n == 1 else [pad + i * (width - 2 * pad) / (n - 1) for i in range(n)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    body = ""
    if n > 1:
        body += (
            f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
        )
    body += f'<circle cx="{xs[-1]:.1f}" cy="{ys[-1]:.1f}" r="3" fill="{LINE}"/>'
    suffix = f" {unit}" if unit else ""
    rows = [(label, _number(v) + suffix) for label, v in points]
    desc = (
        f"{n} värden från {points[0][0]} till {points[-1][0]}: lägst {_number(min(values))}"
        f"{suffix}, högst {_number(max(values))}{suffix}, senast {_number(values[-1])}{suffix}."
    )
    return Chart(
        _svg(width, height, chart_id, title, desc, body, "sparkline"), title, headings, rows
    )


def _ticks(low: float, high: float) -> list[float]:
    """Round steps (1, 2 or 5 × 10^k) covering [min(0, low), max(0, high)]."""
    low, high = min(0.0, low), max(0.0, high)
    span = high - low
    if span <= 0:
        return [0.0, 1.0]
    raw = span / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    return [first + i * step for i in range(round((last - first) / step) + 1)]


def bar_chart(
    bars: Sequence[tuple[str, float]],
    *,
    title: str,
    chart_id: str,
    unit: str = "",
    headings: tuple[str, str] = ("År", "Värde"),
    highlight_last: bool = True,
    width: int = 480,
    height: int = 200,
) -> Chart:
    """Vertical bars from a zero line (negative ones hang below it), one per label, the value
    written on each bar; the last bar darker (this year) unless told otherwise."""
    if not bars:
        return _empty(width, 60, chart_id, title, "bar-chart", headings)
    left, right, top, bottom = 56, 8, 18, 24
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [float(v) for _, v in bars]
    ticks = _ticks(min(values), max(values))
    lo, hi = ticks[0], ticks[-1]

    def y(v: float) -> float:
        return top + (hi - v) / (hi - lo) * plot_h

    parts = []
    for t in ticks:
        parts.append(
            f'<line x1="{left}" y1="{y(t):.1f}" x2="{width - right}" y2="{y(t):.1f}" '
            f'stroke="{colours.LINE}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{colours.MUTED}">{_number(t)}</text>'
        )
    slot = plot_w / len(bars)
    bar_w = max(min(slot * 0.7, 64), 1.0)
    suffix = f" {unit}" if unit else ""
    for i, (label, v) in enumerate(zip([b[0] for b in bars], values, strict=True)):
        x = left + i * slot + (slot - bar_w) / 2
        y0, y1 = sorted((y(0), y(v)))
        last = highlight_last and i == len(bars) - 1
        fill = NEGATIVE if v < 0 else (BAR if last or not highlight_last else BAR_EARLIER)
        parts.append(
            f'<rect x="{x:.1f}" y="{y0:.1f}" width="{bar_w:.1f}" height="{y1 - y0:.1f}" '
            f'fill="{fill}"><title>{escape(label)}: {_number(v)}{escape(suffix)}</title></rect>'
        )
        value_y = y1 + 12 if v < 0 else y0 - 4
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{value_y:.1f}" text-anchor="middle" '
            f'font-size="11" fill="{colours.INK}">{_number(v)}</text>'
            f'<text x="{x + bar_w / 2:.1f}" y="{height - 6}" text-anchor="middle" '
            f'font-size="11" fill="{colours.MUTED}">{escape(label)}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" '
        f'stroke="{colours.INK}" stroke-width="1"/>'
    )
    rows = [(label, _number(v) + suffix) for label, v in bars]
    desc = "; ".join(f"{label}: {value}" for label, value in rows) + "."
    svg = _svg(width, height, chart_id, title, desc, "".join(parts), "bar-chart")
    return Chart(svg, title, headings, rows)


def status_strip(
    goals: Sequence[tuple[str, str, str]],
    *,
    title: str,
    chart_id: str,
    width: int = 640,
    height: int = 56,
) -> Chart:
    """One box per goal ("G1", status, what it means), the status as colour, symbol and the
    goal's name together. `status` is a key of STATUS_STYLES."""
    headings = ("Mål", "Läge")
    if not goals:
        return _empty(width, height, chart_id, title, "status-strip", headings)
    gap = 4
    box = (width - gap * (len(goals) - 1)) / len(goals)
    parts, rows = [], []
    for i, (goal, status, meaning) in enumerate(goals):
        symbol, word, fill, ink = STATUS_STYLES[status]
        x = i * (box + gap)
        parts.append(
            f'<rect x="{x:.1f}" y="0.5" width="{box:.1f}" height="{height - 1}" rx="4" '
            f'fill="{fill}" stroke="{ink}"><title>{escape(goal)} {escape(meaning)}: '
            f"{escape(word)}</title></rect>"
            f'<text x="{x + box / 2:.1f}" y="{height / 2 - 2:.1f}" text-anchor="middle" '
            f'font-size="14" font-weight="bold" fill="{ink}">{escape(goal)}</text>'
            f'<text x="{x + box / 2:.1f}" y="{height / 2 + 16:.1f}" text-anchor="middle" '
            f'font-size="14" fill="{ink}">{symbol}</text>'
        )
        rows.append((f"{goal} {meaning}", word))
    desc = "; ".join(f"{label}: {word.lower()}" for label, word in rows) + "."
    svg = _svg(width, height, chart_id, title, desc, "".join(parts), "status-strip")
    return Chart(svg, title, headings, rows)
