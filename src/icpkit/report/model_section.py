"""Section 3: the look-alike model card and its reliability curve (DEFINITIONS 5)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from icpkit.report.charts import AnyChart, figure, records
from icpkit.report.formatting import as_text
from icpkit.report.markup import (
    Column,
    Section,
    esc,
    frame_problem,
    not_computed,
    render_table,
)
from icpkit.segments.win_rate import wilson_interval

TITLE = "Look-alike model"
RELIABILITY_COLUMNS = ("bin", "mean_predicted", "observed_rate", "count")
BACKTEST_COLUMNS = ("measure", "value", "lo", "hi", "n", "positives")
DECILE_COLUMNS = ("decile", "companies", "converted", "rate", "lift")


def model_section(
    card: dict[str, Any],
    reliability: pd.DataFrame | None,
    backtest: pd.DataFrame | None = None,
    deciles: pd.DataFrame | None = None,
    backtest_skipped: str = "",
) -> Section:
    """The model card, its reliability and its backtest; `backtest_skipped` is why
    the run made no backtest (its data-quality finding), shown in its place."""
    parts = [
        model_card(card),
        "<h3>Reliability</h3>",
        reliability_part(reliability),
        "<h3>Backtest</h3>",
        not_computed(backtest_skipped)
        if backtest_skipped and backtest is None
        else backtest_part(backtest, deciles),
    ]
    return Section("model", TITLE, "".join(parts))


def model_card(card: dict[str, Any]) -> str:
    """The card's fields as a definition list, in the card's own order."""
    if not card:
        return not_computed("no model card was given to the report")
    items = "".join(
        f"<dt>{esc(str(key).replace('_', ' '))}</dt><dd>{esc(as_text(value))}</dd>"
        for key, value in card.items()
    )
    return f'<dl class="card">{items}</dl>'


def reliability_part(reliability: pd.DataFrame | None) -> str:
    problem = frame_problem(reliability, RELIABILITY_COLUMNS, "reliability table")
    if problem is not None or reliability is None:
        return not_computed(str(problem))
    description = (
        "Observed rate of positives against the mean predicted probability per bin; "
        "a calibrated model lies on the diagonal. Point size is the bin's count; the "
        "bar is the observed rate's 95 % Wilson interval."
    )
    columns = [
        Column("bin", "bin"),
        Column("mean_predicted", "mean predicted", "percent"),
        Column("observed_rate", "observed rate", "percent"),
        Column("count", "count", "integer"),
    ]
    return figure(lambda: reliability_chart(reliability), description) + render_table(
        reliability, columns
    )


def reliability_chart(reliability: pd.DataFrame) -> AnyChart:
    """Observed against predicted rate per bin, each with its 95 % Wilson interval
    (a bin of two companies says little, and the bar shows it)."""
    rows = reliability.sort_values("mean_predicted").copy()
    count = pd.to_numeric(rows["count"], errors="raise").to_numpy(dtype=float)
    observed = pd.to_numeric(rows["observed_rate"], errors="raise").to_numpy(float)
    rows["lo"], rows["hi"] = wilson_interval(observed * count, count)
    unit = alt.Scale(domain=[0, 1])
    diagonal = (
        alt.Chart(alt.Data(values=[{"p": 0.0}, {"p": 1.0}]))
        .mark_line(strokeDash=[4, 3], color="#9aa0a6")
        .encode(x=alt.X("p:Q", scale=unit), y=alt.Y("p:Q", scale=unit))
    )
    base = alt.Chart(records(rows, [*RELIABILITY_COLUMNS, "lo", "hi"])).encode(
        x=alt.X(
            "mean_predicted:Q",
            scale=unit,
            axis=alt.Axis(format="%"),
            title="mean predicted",
        ),
        y=alt.Y(
            "observed_rate:Q",
            scale=unit,
            axis=alt.Axis(format="%"),
            title="observed rate",
        ),
    )
    curve = base.mark_line(color="#1b7f5b")
    intervals = base.mark_rule(color="#1b7f5b", opacity=0.5).encode(y="lo:Q", y2="hi:Q")
    points = base.mark_circle(color="#1b7f5b", opacity=0.8).encode(
        size=alt.Size("count:Q", title="count", scale=alt.Scale(range=[25, 400]))
    )
    return alt.layer(diagonal, intervals, curve, points).properties(
        width=320, height=320
    )


def backtest_part(backtest: pd.DataFrame | None, deciles: pd.DataFrame | None) -> str:
    """The model trained at as_of minus 12 months against what happened since: the
    measures with 95 % intervals, and the lift of each score decile."""
    problem = frame_problem(backtest, BACKTEST_COLUMNS, "backtest")
    if problem is not None or backtest is None:
        return not_computed(str(problem))
    columns = [
        Column("measure", "measure"),
        Column("value", "value", "number"),
        Column("lo", "95 % low", "number"),
        Column("hi", "95 % high", "number"),
        Column("n", "companies scored", "integer"),
        Column("positives", "converted", "integer"),
    ]
    table = render_table(backtest, columns)
    if frame_problem(deciles, DECILE_COLUMNS, "deciles") is not None or deciles is None:
        return table
    description = (
        "Conversion rate of each fit-score decile (1 = highest scores) relative to "
        "the base rate; a useful model has lift well above 1 in the first deciles."
    )
    return table + figure(lambda: lift_chart(deciles), description)


def lift_chart(deciles: pd.DataFrame) -> AnyChart:
    bars = (
        alt.Chart(records(deciles, ["decile", "lift"]))
        .mark_bar()
        .encode(
            x=alt.X("decile:O", title="fit-score decile (1 = highest)"),
            y=alt.Y("lift:Q", title="lift over base conversion rate"),
        )
    )
    rule = alt.Chart(pd.DataFrame({"lift": [1.0]})).mark_rule(strokeDash=[4, 4])
    return (bars + rule.encode(y="lift:Q")).properties(width=480, height=220)
