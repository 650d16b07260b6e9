"""Totals per rep and period, each the exact sum of its lines (DEFINITIONS 9)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from icpkit.comp.lines import BOOKING_RULES
from icpkit.comp.money import ZERO

TOTAL_COLUMNS = ("rep_id", "period", "bookings", "quota", "attainment", "total")


def statement_totals(statements: pd.DataFrame) -> pd.DataFrame:
    """One row per rep and period: bookings, quota, attainment and total.

    total = sum of the period's line amounts (Decimal, so exact to the cent);
    bookings = sum of the basis of base_commission and holdout_credit lines;
    attainment = bookings / quota, null without a quota. Money columns are cent
    strings like the statement lines.
    """
    index = statements.index
    amounts = [Decimal(text) for text in statements["amount"]]
    booked = [
        Decimal(basis) if rule in BOOKING_RULES else ZERO
        for rule, basis in zip(statements["rule"], statements["basis"], strict=True)
    ]
    quota_values = [None if pd.isna(q) else Decimal(q) for q in statements["quota"]]
    money = pd.DataFrame(
        {
            "rep_id": statements["rep_id"],
            "period": statements["period"],
            "total": pd.Series(amounts, index=index, dtype=object),
            "bookings": pd.Series(booked, index=index, dtype=object),
            "quota": pd.Series(quota_values, index=index, dtype=object),
        }
    )
    groups = money.groupby(["rep_id", "period"], sort=True)
    sums = groups[["bookings", "total"]].agg(_exact_sum)
    quotas = groups["quota"].first()  # one quota per rep; null when it has none
    rows = []
    for (rep_id, period), bookings, total, quota in zip(
        sums.index, sums["bookings"], sums["total"], quotas, strict=True
    ):
        if pd.isna(quota):  # groupby first() gives NaN for a rep without quota
            attainment, shown = None, None
        else:
            attainment, shown = float(bookings / quota), f"{quota:.2f}"
        rows.append(
            (rep_id, period, f"{bookings:.2f}", shown, attainment, f"{total:.2f}")
        )
    return pd.DataFrame(rows, columns=list(TOTAL_COLUMNS))


def _exact_sum(values: pd.Series) -> Decimal:
    return sum(values, ZERO)
