"""Calendar quarters of the metrics table (DEFINITIONS 7)."""

from __future__ import annotations

from datetime import date, timedelta

import ibis
import pandas as pd
from ibis.expr.types import DateValue, StringValue


def quarter_label(day: DateValue) -> StringValue:
    """A date expression -> its quarter label, e.g. '2017Q2'."""
    return day.year().cast("string").concat("Q", day.quarter().cast("string"))


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _shift(start: date, quarters: int) -> date:
    index = start.year * 4 + (start.month - 1) // 3 + quarters
    return date(index // 4, 3 * (index % 4) + 1, 1)


def quarter_frame(first: date, as_of: date) -> pd.DataFrame:
    """One row per quarter from the one holding `first` to the one holding `as_of`.

    quarter_end is the last day; cutoff = min(quarter_end, as_of) is the moment
    point-in-time measures are taken (nothing after as_of is used); cohort is the
    label of the quarter four quarters earlier, whose end is cohort_end."""
    rows = []
    start = _quarter_start(first)
    while start <= as_of:
        end = _shift(start, 1) - timedelta(days=1)
        cohort_start = _shift(start, -4)
        rows.append(
            {
                "quarter": f"{start.year}Q{(start.month - 1) // 3 + 1}",
                "quarter_start": start,
                "quarter_end": end,
                "cutoff": min(end, as_of),
                "cohort": f"{cohort_start.year}Q{(cohort_start.month - 1) // 3 + 1}",
                "cohort_end": _shift(start, -3) - timedelta(days=1),
                "complete": end <= as_of,
            }
        )
        start = _shift(start, 1)
    return pd.DataFrame(rows)


def quarter_table(first: date, as_of: date) -> ibis.Table:
    return ibis.memtable(quarter_frame(first, as_of))
