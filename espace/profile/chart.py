"""The trend of a measurement as an inline SVG line chart, drawn here: no JavaScript, no
library, a few kilobytes. Colours are presentation attributes (the CSP forbids inline
``style``); the chart is ``role="img"`` with a text summary, and the page shows the same
points in a table (RGAA 1.1, "Charts" in ACCESSIBILITY.md)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from espace.models import Measurement
from espace.profile.measures import KindSpec, number_fr
from espace.web.filters import date_fr

WIDTH, HEIGHT = 400, 240
SHOWN_WIDTH, SHOWN_HEIGHT = 520, 312  # CSS pixels on a wide screen; narrower ones shrink it
LEFT, RIGHT, TOP, BOTTOM = 48, 14, 32, 32
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
MARKERS_UP_TO = 40
CHAR_WIDTH = 7.8  # average width of a character at font-size 14, to keep labels apart
INK, GRID, FIRST, SECOND = "#1e1e1e", "#c9c9c9", "#0a3f8a", "#a1001c"
MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin",
          "juil.", "août", "sept.", "oct.", "nov.", "déc.")  # fmt: skip


def summary(points: Sequence[Measurement], spec: KindSpec) -> str:
    """The trend in one sentence: the chart's accessible name."""
    if not points:
        return f"{spec.label} : aucune mesure sur cette période."
    first, last = points[0], points[-1]
    if len(points) == 1:
        return (
            f"{spec.label} : une seule mesure, {spec.show_measurement(first)} le "
            f"{date_fr(first.measured_on)}."
        )
    text = (
        f"{spec.label} du {date_fr(first.measured_on)} au {date_fr(last.measured_on)} : de "
        f"{spec.show_measurement(first)} à {spec.show_measurement(last)}, {len(points)} mesures"
    )
    if spec.second is None:
        values = [p.value for p in points]
        text += f" (la plus basse {spec.show(min(values))}, la plus haute {spec.show(max(values))})"
    return text + "."


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round values that frame [low, high] (steps of 1, 2, 2.5 or 5 times a power of ten)."""
    if high == low:  # one value, or all the same: frame it closely
        margin = max(abs(low) * 0.05, 0.5)
        low, high = low - margin, high + margin
    span = high - low
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    start = math.floor(low / step + 1e-9) * step
    end = math.ceil(high / step - 1e-9) * step
    if end <= start:
        end = start + step
    return [round(start + i * step, 6) for i in range(round((end - start) / step) + 1)]


def month_ticks(first: date, last: date) -> list[date]:
    """First days of months between the two dates, at most four, evenly spaced."""
    months = (last.year - first.year) * 12 + last.month - first.month
    step = next(s for s in (1, 2, 3, 4, 6, 12, 24, 60, 120, 1200) if months / s <= 4)
    ticks = []
    index = first.year * 12 + first.month  # the month after ``first`` (zero-based + 1)
    while index <= last.year * 12 + last.month - 1:
        if index % step == 0:
            ticks.append(date(index // 12, index % 12 + 1, 1))
        index += 1
    return ticks


def _date_labels(first: date, last: date) -> list[tuple[date, str]]:
    """Month starts under the axis; the days themselves when the span is under a month."""
    ticks = month_ticks(first, last) if first != last else []
    if ticks:
        return [(day, f"{MONTHS[day.month - 1]} {day.year}") for day in ticks]
    days = [first] if first == last else [first, last]
    return [(day, f"{day.day} {MONTHS[day.month - 1]} {day.year}") for day in days]


def _text(x: float, y: float, content: str, anchor: str = "middle") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(content)}</text>'


def chart(points: Sequence[Measurement], spec: KindSpec) -> Markup:
    """The SVG of ``points`` (oldest first); empty markup when there is nothing to draw."""
    if not points:
        return Markup("")
    values = [p.value for p in points]
    values += [p.second_value for p in points if p.second_value is not None]
    ticks = nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]
    first_day, last_day = points[0].measured_on, points[-1].measured_on
    days = (last_day - first_day).days

    def x_of(day: date) -> float:
        return LEFT + (PLOT_W / 2 if days == 0 else (day - first_day).days / days * PLOT_W)

    def y_of(value: float) -> float:
        return TOP + PLOT_H - (value - low) / (high - low) * PLOT_H

    label = escape(summary(points, spec))
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{SHOWN_WIDTH}" '
        f'height="{SHOWN_HEIGHT}" role="img" aria-label="{label}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="14" fill="{INK}"><title>{label}</title>',
        _text(4, 17, spec.unit, "start"),
    ]
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line class="chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" '
            f'y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(_text(LEFT - 6, y + 5, number_fr(tick), "end"))
    bottom = TOP + PLOT_H
    parts.append(
        f'<path class="chart-axis" d="M{LEFT} {TOP}V{bottom}H{WIDTH - RIGHT}" fill="none" '
        f'stroke="{INK}" stroke-width="1.5"/>'
    )
    placed: list[tuple[float, float]] = []  # (centre, half width) of the labels kept
    for day, text in _date_labels(first_day, last_day):
        half = len(text) * CHAR_WIDTH / 2
        x = min(max(x_of(day), half + 2), WIDTH - half - 2)
        if all(abs(x - other) > half + other_half + 8 for other, other_half in placed):
            placed.append((x, half))
            parts.append(_text(x, bottom + 22, text))
    parts += _series([(x_of(p.measured_on), y_of(p.value)) for p in points], FIRST, "")
    if spec.second is not None:
        seconds = [
            (x_of(p.measured_on), y_of(p.second_value))
            for p in points
            if p.second_value is not None
        ]
        parts += _series(seconds, SECOND, "6 4")
        parts.append(_legend())
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - drawn here; every text goes through escape()


def _series(coordinates: list[tuple[float, float]], colour: str, dashes: str) -> list[str]:
    if not coordinates:
        return []
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    kind = "chart-line--second" if dashes else "chart-line--first"
    parts = []
    if len(coordinates) > 1:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
        parts.append(
            f'<polyline class="chart-line {kind}" points="{points}" fill="none" '
            f'stroke="{colour}" stroke-width="2.5" stroke-linejoin="round"{dash}/>'
        )
    shown = coordinates if len(coordinates) <= MARKERS_UP_TO else coordinates[-1:]
    parts += [
        f'<circle class="chart-point {kind}" cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'
        for x, y in shown
    ]
    return parts


def _legend() -> str:
    """Blood pressure: which line is which, told by the dashes as well as the colour."""
    right = WIDTH - RIGHT
    return (
        f'<line x1="{right - 240}" x2="{right - 216}" y1="12" y2="12" stroke="{FIRST}" '
        f'stroke-width="2.5"/>{_text(right - 210, 17, "systolique", "start")}'
        f'<line x1="{right - 120}" x2="{right - 96}" y1="12" y2="12" stroke="{SECOND}" '
        f'stroke-width="2.5" stroke-dasharray="6 4"/>{_text(right, 17, "diastolique", "end")}'
    )
