"""Activity credit: engaging TAL tier A/B accounts before a win (DEFINITIONS 9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from icpkit.comp.findings import Finding, first_example
from icpkit.comp.lines import StatementLine, key_pair
from icpkit.comp.money import money_text
from icpkit.comp.periods import Period, period_of
from icpkit.comp.tiers import tiers_at

CREDIT_TIERS = ("A", "B")


def qualifying_activities(
    activities: pd.DataFrame,
    won: pd.DataFrame,
    tal_versions: pd.DataFrame,
    activity_types: list[str],
    as_of: date,
) -> tuple[pd.DataFrame, list[Finding]]:
    """Activities of a credited type, by a known rep, on an account of TAL tier A/B
    (version in force on the activity date), before the account's first won close."""
    chosen = activities.loc[
        activities["type"].isin(activity_types)
        & (activities["activity_date"] <= pd.Timestamp(as_of))
    ]
    no_owner = chosen["owner_id"].isna()
    findings = [
        Finding(
            "activities",
            "credited activity without owner",
            "warning",
            int(no_owner.sum()),
            "activity credit goes to no rep",
            first_example(chosen.loc[no_owner, "activity_id"]),
        )
    ]
    chosen = chosen.loc[~no_owner & chosen["account_id"].notna()]
    tiers = tiers_at(chosen["account_id"], chosen["activity_date"], tal_versions)
    first_won = won.groupby("account_id")["close_date"].min()
    won_by = pd.to_datetime(chosen["account_id"].map(first_won.to_dict()))  # NaT: none
    before_win = won_by.isna() | (chosen["activity_date"] < won_by)
    keep = tiers["tier"].isin(CREDIT_TIERS) & before_win
    return chosen.loc[keep], findings


def activity_lines(
    qualifying: pd.DataFrame, credit: Decimal, cap: Decimal, period: Period
) -> list[StatementLine]:
    """Per rep and period: credit x count of qualifying activities, capped at `cap`."""
    periods = qualifying["activity_date"].map(lambda day: period_of(day.date(), period))
    counts = qualifying.groupby([qualifying["owner_id"], periods]).size()
    lines = []
    for key, count in counts.items():
        rep_id, label = key_pair(key)
        earned = credit * count
        amount = min(earned, cap)
        detail = (
            f"{count} qualifying activities with TAL tier A/B accounts before a win "
            f"x {money_text(credit)} = {money_text(earned)}"
        )
        if amount < earned:
            detail += f", capped at {money_text(cap)} per period"
        lines.append(
            StatementLine(
                str(rep_id),
                str(label),
                "activity_credit",
                Decimal(count),
                credit,
                amount,
                detail,
            )
        )
    return lines
