"""Findings across tables: dangling references, missing dates, negative cycles,
dates after as_of (DEFINITIONS.md section 1)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from icpkit.ingest.findings import Findings
from icpkit.schema import CANONICAL

REFERENCING = ("opportunities", "subscriptions", "activities")


def latest_date(tables: dict[str, pd.DataFrame]) -> date | None:
    """The latest date found in any date column of any table."""
    latest: list[pd.Timestamp] = []
    for name, frame in tables.items():
        for column, kind in CANONICAL[name].columns.items():
            if kind == "date" and frame[column].notna().any():
                latest.append(frame[column].max())
    return max(latest).date() if latest else None


def check_tables(
    tables: dict[str, pd.DataFrame], as_of: date, findings: Findings
) -> None:
    """Add the cross-table findings of DEFINITIONS.md section 1."""
    if "opportunities" in tables:
        _opportunity_checks(tables["opportunities"], findings)
    if "subscriptions" in tables:
        _subscription_checks(tables["subscriptions"], findings)
    if "accounts" in tables:
        _dangling_accounts(tables, findings)
    if "reps" in tables:
        _dangling_owners(tables, findings)
    for name, frame in tables.items():
        _after_as_of(name, frame, as_of, findings)


def _opportunity_checks(opportunities: pd.DataFrame, findings: Findings) -> None:
    ids = opportunities["opportunity_id"]
    findings.count_mask(
        "opportunities",
        "without_account",
        "warning",
        opportunities["account_id"].isna(),
        "opportunities with no account: in rep totals, not in segment metrics",
        ids,
    )
    findings.count_mask(
        "opportunities",
        "without_created_date",
        "warning",
        opportunities["created_date"].isna(),
        "opportunities with no created_date: left out of cycle and point-in-time "
        "metrics",
        ids,
    )
    negative = opportunities["close_date"] < opportunities["created_date"]
    findings.count_mask(
        "opportunities",
        "negative_cycle",
        "warning",
        negative,
        "close_date before created_date: left out of cycle metrics",
        ids,
    )
    lost_zero = opportunities["status"].eq("lost") & opportunities["amount"].eq(0)
    findings.count_mask(
        "opportunities",
        "lost_amount_zero",
        "info",
        lost_zero,
        "lost opportunities carry amount 0 rather than blank",
        ids,
    )


def _subscription_checks(subscriptions: pd.DataFrame, findings: Findings) -> None:
    ids = subscriptions["subscription_id"]
    start, end = subscriptions["start_date"], subscriptions["end_date"]
    findings.count_mask(
        "subscriptions",
        "zero_length",
        "warning",
        end.eq(start),
        "subscriptions ending on their start date: never active",
        ids,
    )
    findings.count_mask(
        "subscriptions",
        "end_before_start",
        "warning",
        end < start,
        "subscriptions ending before they start: never active",
        ids,
    )


def _dangling_accounts(tables: dict[str, pd.DataFrame], findings: Findings) -> None:
    known = set(tables["accounts"]["account_id"].dropna())
    for name in REFERENCING:
        if name not in tables:
            continue
        account = tables[name]["account_id"]
        dangling = account.notna() & ~account.isin(known)
        findings.count_mask(
            name,
            "account_not_in_accounts",
            "warning",
            dangling,
            f"{name} referencing {account[dangling].nunique()} account_id values "
            "missing from accounts",
            account,
        )


def _dangling_owners(tables: dict[str, pd.DataFrame], findings: Findings) -> None:
    reps = tables["reps"]["rep_id"]
    if "opportunities" not in tables:
        return
    owners = tables["opportunities"]["owner_id"]
    unknown = owners.notna() & ~owners.isin(set(reps.dropna()))
    findings.count_mask(
        "opportunities",
        "owner_not_in_reps",
        "warning",
        unknown,
        "opportunity owners missing from reps",
        owners,
    )
    idle = ~reps.isin(set(owners.dropna()))
    findings.count_mask(
        "reps",
        "without_opportunities",
        "info",
        idle,
        "reps who own no opportunity (zero attainment in comp)",
        reps,
    )


def _after_as_of(
    name: str, frame: pd.DataFrame, as_of: date, findings: Findings
) -> None:
    cutoff = pd.Timestamp(as_of)
    key = CANONICAL[name].key
    for column, kind in CANONICAL[name].columns.items():
        if kind != "date":
            continue
        later = frame[column] > cutoff
        findings.count_mask(
            name,
            f"{column}_after_as_of",
            "info",
            later,
            f"{column} after as_of {as_of.isoformat()}: not used by this run",
            frame[key],
        )
