"""Closed opportunities, win rates, cycles and new logos per quarter (DEFINITIONS 7)."""

from __future__ import annotations

from datetime import date

import ibis

from icpkit.metrics.percentiles import median
from icpkit.metrics.quarters import quarter_label
from icpkit.metrics.scopes import ratio

KEYS = ("quarter", "scope", "scope_id")


def closed_by(scoped: ibis.Table, as_of: date) -> ibis.Table:
    """Won or lost opportunities closed by as_of, labelled with the closing quarter."""
    closed = scoped.filter(
        scoped.status.isin(["won", "lost"])
        & scoped.close_date.notnull()
        & (scoped.close_date <= as_of)
    )
    return closed.mutate(quarter=quarter_label(closed.close_date))


def win_rates_and_cycles(scoped: ibis.Table, as_of: date) -> ibis.Table:
    """closed_icp, closed_non_icp, icp/non_icp win rate (won / closed in the quarter)
    and icp/non_icp median cycle (close - created, days, won in the quarter; a
    negative cycle is left out, DEFINITIONS 3)."""
    closed = closed_by(scoped, as_of)
    won = closed.status == "won"
    icp, non_icp = closed.is_icp == True, closed.is_icp == False  # noqa: E712
    cycle = closed.close_date.delta(closed.created_date, unit="day")
    cycled = won & closed.created_date.notnull() & (cycle >= 0)
    counts = closed.aggregate(
        by=list(KEYS),
        closed_icp=closed.count(where=icp),
        closed_non_icp=closed.count(where=non_icp),
        won_icp=closed.count(where=icp & won),
        won_non_icp=closed.count(where=non_icp & won),
        icp_median_cycle_days=median(cycle.cast("float64"), where=cycled & icp),
        non_icp_median_cycle_days=median(cycle.cast("float64"), where=cycled & non_icp),
    )
    return counts.mutate(
        icp_win_rate=ratio(counts.won_icp, counts.closed_icp),
        non_icp_win_rate=ratio(counts.won_non_icp, counts.closed_non_icp),
    ).drop("won_icp", "won_non_icp")


def first_wins(opps: ibis.Table, as_of: date) -> ibis.Table:
    """Each account's first won opportunity (earliest close, then lowest id)."""
    won = opps.filter(
        (opps.status == "won")
        & opps.account_id.notnull()
        & opps.close_date.notnull()
        & (opps.close_date <= as_of)
    )
    order = ibis.row_number().over(
        group_by="account_id", order_by=["close_date", "opportunity_id"]
    )
    ranked = won.mutate(rank=order)
    return ranked.filter(ranked["rank"] == 0).drop("rank")


def new_logos(scoped_first_wins: ibis.Table) -> ibis.Table:
    """new_logos won in the quarter and icp_new_logo_share: ICP ones / all."""
    wins = scoped_first_wins.mutate(quarter=quarter_label(scoped_first_wins.close_date))
    counts = wins.aggregate(
        by=list(KEYS),
        new_logos=wins.count(),
        icp_logos=wins.count(where=wins.is_icp),
    )
    return counts.mutate(
        icp_new_logo_share=ratio(counts.icp_logos, counts.new_logos)
    ).drop("icp_logos")
