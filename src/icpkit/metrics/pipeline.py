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
    scope: ICP open / open, over open opportunities whose account is known."""
    held = open_at_quarter_end(scoped, quarters)
    known = held.is_icp.notnull()
    priced = known & held.amount.notnull()
    counts = held.aggregate(
        by=list(KEYS),
        open_opportunities=held.count(),
        icp_open=held.count(where=held.is_icp),
        judged_open=held.count(where=known),
        icp_amount=held.amount.sum(where=priced & held.is_icp),
        judged_amount=held.amount.sum(where=priced),
    )
    return counts.select(
        *KEYS,
        "open_opportunities",
        icp_pipeline_coverage_count=ratio(counts.icp_open, counts.judged_open),
        icp_pipeline_coverage_amount=ratio(
            counts.icp_amount.fill_null(0.0), counts.judged_amount.fill_null(0.0)
        ),
    )
