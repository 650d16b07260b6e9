"""Dates in ISO, m/d/y, d/m/y and two-digit-year forms, with or without a time of
day and a UTC offset. The day/month order is decided per column, never per row."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icpkit.ingest.distinct import expand, factorize

_TIME = (
    r"(?:[T ,]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2})?)?"
)
ISO_DATE = r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME + r"$"
SHORT_DATE = r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})" + _TIME + r"$"
TWO_DIGIT_PIVOT = 70  # as Python's %y: 00-69 -> 2000s, 70-99 -> 1900s
YEAR_RANGE = (1900, 2100)
DATE_EXPECTED = "a date such as 2024-01-31, 01/31/2024 or 31/01/2024"


@dataclass(frozen=True)
class DateColumn:
    """A parsed date column: values, which cells failed, and the order used."""

    values: pd.Series
    bad: pd.Series
    order: str | None  # mdy, dmy or ymd for short dates; None when there were none
    assumed: bool  # True when no value decided the order and a default was used
    conflict: tuple[str, str] | None = None  # (a d/m example, an m/d example)


def detect_order(first: pd.Series, second: pd.Series) -> tuple[str | None, pd.Series]:
    """`dmy` if some first part > 12, `mdy` if some second part > 12, None if
    neither; `conflict` if both. Also returns the rows that decided it."""
    day_first = first > 12
    month_first = second > 12
    if day_first.any() and month_first.any():
        return "conflict", day_first | month_first
    if day_first.any():
        return "dmy", day_first
    if month_first.any():
        return "mdy", month_first
    return None, day_first


def parse_dates(
    values: pd.Series, order: str = "auto", default: str = "mdy"
) -> DateColumn:
    """Parse one column. `order` is the configured date_order (auto, ymd, mdy, dmy);
    with auto the column decides, else `default` is used and `assumed` is set."""
    codes, distinct = factorize(values)
    parsed = _parse_distinct(distinct, order, default)
    return DateColumn(
        expand(parsed.values, codes, values.index).astype("datetime64[ns]"),
        expand(parsed.bad, codes, values.index).fillna(False).astype(bool),
        parsed.order,
        parsed.assumed,
        parsed.conflict,
    )


def _parse_distinct(values: pd.Series, order: str, default: str) -> DateColumn:
    iso = values.str.extract(ISO_DATE).astype("Float64")
    short = values.str.extract(SHORT_DATE).astype("Float64")
    used, assumed, conflict = _choose_order(short, order, default, values)
    year, month, day = iso[0].copy(), iso[1].copy(), iso[2].copy()
    if used is not None and used != "conflict":
        positions = {"mdy": (2, 0, 1), "dmy": (2, 1, 0), "ymd": (0, 1, 2)}[used]
        has_short = short[0].notna()
        for target, source in zip((year, month, day), positions, strict=True):
            target[has_short] = short[source][has_short]
    century = (year < TWO_DIGIT_PIVOT).map({True: 2000.0, False: 1900.0})
    year = year.where(year >= 100, year + century)
    parsed = _build(year, month, day)
    parsed = _month_names(values, parsed)
    bad = values.notna() & parsed.isna()
    return DateColumn(parsed, bad, used, assumed, conflict)


def _choose_order(
    short: pd.DataFrame, order: str, default: str, values: pd.Series
) -> tuple[str | None, bool, tuple[str, str] | None]:
    if short[0].notna().sum() == 0:
        return None, False, None
    if order != "auto":
        return order, False, None
    found, _ = detect_order(short[0], short[1])
    if found == "conflict":
        day_first = values[(short[0] > 12).fillna(False)].iloc[0]
        month_first = values[(short[1] > 12).fillna(False)].iloc[0]
        return "conflict", False, (str(day_first), str(month_first))
    if found is None:
        return default, True, None
    return found, False, None


def _build(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    low, high = YEAR_RANGE
    ok = year.between(low, high) & month.between(1, 12) & day.between(1, 31)
    ok = ok.fillna(False)
    parts = pd.DataFrame(
        {"year": year[ok], "month": month[ok], "day": day[ok]}, dtype="int64"
    )
    built = pd.to_datetime(parts, errors="coerce")  # 31 Feb -> NaT, reported as bad
    out = pd.Series(pd.NaT, index=year.index, dtype="datetime64[ns]")
    out[ok] = built.astype("datetime64[ns]")
    return out


def _month_names(values: pd.Series, parsed: pd.Series) -> pd.Series:
    """`Jan 5, 2024` or `5 January 2024`: only values with letters reach pandas."""
    left = (
        values.notna() & parsed.isna() & values.str.contains(r"[A-Za-z]{3}", na=False)
    )
    if not left.any():
        return parsed
    named = pd.to_datetime(values[left], format="mixed", errors="coerce")
    # TODO: month names carry a time zone only rarely; zones are dropped, not converted.
    named = named.dt.tz_localize(None) if named.dt.tz is not None else named
    out = parsed.copy()
    out[left] = named.dt.normalize().astype("datetime64[ns]")
    return out
