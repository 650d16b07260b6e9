"""Commission periods: the label of the period a date falls in (DEFINITIONS 9)."""

from __future__ import annotations

from datetime import date
from typing import Literal

Period = Literal["quarter", "month", "year"]


def period_of(day: date, period: Period) -> str:
    """2017-05-03 -> '2017-Q2' (quarter), '2017-05' (month) or '2017' (year)."""
    if period == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    return str(day.year)


def _start_of(day: date, period: Period) -> date:
    if period == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if period == "month":
        return date(day.year, day.month, 1)
    return date(day.year, 1, 1)


def _next_start(start: date, period: Period) -> date:
    months = {"quarter": 3, "month": 1, "year": 12}[period]
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def periods_between(first: date, last: date, period: Period) -> list[str]:
    """Labels of every period from the one holding `first` to the one holding `last`."""
    labels: list[str] = []
    start = _start_of(first, period)
    while start <= last:
        labels.append(period_of(start, period))
        start = _next_start(start, period)
    return labels
