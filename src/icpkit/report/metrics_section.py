"""Section 5: execution metrics by quarter for the whole company (DEFINITIONS 7)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from icpkit.report.charts import AnyChart, figure, records
from icpkit.report.markup import (
    Column,
    Section,
    frame_problem,
    not_computed,
    render_table,
)

TITLE = "Execution metrics by quarter"
WIN_RATES = {"icp_win_rate": "ICP", "non_icp_win_rate": "non-ICP"}
SHARES = {
    "icp_pipeline_coverage_count": "ICP pipeline coverage (count)",
    "icp_pipeline_coverage_amount": "ICP pipeline coverage (amount)",
    "icp_new_logo_share": "ICP share of new logos",
    "tal_engagement": "TAL engagement",
}
METRIC_COLUMNS = [
    Column("quarter", "quarter"),
    Column("icp_pipeline_coverage_count", "ICP pipeline coverage", "percent"),
    Column("icp_pipeline_coverage_amount", "ICP coverage (amount)", "percent"),
    Column("icp_new_logo_share", "ICP new-logo share", "percent"),
    Column("icp_win_rate", "ICP win rate", "percent"),
    Column("non_icp_win_rate", "non-ICP win rate", "percent"),
    Column("icp_median_cycle_days", "ICP median cycle days", "days"),
    Column("non_icp_median_cycle_days", "non-ICP median cycle days", "days"),
    Column("icp_cohort_nrr_12m", "ICP cohort NRR 12m", "percent"),
    Column("non_icp_cohort_nrr_12m", "non-ICP cohort NRR 12m", "percent"),
    Column("tal_engagement", "TAL engagement", "percent"),
]


def metrics_section(
    metrics: pd.DataFrame | None, open_without_account: int = 0
) -> Section:
    """Company rows by quarter; `open_without_account` (open opportunities at
    as_of with no account) is named, since they count as not ICP in coverage."""
    problem = frame_problem(metrics, ("quarter", "scope"), "metrics table")
    if problem is not None or metrics is None:
        return Section("metrics", TITLE, not_computed(str(problem)))
    company = company_rows(metrics)
    if company.empty:
        reason = 'the metrics table has no rows with scope "all"'
        return Section("metrics", TITLE, not_computed(reason))
    parts = [
        figure(
            lambda: line_chart(company, WIN_RATES, "win rate"),
            "Win rate of opportunities closed in the quarter, ICP against non-ICP.",
        ),
        figure(
            lambda: line_chart(company, SHARES, "share"),
            "ICP pipeline coverage, ICP share of new logos and TAL engagement."
            + coverage_note(open_without_account),
        ),
        render_table(company, METRIC_COLUMNS),
    ]
    return Section("metrics", TITLE, "".join(parts))


def coverage_note(open_without_account: int) -> str:
    if open_without_account <= 0:
        return ""
    return (
        f" {open_without_account:,} open opportunities at as_of have no account: "
        "they count in pipeline coverage as not ICP (DEFINITIONS 7), so linking them "
        "to their accounts can raise it."
    )


def company_rows(metrics: pd.DataFrame) -> pd.DataFrame:
    """Rows of scope "all", one per quarter, in quarter order, quarter as text."""
    rows = metrics[metrics["scope"] == "all"]
    rows = rows.assign(quarter=rows["quarter"].astype(str))
    return rows.sort_values("quarter")


def line_chart(rows: pd.DataFrame, series: dict[str, str], title: str) -> AnyChart:
    present = [name for name in series if name in rows.columns]
    if not present:
        raise ValueError(f"the metrics table has none of {', '.join(series)}")
    long = rows.melt(
        id_vars=["quarter"], value_vars=present, var_name="metric", value_name="value"
    )
    long["metric"] = long["metric"].map(series)
    return (
        alt.Chart(records(long, ["quarter", "metric", "value"]))
        .mark_line(point=True)
        .encode(
            x=alt.X("quarter:O", title="quarter", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=title, axis=alt.Axis(format="%")),
            color=alt.Color("metric:N", title=None, legend=alt.Legend(orient="bottom")),
        )
        .properties(width=520, height=220)
    )
