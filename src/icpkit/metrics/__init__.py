"""Execution metrics per quarter, for all, per rep and per territory (DEFINITIONS 7)."""

from __future__ import annotations

from datetime import date

import ibis
import pandas as pd

from icpkit.metrics.table import METRIC_COLUMNS, build_metrics

__all__ = ["METRIC_COLUMNS", "compute_metrics"]


def compute_metrics(
    opportunities: ibis.Table,
    account_icp: ibis.Table,
    tal: ibis.Table,
    activities: ibis.Table | None,
    subscriptions: ibis.Table | None,
    territories: ibis.Table | None,
    as_of: date,
    reps: ibis.Table | None = None,
) -> pd.DataFrame:
    """Execution metrics (DEFINITIONS 7), one row per quarter and scope.

    Quarters run from the first with a created or closed opportunity through the one
    holding as_of (labelled '2017Q2'). Scopes: 'all' (scope_id 'all'); 'rep'
    (opportunity owner; for tal_engagement the territories.assigned_rep); 'territory'
    (the rep's region, only when `reps` with a region column is given). Columns:
    METRIC_COLUMNS. Ratios are null where the denominator is empty or the data is
    absent (no subscriptions: cohort NRR null; no activities: engagement from
    opportunities created only). Opportunities without account are counted in
    open_opportunities but stay out of every ICP split.
    """
    return build_metrics(
        opportunities,
        account_icp,
        tal,
        activities,
        subscriptions,
        territories,
        as_of,
        reps=reps,
    )
