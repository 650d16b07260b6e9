"""compute_segments: the segment table, account segments, ICP statement and
findings of one run (DEFINITIONS.md sections 2-4)."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from datetime import date

import ibis.expr.types as ir
import numpy as np
import pandas as pd

from icpkit.config import SegmentsSettings, SubscriptionsSettings
from icpkit.segments.accounts import (
    DIMENSIONS,
    RetentionDates,
    account_base,
    months_before,
    with_cohort,
    with_subscription_status,
    with_won_status,
)
from icpkit.segments.arr import report_concurrent, usable_subscriptions
from icpkit.segments.bootstrap import nrr_bootstrap_p
from icpkit.segments.findings import Findings
from icpkit.segments.opportunities import closed_opportunities
from icpkit.segments.result import SegmentsResult
from icpkit.segments.score import check_weights
from icpkit.segments.segment_sums import RankTotals, segment_sums
from icpkit.segments.statement import icp_statement
from icpkit.segments.statistics import (
    add_outcome_metrics,
    add_score_and_tier,
    add_significance,
    add_tam_value,
    add_tests,
)
from icpkit.segments.table import (
    ALL,
    SEGMENT_COLUMNS,
    dimensions_label,
    groupings,
    segment_key,
)
from icpkit.segments.tam import addressable_companies

log = logging.getLogger(__name__)

ACCOUNT_SEGMENT_COLUMNS = (
    "account_id",
    *DIMENSIONS,
    "segment",
    "segment_tier",
    "is_customer",
    "arr_as_of",
    "first_customer_date",
    "cohort",
)


def compute_segments(
    accounts: ir.Table,
    opportunities: ir.Table | None,
    subscriptions: ir.Table | None,
    universe: ir.Table | None,
    as_of: date,
    settings: SegmentsSettings,
    subscription_settings: SubscriptionsSettings,
) -> SegmentsResult:
    """Segment economics, score and ICP tiers (DEFINITIONS.md sections 2-4)."""
    started = time.perf_counter()
    check_weights(settings.weights)
    groups = groupings(settings)
    findings = Findings()
    base, closed = _account_base(
        accounts,
        opportunities,
        subscriptions,
        as_of,
        settings,
        subscription_settings,
        findings,
    )
    market = None
    if universe is not None:
        market = addressable_companies(universe, base, settings, findings).cache()
    sums, totals = segment_sums(base, closed, market, groups)
    table, tests_run = _statistics(sums, totals, base, groups, settings)
    _report_outside_market(table, groups, findings)
    segments = _ordered(table, groups)
    statement = icp_statement(segments, tests_run, settings.false_discovery_rate)
    account_segments = _account_segments(base, segments, settings.combination)
    log.info(
        "segments: %s segments over %s accounts, %s tests, %s tier A, in %.1f s",
        f"{len(segments) - 1:,}",
        f"{len(account_segments):,}",
        tests_run,
        int((segments["tier"] == "A").sum()),
        time.perf_counter() - started,
    )
    return SegmentsResult(segments, account_segments, statement, findings.to_frame())


def _account_base(
    accounts: ir.Table,
    opportunities: ir.Table | None,
    subscriptions: ir.Table | None,
    as_of: date,
    settings: SegmentsSettings,
    subscription_settings: SubscriptionsSettings,
    findings: Findings,
) -> tuple[ir.Table, ir.Table | None]:
    """Account dimensions and status, and the closed opportunities, both cached."""
    base = account_base(accounts, settings, findings).cache()
    closed = None
    if opportunities is not None:
        closed = closed_opportunities(opportunities, base, as_of, findings).cache()
    subs = None
    if subscriptions is not None:
        subs = usable_subscriptions(subscriptions, accounts, findings).cache()
        if int(subs.count().execute()) == 0:
            subs = None
    if subs is None:
        findings.add(
            "subscriptions",
            "no_subscription_data",
            "info",
            1,
            "no usable subscriptions: arr, nrr_12m, grr_12m, logo_retention_12m and "
            "clv are null (not zero); a customer is an account with a won "
            "opportunity (DEFINITIONS.md section 3)",
        )
        return with_cohort(with_won_status(base, closed)).cache(), closed
    report_concurrent(subs, as_of, findings)
    dates = RetentionDates(start=months_before(as_of, 12), end=as_of)
    status = with_subscription_status(base, subs, dates, subscription_settings.overlap)
    return with_cohort(status).cache(), closed


def _statistics(
    sums: pd.DataFrame,
    totals: RankTotals | None,
    base: ir.Table,
    groups: Sequence[tuple[str, ...]],
    settings: SegmentsSettings,
) -> tuple[pd.DataFrame, int]:
    """Metrics, tests, BH correction, score and tier on the segment frame."""
    table = add_outcome_metrics(sums, settings)
    nrr = _nrr_tests(table, base, groups, settings)
    table = add_tests(table, totals, nrr)
    table, tests_run = add_significance(table, settings.false_discovery_rate)
    table = add_score_and_tier(table, settings)
    return add_tam_value(table), tests_run


def _nrr_tests(
    table: pd.DataFrame,
    base: ir.Table,
    groups: Sequence[tuple[str, ...]],
    settings: SegmentsSettings,
) -> tuple[np.ndarray, np.ndarray]:
    """Bootstrap NRR p-values aligned with `table` (NaN without retention data).
    Pulls the accounts of S (ARR at t > 0), one row each, into memory."""
    empty = np.full(len(table), np.nan)
    retained = base.filter(base.arr_start > 0)
    accounts = retained.select("arr_start", "arr_as_of", *DIMENSIONS).to_pandas()
    if accounts.empty:
        return empty, empty.copy()
    position = {key: i for i, key in enumerate(table["segment"])}
    single = [g for g in groups if g]
    codes = np.column_stack([_segment_positions(accounts, g, position) for g in single])
    p, diff = nrr_bootstrap_p(
        accounts["arr_start"].to_numpy(float),
        accounts["arr_as_of"].to_numpy(float),
        codes,
        settings.bootstrap_iterations,
        settings.random_state,
    )
    p_full, diff_full = empty.copy(), empty.copy()
    p_full[: len(p)], diff_full[: len(diff)] = p, diff
    return p_full, diff_full


def _segment_positions(
    accounts: pd.DataFrame, grouping: tuple[str, ...], position: dict[str, int]
) -> np.ndarray:
    records = accounts[list(grouping)].to_dict("records")
    return np.array([position[segment_key(r, grouping)] for r in records], dtype=int)


def _report_outside_market(
    table: pd.DataFrame, groups: Sequence[tuple[str, ...]], findings: Findings
) -> None:
    """Universe companies in segments holding no account have no segment row."""
    # TODO: give whitespace segments (universe companies, no account) their own
    # rows with tam columns only; today they are counted in the 'all' row alone.
    if "tam_accounts" not in table:
        return
    overall = table.loc[table["dimensions"] == ALL, "tam_accounts"].iloc[0]
    finest = max(groups, key=len)
    inside = table.loc[table["dimensions"] == "+".join(finest), "tam_accounts"].sum()
    findings.add(
        "universe",
        "outside_account_segments",
        "info",
        int(overall - inside),
        f"addressable companies in {'+'.join(finest)} segments without any account; "
        "counted in the 'all' row only",
    )


def _ordered(table: pd.DataFrame, groups: Sequence[tuple[str, ...]]) -> pd.DataFrame:
    """SEGMENT_COLUMNS in order (null where a metric has no data): 'all' first, then
    the groupings in configured order, segments by key."""
    frame = table.reindex(columns=list(SEGMENT_COLUMNS))
    rank = {dimensions_label(g): i for i, g in enumerate(sorted(groups, key=len))}
    frame = frame.assign(_order=frame["dimensions"].map(rank))
    frame = frame.sort_values(["_order", "segment"], kind="stable")
    frame = frame.drop(columns="_order").reset_index(drop=True)
    frame["significant_better"] = frame["significant_better"].astype(object)
    frame["win_rate_significant"] = frame["win_rate_significant"].astype(object)
    untested = ["win_rate_significant", "significant_better", "better_on"]
    frame.loc[frame["dimensions"] == ALL, untested] = None
    return frame


def _account_segments(
    base: ir.Table, segments: pd.DataFrame, combination: Sequence[str]
) -> pd.DataFrame:
    """One row per account with its combination segment and that segment's tier."""
    frame = base.to_pandas()
    grouping = tuple(dict.fromkeys(combination))
    records = frame[list(grouping)].to_dict("records") if grouping else None
    frame["segment"] = (
        [segment_key(r, grouping) for r in records] if records is not None else ALL
    )
    tiers = segments.set_index("segment")["tier"]
    frame["segment_tier"] = frame["segment"].map(tiers)
    return frame.reindex(columns=list(ACCOUNT_SEGMENT_COLUMNS))
