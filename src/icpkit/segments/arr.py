"""ARR of an account at a date, and checks on the subscription feed
(DEFINITIONS.md section 3)."""

from __future__ import annotations

import logging
from datetime import date
from typing import Literal

import ibis
import ibis.expr.types as ir

from icpkit.segments.columns import require_columns
from icpkit.segments.findings import Findings, count_flags

log = logging.getLogger(__name__)

Overlap = Literal["sum", "latest"]
SUBSCRIPTION_COLUMNS = (
    "subscription_id",
    "account_id",
    "start_date",
    "end_date",
    "arr",
    "is_trial",
)


def usable_subscriptions(
    subscriptions: ir.Table, accounts: ir.Table, findings: Findings
) -> ir.Table:
    """Subscriptions that can count toward ARR: those with an arr value, a known
    account and not a trial. Every row left out is counted in `findings`."""
    require_columns(subscriptions, SUBSCRIPTION_COLUMNS, "subscriptions")
    known = accounts.select(known_account=accounts.account_id, known=ibis.literal(True))
    subs = subscriptions.left_join(
        known, subscriptions.account_id == known.known_account
    ).drop("known_account")
    flags = {
        "trial_flag_missing": subs.is_trial.isnull(),
        "arr_missing": subs.arr.isnull(),
        "unknown_account": subs.known.isnull(),
        "never_active": subs.end_date.notnull() & (subs.end_date <= subs.start_date),
    }
    for check, (count, example) in count_flags(subs, flags, "subscription_id").items():
        severity, detail = CHECKS[check]
        findings.add("subscriptions", check, severity, count, detail, example)
    paid = subs.is_trial.isnull() | ~subs.is_trial
    usable = subs.filter(paid, subs.arr.notnull(), subs.known.notnull())
    return usable.select(*SUBSCRIPTION_COLUMNS)


# check -> (severity, what is wrong and what is done about it)
CHECKS = {
    "trial_flag_missing": (
        "info",
        "is_trial is blank; these subscriptions are counted as paid",
    ),
    "arr_missing": ("warning", "arr is blank; left out of ARR"),
    "unknown_account": ("warning", "account_id not in accounts; left out of ARR"),
    "never_active": (
        "info",
        "end_date on or before start_date: never active, so never in ARR",
    ),
}


def arr_at(subscriptions: ir.Table, on: date, overlap: Overlap) -> ir.Table:
    """ARR(a, d) per account holding an active subscription on `on`
    (DEFINITIONS.md section 3): sum of arr of subscriptions with start_date <= d
    and (end_date null or end_date > d). `subscriptions` must already be
    usable_subscriptions (trials out). overlap "latest" counts only the
    latest-started active subscription of each account (ties: highest id)."""
    active = active_on(subscriptions, on)
    if overlap == "sum":
        return active.group_by("account_id").aggregate(arr=active.arr.sum())
    if overlap != "latest":
        raise ValueError(f"overlap must be 'sum' or 'latest', got {overlap!r}")
    latest = active.group_by("account_id").aggregate(
        latest_start=active.start_date.max()
    )
    newest = active.join(
        latest,
        [
            active.account_id == latest.account_id,
            active.start_date == latest.latest_start,
        ],
    ).select(active.account_id, active.arr, active.subscription_id)
    return newest.group_by("account_id").aggregate(
        arr=newest.arr.argmax(newest.subscription_id)
    )


def active_on(subscriptions: ir.Table, on: date) -> ir.Table:
    """Subscriptions active on `on`: start_date <= on < end_date (or open-ended)."""
    day = ibis.literal(on, type="date")
    subs = subscriptions
    return subs.filter(
        subs.start_date <= day, subs.end_date.isnull() | (subs.end_date > day)
    )


def report_concurrent(subscriptions: ir.Table, on: date, findings: Findings) -> None:
    """Count accounts holding two or more active paid subscriptions on `on`
    (DEFINITIONS.md section 3): summing them inflates NRR when a feed writes a new
    row per change instead of closing the old one."""
    active = active_on(subscriptions, on)
    per_account = active.group_by("account_id").aggregate(held=active.count())
    stacked = per_account.filter(per_account.held > 1)
    summary = stacked.aggregate(
        accounts=stacked.count(),
        most=stacked.held.max(),
        example=stacked.account_id.argmax(stacked.held),
    ).to_pandas()
    count = int(summary.loc[0, "accounts"])
    if count == 0:
        return
    most = int(summary.loc[0, "most"])
    findings.add(
        "subscriptions",
        "concurrent_subscriptions",
        "warning",
        count,
        f"accounts holding 2 or more concurrent paid subscriptions on {on} (up to "
        f"{most}); subscriptions.overlap='sum' adds them up, which inflates ARR and "
        "NRR if the feed writes a new row per change; use 'latest' in that case",
        str(summary.loc[0, "example"]),
    )


def first_positive_arr_date(subscriptions: ir.Table, as_of: date) -> ir.Table:
    """Per account, the first date its ARR is > 0 (DEFINITIONS.md section 3,
    cohort): the earliest start_date, up to as_of, of a paid subscription with
    arr > 0 that is active on its own start date."""
    subs = subscriptions
    paying = subs.filter(
        subs.arr > 0,
        subs.start_date <= ibis.literal(as_of, type="date"),
        subs.end_date.isnull() | (subs.end_date > subs.start_date),
    )
    return paying.group_by("account_id").aggregate(
        first_customer_date=paying.start_date.min()
    )
