"""Altair charts rendered offline to inline SVG with vl-convert."""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import vl_convert

from icpkit.report.formatting import is_missing
from icpkit.report.markup import esc, not_computed

log = logging.getLogger(__name__)

AnyChart = (
    alt.Chart | alt.LayerChart | alt.HConcatChart | alt.VConcatChart | alt.FacetChart
)
TEXT_SLACK = {"left": 70, "right": 50, "top": 5, "bottom": 5}
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif'
TIER_COLOURS = {"A": "#1b7f5b", "B": "#3b6fb6", "C": "#9aa0a6", "none": "#d0d4d9"}
_UNSAFE_SVG = re.compile(r"<\s*(script|foreignobject|iframe)|\son\w+\s*=", re.I)
_chart_numbers = itertools.count(1)


def records(frame: pd.DataFrame, columns: Sequence[str]) -> alt.Data:
    """Inline chart data from FRAME's COLUMNS, as plain JSON values (NaN -> null)."""
    rows = frame[list(columns)].to_dict("records")
    return alt.Data(values=[{k: _json_value(v) for k, v in r.items()} for r in rows])


def _json_value(value: Any) -> Any:
    if is_missing(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def configure(chart: AnyChart) -> AnyChart:
    """The house look: system fonts, no chart border, quiet axes."""
    return (
        # vl-convert measures text with its own font; a browser's wider sans-serif
        # would push axis labels past the left edge and legends past the right.
        chart.properties(padding=TEXT_SLACK)
        .configure(font=FONT)
        .configure_view(stroke=None)
        # Segment and rep names run long: show them whole (the default cuts at 180 px)
        .configure_axis(
            labelColor="#1f2328",
            titleColor="#5f6670",
            gridColor="#eceff2",
            labelLimit=420,
        )
        .configure_legend(labelFontSize=11, titleFontSize=11, labelLimit=0)
    )


def to_svg(chart: AnyChart) -> str:
    """CHART as an SVG string, with element ids made unique within the page (every
    vl-convert SVG names its clip paths clip1, clip2, ...)."""
    svg = vl_convert.vegalite_to_svg(configure(chart).to_dict())
    if _UNSAFE_SVG.search(svg):
        raise ValueError("the rendered SVG holds a script or an event handler")
    prefix = f"chart{next(_chart_numbers)}-"
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}\1)", svg)
    return re.sub(r'href="#([^"]+)"', rf'href="#{prefix}\1"', svg)


def figure(build: Callable[[], AnyChart], description: str) -> str:
    """A <figure> with the chart BUILD makes; a chart that fails to build or render
    leaves a "not computed" line (logged with its traceback), not a broken report."""
    try:
        svg = to_svg(build())
    except Exception as error:  # a chart must not take the whole report down
        log.warning("chart %r not rendered: %s", description, error, exc_info=True)
        return not_computed(f"chart not rendered ({type(error).__name__}: {error})")
    return (
        f'<figure role="img" aria-label="{esc(description)}">{svg}'
        f'<figcaption class="note">{esc(description)}</figcaption></figure>'
    )
