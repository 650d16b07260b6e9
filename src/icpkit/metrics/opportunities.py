"""Opportunities as the metrics see them: ICP flag, quarters, scopes (DEFINITIONS 7)."""

from __future__ import annotations

from datetime import date

import ibis


def with_icp(
    opportunities: ibis.Table, account_icp: ibis.Table, as_of: date
) -> ibis.Table:
    """Opportunities created by as_of (or undated) with is_icp of their account.

    is_icp is null for an opportunity without account (it stays out of every ICP
    split, DEFINITIONS 1) and false for an account absent from account_icp, which
    lists every account judged (tier A segment or TAL tier A/B)."""
    flags = account_icp.select("account_id", flag=account_icp.is_icp)
    opps = opportunities.select(
        "opportunity_id",
        "account_id",
        "owner_id",
        "status",
        amount=opportunities.amount.cast("float64"),
        created_date=opportunities.created_date.cast("date"),
        close_date=opportunities.close_date.cast("date"),
    )
    opps = opps.filter(opps.created_date.isnull() | (opps.created_date <= as_of))
    joined = opps.left_join(flags, "account_id").drop("account_id_right")
    is_icp = ibis.ifelse(
        joined.account_id.isnull(), ibis.null("boolean"), joined.flag.fill_null(False)
    )
    return joined.mutate(is_icp=is_icp).drop("flag")
