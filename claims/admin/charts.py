"""Small bar charts drawn on the server as inline SVG: no script, no external asset.

The markup carries no ``style`` attribute (the Content-Security-Policy allows
styles from this origin's files only): colours come from classes in
``claims/desk.css``. Every piece of text goes through ``format_html``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 640
HEIGHT = 150
_TOP = 18  # room for the largest count
_BOTTOM = 20  # room for the first and last bucket's names
_LEGEND = 150  # room on the right for the series' names
# Beyond this many months the bars would be thinner than a few pixels: the
# chart counts years instead.
MAX_MONTH_BARS = 120


def _next_month(month: datetime.date) -> datetime.date:
    return datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def buckets(
    counts: Mapping[datetime.date, Sequence[int]], *, series: int
) -> list[tuple[str, list[int]]]:
    """Every month from the first to the last (empty ones too), or every year
    when that is more than MAX_MONTH_BARS months: (name, a count per series)."""
    if not counts:
        return []
    first, last = min(counts), max(counts)
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    by_year = span > MAX_MONTH_BARS
    filled: dict[str, list[int]] = {}
    month = datetime.date(first.year, first.month, 1)
    while month <= last:
        filled.setdefault(str(month.year) if by_year else month.strftime("%Y-%m"), [0] * series)
        month = datetime.date(month.year + 1, 1, 1) if by_year else _next_month(month)
    for month, values in counts.items():
        bucket = filled[str(month.year) if by_year else month.strftime("%Y-%m")]
        for index, value in enumerate(values):
            bucket[index] += value
    return list(filled.items())


def bar_chart_svg(
    counts: Mapping[datetime.date, Sequence[int]],
    *,
    series: Sequence[str],
    title: str,
) -> SafeString:
    """Stacked bars of ``counts`` (a month's first day -> one count per series)."""
    bars = buckets(counts, series=len(series))
    if not bars:
        return format_html('<p class="claims-chart-empty">{}: none yet.</p>', title)
    top = max(sum(values) for _, values in bars) or 1
    plot_width = WIDTH - _LEGEND
    plot_height = HEIGHT - _TOP - _BOTTOM
    step = plot_width / len(bars)
    gap = step * 0.15 if step > 4 else 0
    rects = []
    for index, (name, values) in enumerate(bars):
        x = index * step + gap / 2
        y = HEIGHT - _BOTTOM
        label = ", ".join(f"{count} {what}" for what, count in zip(series, values, strict=True))
        for number, value in enumerate(values):
            if not value:
                continue
            height = value / top * plot_height
            y -= height
            rects.append(
                (
                    f"claims-bar claims-bar-{number}",
                    f"{x:.2f}",
                    f"{y:.2f}",
                    f"{step - gap:.2f}",
                    f"{height:.2f}",
                    f"{name}: {label}",
                )
            )
    legend = format_html_join(
        "",
        '<rect class="claims-bar claims-bar-{}" x="{}" y="{}" width="10" height="10"></rect>'
        '<text class="claims-chart-label" x="{}" y="{}">{}</text>',
        (
            (
                number,
                plot_width + 12,
                _TOP + number * 16,
                plot_width + 26,
                _TOP + number * 16 + 9,
                what,
            )
            for number, what in enumerate(series)
        ),
    )
    return format_html(
        '<svg class="claims-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="{}" height="{}" role="img" aria-label="{}"><title>{}</title>'
        '<line class="claims-chart-axis" x1="0" y1="{}" x2="{}" y2="{}"></line>'
        '<text class="claims-chart-label" x="0" y="12">{}</text>'
        "{}"
        '<text class="claims-chart-label" x="0" y="{}">{}</text>'
        '<text class="claims-chart-label" x="{}" y="{}" text-anchor="end">{}</text>'
        "{}</svg>",
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        title,
        title,
        HEIGHT - _BOTTOM,
        plot_width,
        HEIGHT - _BOTTOM,
        f"{top} at most",
        format_html_join(
            "",
            '<rect class="{}" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>',
            rects,
        ),
        HEIGHT - 5,
        bars[0][0],
        plot_width,
        HEIGHT - 5,
        bars[-1][0],
        legend,
    )
