"""Open pipeline and ICP pipeline coverage at quarter end (DEFINITIONS 7)."""

from __future__ import annotations

import ibis

from icpkit.metrics.scopes import ratio

KEYS = ("quarter", "scope", "scope_id")


def open_at_quarter_end(scoped: ibis.Table, quarters: ibis.Table) -> ibis.Table:
    """Each opportunity once for every quarter at whose end (cutoff) it is open.

    Open at quarter end: created_date <= quarter end and (close_date is null or
    close_date > quarter end). An opportunity still open at as_of (status open) is
    open at every quarter end since creation, whatever its expected close_date.
    Undated opportunities are left out (DEFINITIONS 1)."""
    cutoff = quarters.cutoff
    return scoped.join(
        quarters,
        [
            scoped.created_date.notnull(),
            scoped.created_date <= cutoff,
            (scoped.status == "open")
            | scoped.close_date.isnull()
            | (scoped.close_date > cutoff),
        ],
    )


def pipeline_coverage(scoped: ibis.Table, quarters: ibis.Table) -> ibis.Table:
    """open_opportunities, icp_pipeline_coverage_count and _amount per quarter and
    scope: ICP open / all open (DEFINITIONS 7). An opportunity without an account
    has no ICP account: it counts below the line, not above it (the data-quality
    output counts such opportunities)."""
    held = open_at_quarter_end(scoped, quarters)
    icp = held.is_icp.fill_null(False)
    priced = held.amount.notnull()
    counts = held.aggregate(
        by=list(KEYS),
        open_opportunities=held.count(),
        icp_open=held.count(where=icp),
        icp_amount=held.amount.sum(where=priced & icp),
        open_amount=held.amount.sum(where=priced),
    )
    return counts.select(
        *KEYS,
        "open_opportunities",
        icp_pipeline_coverage_count=ratio(counts.icp_open, counts.open_opportunities),
        icp_pipeline_coverage_amount=ratio(
            counts.icp_amount.fill_null(0.0), counts.open_amount.fill_null(0.0)
        ),
    )
