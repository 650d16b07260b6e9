"""Section 2: the target account list by fit tier and status (DEFINITIONS 5)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from icpkit.report.charts import AnyChart, figure, records
from icpkit.report.markup import (
    Column,
    Section,
    frame_problem,
    not_computed,
    paragraph,
    render_table,
)

TITLE = "Target account list"
FIT_TIERS = ("A", "B", "C", "D")
STATUSES = ("customer", "open_opportunity", "lost", "prospect")
NO_VALUE = "(none)"
TOP_PROSPECTS = 20


def tal_section(tal: pd.DataFrame | None, currency: str) -> Section:
    problem = frame_problem(tal, ("fit_tier", "status"), "TAL")
    if problem is not None or tal is None:
        return Section("tal", TITLE, not_computed(str(problem)))
    counts = tier_status_counts(tal)
    parts = [
        paragraph(f"{len(tal):,} accounts on the TAL, by fit tier and status."),
        figure(lambda: tier_status_chart(counts), "Accounts by fit tier and status."),
        crosstab_table(counts),
        f"<h3>Top {TOP_PROSPECTS} prospects by fit score</h3>",
        top_prospects(tal, currency),
    ]
    return Section("tal", TITLE, "".join(parts))


def tier_status_counts(tal: pd.DataFrame) -> pd.DataFrame:
    """Accounts per (fit_tier, status); a missing tier or status is its own row."""
    labels = pd.DataFrame(
        {
            "fit_tier": tal["fit_tier"].astype("string").fillna(NO_VALUE),
            "status": tal["status"].astype("string").fillna(NO_VALUE),
        }
    )
    counts = labels.value_counts().rename("accounts").reset_index()
    return counts.astype({"fit_tier": str, "status": str})


def _ordered(values: pd.Series, known: tuple[str, ...]) -> list[str]:
    present = set(values)
    return [v for v in known if v in present] + sorted(present - set(known))


def tier_status_chart(counts: pd.DataFrame) -> AnyChart:
    tiers = _ordered(counts["fit_tier"], FIT_TIERS)
    statuses = _ordered(counts["status"], STATUSES)
    return (
        alt.Chart(records(counts, ["fit_tier", "status", "accounts"]))
        .mark_bar()
        .encode(
            x=alt.X(
                "fit_tier:N", sort=tiers, title="fit tier", axis=alt.Axis(labelAngle=0)
            ),
            y=alt.Y("accounts:Q", title="accounts", stack=True),
            color=alt.Color("status:N", sort=statuses, title="status"),
            order=alt.Order("status:N"),
        )
        .properties(width=360, height=220)
    )


def crosstab_table(counts: pd.DataFrame) -> str:
    """Fit tier rows x status columns, with totals."""
    table = counts.pivot_table(
        index="fit_tier", columns="status", values="accounts", aggfunc="sum"
    )
    # An absent (tier, status) pair holds no account: zero is the count, not a guess.
    table = table.fillna(0).astype(int)
    table = table.reindex(
        index=_ordered(counts["fit_tier"], FIT_TIERS),
        columns=_ordered(counts["status"], STATUSES),
    )
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    frame = table.reset_index().rename(columns={"fit_tier": "fit tier"})
    columns = [Column("fit tier", "fit tier")] + [
        Column(str(name), str(name).replace("_", " "), "integer")
        for name in table.columns
    ]
    return render_table(frame, columns)


def top_prospects(tal: pd.DataFrame, currency: str) -> str:
    if "fit_score" not in tal.columns:
        return not_computed("the TAL lacks the column fit_score")
    prospects = tal[tal["status"] == "prospect"]
    if prospects.empty:
        return paragraph("The TAL holds no prospects.")
    keys = ["fit_score"] + (["expected_value"] if "expected_value" in tal else [])
    top = prospects.sort_values(keys, ascending=False, na_position="last")
    columns = [
        Column("name", "name"),
        Column("fit_score", "fit score", "number"),
        Column("fit_tier", "fit tier"),
        Column("segment", "segment"),
        Column("segment_tier", "segment tier"),
        Column("expected_value", f"expected value ({currency})", "money"),
        Column("reasons", "reasons"),
    ]
    return render_table(top.head(TOP_PROSPECTS), columns)
