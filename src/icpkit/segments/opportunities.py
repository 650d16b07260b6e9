"""Closed opportunities of the segment base, with their cycle and deal size
(DEFINITIONS.md sections 1 and 3)."""

from __future__ import annotations

import logging
from datetime import date

import ibis
import ibis.expr.types as ir

from icpkit.segments.accounts import DIMENSIONS
from icpkit.segments.columns import require_columns
from icpkit.segments.findings import Findings, count_flags

log = logging.getLogger(__name__)

OPPORTUNITY_COLUMNS = (
    "opportunity_id",
    "account_id",
    "type",
    "status",
    "amount",
    "created_date",
    "close_date",
)


def closed_opportunities(
    opportunities: ir.Table, base: ir.Table, as_of: date, findings: Findings
) -> ir.Table:
    """Opportunities won or lost with close_date <= as_of on accounts of `base`,
    with the account's dimensions, cycle_days (won only, null when unknown or
    negative) and deal_amount (won new_business, or won of unknown type, not
    negative; DEFINITIONS section 3). Opportunities left out are counted in
    `findings`."""
    require_columns(opportunities, OPPORTUNITY_COLUMNS, "opportunities")
    opps = opportunities
    _report_open_without_account(opps, findings)
    closed = opps.filter(opps.status.isin(["won", "lost"]))
    known = base.select(known_account=base.account_id, known=ibis.literal(True))
    closed = closed.left_join(known, closed.account_id == known.known_account)
    closed = closed.drop("known_account").mutate(
        in_time=closed.close_date <= ibis.literal(as_of, type="date"),
        won=closed.status == "won",
        cycle=closed.close_date.delta(closed.created_date, unit="day"),
    )
    closed = closed.mutate(
        sized=closed.won & (closed.type.isnull() | (closed.type == "new_business"))
    )
    _report(closed, as_of, findings)
    kept = closed.filter(closed.in_time, closed.known.notnull())
    kept = kept.join(base.select("account_id", *DIMENSIONS), "account_id")
    return kept.select(
        *OPPORTUNITY_COLUMNS,
        *DIMENSIONS,
        cycle_days=ibis.ifelse(
            kept.won & (kept.cycle >= 0), kept.cycle, ibis.null("int64")
        ),
        deal_amount=ibis.ifelse(
            kept.sized & (kept.amount >= 0), kept.amount, ibis.null("float64")
        ),
    )


# check -> (severity, what is wrong and what is done about it)
CHECKS = {
    "closed_without_close_date": (
        "warning",
        "won/lost without close_date; left out of segment metrics",
    ),
    "closed_after_as_of": ("info", "closed after as_of; not used"),
    "opportunities_without_account": (
        "warning",
        "won/lost without account; left out of segment metrics",
    ),
    "unknown_account": (
        "warning",
        "won/lost on an account_id not in accounts; left out of segment metrics",
    ),
    "won_without_created_date": (
        "warning",
        "won without created_date; left out of the sales cycle",
    ),
    "negative_cycle": (
        "warning",
        "won with close_date before created_date; left out of the sales cycle",
    ),
    "won_without_amount": (
        "warning",
        "won new business without amount; left out of deal size",
    ),
    "won_negative_amount": (
        "warning",
        "won new business with a negative amount (a credit or reversal?); left out "
        "of deal size",
    ),
}


def _report(closed: ir.Table, as_of: date, findings: Findings) -> None:
    """Count every won/lost opportunity left out of a metric, in one query."""
    used = closed.in_time & closed.known.notnull()
    flags = {
        "closed_without_close_date": closed.close_date.isnull(),
        "closed_after_as_of": ~closed.in_time,
        "opportunities_without_account": closed.in_time & closed.account_id.isnull(),
        "unknown_account": closed.in_time
        & closed.account_id.notnull()
        & closed.known.isnull(),
        "won_without_created_date": used & closed.won & closed.created_date.isnull(),
        "negative_cycle": used & closed.won & (closed.cycle < 0),
        "won_without_amount": used & closed.sized & closed.amount.isnull(),
        "won_negative_amount": used & closed.sized & (closed.amount < 0),
    }
    counts = count_flags(closed, flags, "opportunity_id")
    for check, (count, example) in counts.items():
        severity, detail = CHECKS[check]
        if check == "closed_after_as_of":
            detail = f"closed after as_of {as_of}; not used"
        findings.add("opportunities", check, severity, count, detail, example)


def _report_open_without_account(opportunities: ir.Table, findings: Findings) -> None:
    """Open opportunities without account play no part in segment metrics; they
    are counted so the data-quality report shows them."""
    opps = opportunities
    flags = {"open_without_account": (opps.status == "open") & opps.account_id.isnull()}
    count, example = count_flags(opps, flags, "opportunity_id")["open_without_account"]
    findings.add(
        "opportunities",
        "open_without_account",
        "info",
        count,
        "open opportunity without account; not in segment metrics",
        example,
    )
