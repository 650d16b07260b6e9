"""Section 4: territory balance per rep, with the tolerance band (DEFINITIONS 8)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from icpkit.report.charts import AnyChart, figure, records
from icpkit.report.formatting import is_missing
from icpkit.report.markup import (
    Column,
    Section,
    frame_problem,
    not_computed,
    paragraph,
    render_table,
)

TITLE = "Territory balance"
REQUIRED = ("rep_id", "potential_index", "workload_index")
MEASURES = {"potential_index": "potential", "workload_index": "workload"}


def territory_section(
    summary: pd.DataFrame | None, tolerance: float, currency: str
) -> Section:
    problem = frame_problem(summary, REQUIRED, "territory summary")
    if problem is not None or summary is None:
        return Section("territories", TITLE, not_computed(str(problem)))
    labelled = summary.assign(rep=rep_labels(summary))
    description = (
        "Potential and workload index per rep (1.0 = the capacity-weighted mean); "
        f"the shaded band is the tolerance of ±{tolerance:.0%}."
    )
    parts = [
        paragraph(balance_sentence(summary, tolerance)),
        figure(lambda: balance_chart(labelled, tolerance), description),
        render_table(labelled, territory_columns(currency)),
    ]
    return Section("territories", TITLE, "".join(parts))


def rep_labels(summary: pd.DataFrame) -> list[str]:
    """'name (rep_id)' where a name is known, the rep_id otherwise."""
    names = summary["name"] if "name" in summary.columns else [None] * len(summary)
    return [
        str(rep) if is_missing(name) else f"{name} ({rep})"
        for rep, name in zip(summary["rep_id"], names, strict=True)
    ]


def balance_sentence(summary: pd.DataFrame, tolerance: float) -> str:
    reps = len(summary)
    if "within_tolerance" not in summary.columns:
        return f"{reps:,} reps; the summary does not say which are within tolerance."
    inside = int(summary["within_tolerance"].astype("boolean").sum())
    return (
        f"{inside:,} of {reps:,} reps are within ±{tolerance:.0%} on both measures "
        "of their target: the capacity-weighted mean of the reps who can take the "
        "same accounts (their balance group, usually a region). Reps of different "
        "groups, or of different capacity, are not expected to carry the same. "
        "Indices are shown to two decimals; within tolerance is judged on the exact "
        "values (1.103 shows as 1.10 and is outside ±10%)."
    )


def balance_chart(summary: pd.DataFrame, tolerance: float) -> AnyChart:
    """Grouped bars of both indices per rep over the band 1 ± tolerance."""
    long = summary.melt(
        id_vars=["rep"],
        value_vars=list(MEASURES),
        var_name="measure",
        value_name="index",
    )
    long["measure"] = long["measure"].map(MEASURES)
    bars = (
        alt.Chart(records(long, ["rep", "measure", "index"]))
        .mark_bar()
        .encode(
            y=alt.Y("rep:N", title=None, sort=list(summary["rep"])),
            yOffset=alt.YOffset("measure:N"),
            x=alt.X("index:Q", title="index (1.0 = mean)"),
            color=alt.Color(
                "measure:N",
                scale=alt.Scale(range=["#3b6fb6", "#e0a030"]),
                title="measure",
            ),
        )
    )
    band_values = [{"low": 1 - tolerance, "high": 1 + tolerance, "mean": 1.0}]
    band = alt.Chart(alt.Data(values=band_values))
    shade = band.mark_rect(color="#1b7f5b", opacity=0.12).encode(x="low:Q", x2="high:Q")
    mean = band.mark_rule(color="#1b7f5b").encode(x="mean:Q")
    height = max(120, 28 * len(summary))
    return alt.layer(shade, bars, mean).properties(width=520, height=height)


def territory_columns(currency: str) -> list[Column]:
    return [
        Column("rep_id", "rep"),
        Column("name", "name"),
        Column("region", "region"),
        Column("capacity", "capacity", "number"),
        Column("accounts", "accounts", "integer"),
        Column("potential", f"potential ({currency})", "money"),
        Column("workload", "workload", "number"),
        Column("potential_index", "potential index", "ratio"),
        Column("workload_index", "workload index", "ratio"),
        Column("within_tolerance", "within tolerance", "boolean"),
    ]
