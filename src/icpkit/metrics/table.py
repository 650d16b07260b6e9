"""The execution metrics table: every metric per quarter and scope (DEFINITIONS 7)."""

from __future__ import annotations

import logging
import time
from datetime import date

import ibis
import pandas as pd

from icpkit.errors import StageError
from icpkit.metrics.cohorts import cohort_retention
from icpkit.metrics.engagement import tal_engagement
from icpkit.metrics.opportunities import with_icp
from icpkit.metrics.outcomes import first_wins, new_logos, win_rates_and_cycles
from icpkit.metrics.pipeline import pipeline_coverage
from icpkit.metrics.quarters import quarter_frame
from icpkit.metrics.scopes import scoped

log = logging.getLogger(__name__)

KEYS = ["quarter", "scope", "scope_id"]
COUNTS = ["open_opportunities", "new_logos", "closed_icp", "closed_non_icp"]
METRIC_COLUMNS = (
    *KEYS,
    "open_opportunities",
    "icp_pipeline_coverage_count",
    "icp_pipeline_coverage_amount",
    "new_logos",
    "icp_new_logo_share",
    "closed_icp",
    "closed_non_icp",
    "icp_win_rate",
    "non_icp_win_rate",
    "icp_median_cycle_days",
    "non_icp_median_cycle_days",
    "icp_cohort_nrr_12m",
    "non_icp_cohort_nrr_12m",
    "tal_engagement",
)


def first_day(opps: ibis.Table, as_of: date) -> date:
    """The earliest created or close date on or before as_of."""
    days = opps.aggregate(
        created=opps.created_date.min(where=opps.created_date <= as_of),
        closed=opps.close_date.min(where=opps.close_date <= as_of),
    ).to_pandas()
    found = [pd.Timestamp(day).date() for day in days.iloc[0] if pd.notna(day)]
    if not found:
        raise StageError(
            f"no opportunity was created or closed on or before as_of {as_of}; "
            "execution metrics need at least one dated opportunity"
        )
    return min(found)


def build_metrics(
    opportunities: ibis.Table,
    account_icp: ibis.Table,
    tal: ibis.Table,
    activities: ibis.Table | None,
    subscriptions: ibis.Table | None,
    territories: ibis.Table | None,
    as_of: date,
    reps: ibis.Table | None = None,
) -> pd.DataFrame:
    """See metrics.compute_metrics for the contract."""
    started = time.perf_counter()
    opps = with_icp(opportunities, account_icp, as_of)
    frame = quarter_frame(first_day(opps, as_of), as_of)
    quarters = ibis.memtable(frame)
    regions = _regions(reps)
    by_scope = scoped(opps, "owner_id", regions)
    wins = first_wins(opps, as_of)
    parts = [
        pipeline_coverage(by_scope, quarters),
        new_logos(scoped(wins, "owner_id", regions)),
        win_rates_and_cycles(by_scope, as_of),
        tal_engagement(tal, opps, activities, territories, quarters, regions, as_of),
    ]
    if subscriptions is not None:
        acquirers = wins.select("account_id", "owner_id")
        parts.append(
            cohort_retention(
                account_icp, subscriptions, acquirers, quarters, regions, as_of
            )
        )
    table = _assemble([part.to_pandas() for part in parts], frame["quarter"])
    log.info(
        "computed %s metric rows over %s quarters in %.1f s",
        f"{len(table):,}",
        len(frame),
        time.perf_counter() - started,
    )
    return table


def _regions(reps: ibis.Table | None) -> ibis.Table | None:
    if reps is None or "region" not in reps.columns:
        # TODO: territory scope needs each rep's region (reps.region); without a
        # reps table only the 'all' and 'rep' scopes are computed.
        log.info("no reps table with a region: territory scope left out")
        return None
    return reps.select(rep_id=reps.rep_id.cast("string"), region=reps.region)


def _assemble(parts: list[pd.DataFrame], quarters: pd.Series) -> pd.DataFrame:
    """One row per quarter and scope seen in any part; counts of nothing are zero,
    ratios of nothing stay null."""
    scopes = pd.concat(
        [part[["scope", "scope_id"]] for part in parts]
    ).drop_duplicates()
    grid = scopes.merge(quarters.to_frame(), how="cross")
    for part in parts:
        grid = grid.merge(part, on=KEYS, how="left")
    for column in METRIC_COLUMNS:
        if column not in grid.columns:
            grid[column] = float("nan")  # e.g. cohort NRR without subscriptions
    for column in COUNTS:
        grid[column] = grid[column].fillna(0).astype("int64")
    order = {"all": 0, "territory": 1, "rep": 2}
    grid = grid.sort_values(
        ["quarter", "scope", "scope_id"],
        key=lambda c: c.map(order) if c.name == "scope" else c,
    )
    return grid.loc[:, list(METRIC_COLUMNS)].reset_index(drop=True)
