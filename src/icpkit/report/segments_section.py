"""Section 1: segment comparison, win rates with Wilson intervals (DEFINITIONS 2-4)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from icpkit.report.charts import TIER_COLOURS, AnyChart, figure, records
from icpkit.report.formatting import format_value, is_missing
from icpkit.report.markup import (
    Column,
    Section,
    frame_problem,
    not_computed,
    paragraph,
    render_table,
)

TITLE = "Segment comparison"
OVERALL = "all"
MAX_CHARTED = 25
CHART_COLUMNS = ("segment", "win_rate", "win_rate_lo", "win_rate_hi", "tier")


def segments_section(segments: pd.DataFrame | None, currency: str) -> Section:
    problem = frame_problem(segments, ("dimensions", "segment"), "segment table")
    if problem is not None or segments is None:
        return Section("segments", TITLE, not_computed(str(problem)))
    overall = overall_win_rate(segments)
    parts = [
        paragraph(overall_sentence(segments)),
        win_rate_figure(segments, overall),
        "<h3>Tier A and B segments</h3>",
        tier_table(segments, currency),
    ]
    return Section("segments", TITLE, "".join(parts))


def overall_win_rate(segments: pd.DataFrame) -> float | None:
    """The win rate of the row `dimensions == all`, or None without one."""
    if "win_rate" not in segments.columns:
        return None
    rows = segments.loc[segments["dimensions"] == OVERALL, "win_rate"]
    if rows.empty or is_missing(rows.iloc[0]):
        return None
    return float(rows.iloc[0])


def overall_sentence(segments: pd.DataFrame) -> str:
    rows = segments[segments["dimensions"] == OVERALL]
    if rows.empty:
        return "The segment table has no overall row (dimensions = all)."
    row = rows.iloc[0]
    figures = [
        f"{format_value(row.get('accounts'), 'integer')} accounts",
        f"{format_value(row.get('closed_opps'), 'integer')} closed opportunities",
        f"win rate {format_value(row.get('win_rate'), 'percent')}",
    ]
    return "Overall: " + ", ".join(figures) + "."


def combination_rows(segments: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """The rows of the combination: the dimensions value fixing the most dimensions
    (ties go to the one with more rows)."""
    rows = segments[segments["dimensions"].notna()]
    rows = rows[rows["dimensions"] != OVERALL]
    if rows.empty:
        return "", rows
    counts = rows["dimensions"].astype(str).value_counts()
    best = max(counts.index, key=lambda d: (d.count("+"), counts[d]))
    return best, rows[rows["dimensions"] == best]


def charted_segments(segments: pd.DataFrame) -> tuple[str, pd.DataFrame, int]:
    """Rows to chart: the combination's segments with a win rate, the top 25 by
    score when there are more; also how many were left out for lack of a win rate."""
    dimensions, rows = combination_rows(segments)
    if not set(CHART_COLUMNS) <= set(rows.columns):
        return dimensions, rows.iloc[0:0], 0
    with_rate = rows[rows["win_rate"].notna()]
    no_rate = len(rows) - len(with_rate)
    if len(with_rate) > MAX_CHARTED and "score" in with_rate.columns:
        with_rate = with_rate.sort_values("score", ascending=False, na_position="last")
        with_rate = with_rate.head(MAX_CHARTED)
    with_rate = with_rate.assign(tier=with_rate["tier"].fillna("none").astype(str))
    return dimensions, with_rate.sort_values("win_rate", ascending=False), no_rate


def win_rate_figure(segments: pd.DataFrame, overall: float | None) -> str:
    dimensions, rows, no_rate = charted_segments(segments)
    if rows.empty:
        return not_computed("no segment of the combination has a win rate to chart")
    description = (
        f"Win rate with 95 % Wilson interval per segment of {dimensions} "
        f"({len(rows)} shown"
        + (f"; {no_rate} without closed opportunities left out" if no_rate else "")
        + ("" if overall is None else "; the vertical rule is the overall rate")
        + ")."
    )
    return figure(lambda: win_rate_chart(rows, overall), description)


def win_rate_chart(rows: pd.DataFrame, overall: float | None) -> AnyChart:
    """Dot and whisker: win rate and its Wilson interval, coloured by tier."""
    order = rows["segment"].astype(str).tolist()
    base = alt.Chart(records(rows, CHART_COLUMNS)).encode(
        y=alt.Y("segment:N", sort=order, title=None)
    )
    tiers = [tier for tier in TIER_COLOURS if tier in set(rows["tier"])]
    colour = alt.Color(
        "tier:N",
        title="tier",
        scale=alt.Scale(domain=tiers, range=[TIER_COLOURS[t] for t in tiers]),
    )
    axis = alt.Axis(format="%", title="win rate")
    whiskers = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("win_rate_lo:Q", axis=axis, scale=alt.Scale(zero=True)),
        x2="win_rate_hi:Q",
        color=colour,
    )
    dots = base.mark_point(filled=True, size=60).encode(x="win_rate:Q", color=colour)
    layers: list[alt.Chart] = [whiskers, dots]
    if overall is not None:
        rule = alt.Chart(alt.Data(values=[{"overall": overall}])).mark_rule(
            strokeDash=[4, 3], color="#5f6670"
        )
        layers.append(rule.encode(x="overall:Q"))
    height = max(120, 18 * len(rows))
    return alt.layer(*layers).properties(width=560, height=height)


def tier_table(segments: pd.DataFrame, currency: str) -> str:
    if "tier" not in segments.columns:
        return not_computed("the segment table has no tier column")
    rows = segments[
        segments["tier"].isin(["A", "B"]) & (segments["dimensions"] != "all")
    ]
    if rows.empty:
        return paragraph("No segment reaches tier A or B.")
    rows = rows.assign(win_rate_interval=[_interval(r) for _, r in rows.iterrows()])
    order = ["tier"] + (["score"] if "score" in rows.columns else [])
    rows = rows.sort_values(order, ascending=[True] + [False] * (len(order) - 1))
    return render_table(rows, tier_columns(currency))


def _interval(row: pd.Series) -> str:
    low, high = row.get("win_rate_lo"), row.get("win_rate_hi")
    if is_missing(low) or is_missing(high):
        return format_value(None, "percent")
    return f"{format_value(low, 'percent')}–{format_value(high, 'percent')}"


def tier_columns(currency: str) -> list[Column]:
    return [
        Column("tier", "tier"),
        Column("dimensions", "dimensions"),
        Column("segment", "segment"),
        Column("score", "score", "ratio"),
        Column("accounts", "accounts", "integer"),
        Column("closed_opps", "closed opps", "integer"),
        Column("win_rate", "win rate", "percent"),
        Column("win_rate_interval", "95 % interval", "number"),
        Column("win_rate_shrunk", "win rate (shrunk)", "percent"),
        Column("median_cycle_days", "median cycle days", "days"),
        Column("mean_won_amount", f"mean won amount ({currency})", "money"),
        Column("nrr_12m", "NRR 12m", "percent"),
        Column("grr_12m", "GRR 12m", "percent"),
        Column("clv", f"CLV ({currency})", "money"),
        Column("tam_accounts", "TAM accounts", "integer"),
        Column("tam_value", f"TAM value ({currency})", "money"),
        Column("significant_better", "significantly better on"),
    ]
