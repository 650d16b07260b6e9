"""The account base: segment dimensions, ARR at the two retention dates, customer
status and cohort of every account (DEFINITIONS.md sections 2 and 3)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import ibis
import ibis.expr.types as ir

from icpkit.config import SegmentsSettings
from icpkit.errors import StageError
from icpkit.segments.arr import Overlap, arr_at, first_positive_arr_date
from icpkit.segments.columns import require_columns
from icpkit.segments.findings import Findings, count_flags
from icpkit.segments.size_band import UNKNOWN_SIZE, size_band

log = logging.getLogger(__name__)

DIMENSIONS = ("industry", "size_band", "region")
UNKNOWN_VALUE = "unknown"


@dataclass(frozen=True)
class RetentionDates:
    """as_of and t = as_of - 12 calendar months (DEFINITIONS.md section 3)."""

    start: date
    end: date


def months_before(day: date, months: int) -> date:
    """`day` moved back `months` calendar months, clamped to the month's last day
    (2024-12-31 -> 2023-12-31; 2024-02-29 -> 2023-02-28)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"no valid day in {year}-{month + 1}")  # unreachable


def segment_dimensions(
    accounts: ir.Table, settings: SegmentsSettings, findings: Findings, table: str
) -> ir.Table:
    """`accounts` (or universe rows) with industry, size_band and region; a blank
    industry or region becomes `unknown`, counted in `findings`."""
    require_columns(accounts, ("industry", "employees", "region"), table)
    employees = accounts.employees
    smallest = min(band.min_employees for band in settings.size_bands)
    flags = {
        "industry_blank": accounts.industry.isnull(),
        "region_missing": accounts.region.isnull(),
        "employees_missing": employees.isnull(),
        "employees_below_smallest_band": employees < smallest,
    }
    key = "company_id" if table == "universe" else "account_id"
    for check, (count, example) in count_flags(accounts, flags, key).items():
        detail = {
            "industry_blank": f"industry is blank; segment value {UNKNOWN_VALUE!r}",
            "region_missing": f"region is blank; segment value {UNKNOWN_VALUE!r}",
            "employees_missing": f"employees is blank; size_band {UNKNOWN_SIZE!r}",
            "employees_below_smallest_band": (
                f"employees below {smallest}, the smallest size band; size_band "
                f"{UNKNOWN_SIZE!r}"
            ),
        }[check]
        findings.add(table, check, "info", count, detail, example)
    return accounts.mutate(
        industry=accounts.industry.fill_null(UNKNOWN_VALUE),
        region=accounts.region.fill_null(UNKNOWN_VALUE),
        size_band=size_band(employees, settings.size_bands),
    )


def account_base(
    accounts: ir.Table, settings: SegmentsSettings, findings: Findings
) -> ir.Table:
    """One row per account: account_id and the three segment dimensions."""
    require_columns(accounts, ("account_id",), "accounts")
    counts = accounts.aggregate(
        rows=accounts.count(), ids=accounts.account_id.nunique()
    ).to_pandas()
    rows, ids = int(counts.loc[0, "rows"]), int(counts.loc[0, "ids"])
    if rows != ids:
        raise StageError(
            f"segments: accounts has {rows:,} rows but {ids:,} distinct account_id "
            "values; account_id must be unique (deduplicate the accounts first)"
        )
    with_dims = segment_dimensions(accounts, settings, findings, "accounts")
    return with_dims.select("account_id", *DIMENSIONS)


def with_subscription_status(
    base: ir.Table, subscriptions: ir.Table, dates: RetentionDates, overlap: Overlap
) -> ir.Table:
    """`base` plus arr_as_of, arr_start (ARR at t), is_customer (ARR(a, as_of) > 0)
    and first_customer_date (DEFINITIONS.md section 3).

    With subscription data an account without an active subscription has ARR 0 by
    definition (a sum over no subscriptions), so the gaps of the left joins are 0.
    """
    end = arr_at(subscriptions, dates.end, overlap).rename(arr_as_of="arr")
    start = arr_at(subscriptions, dates.start, overlap).rename(arr_start="arr")
    first = first_positive_arr_date(subscriptions, dates.end)
    joined = (
        base.left_join(end, "account_id")
        .left_join(start, "account_id")
        .left_join(first, "account_id")
    )
    joined = joined.select(
        *base.columns,
        arr_as_of=joined.arr_as_of.fill_null(0.0),
        arr_start=joined.arr_start.fill_null(0.0),
        first_customer_date=joined.first_customer_date,
    )
    return joined.mutate(is_customer=joined.arr_as_of > 0)


def with_won_status(base: ir.Table, closed: ir.Table | None) -> ir.Table:
    """Without subscription data: a customer is an account with a won opportunity
    closed by as_of; its first one dates it (DEFINITIONS.md section 3). ARR is null."""
    if closed is None:
        raise StageError(
            "segments: neither subscriptions nor opportunities were given; a "
            "customer cannot be defined (DEFINITIONS.md section 3)"
        )
    won = closed.filter(closed.status == "won")
    first = won.group_by("account_id").aggregate(
        first_customer_date=won.close_date.min()
    )
    joined = base.left_join(first, "account_id")
    return joined.select(
        *base.columns,
        arr_as_of=ibis.null("float64"),
        arr_start=ibis.null("float64"),
        first_customer_date=joined.first_customer_date,
        is_customer=joined.first_customer_date.notnull(),
    )


def with_cohort(base: ir.Table) -> ir.Table:
    """cohort = calendar quarter of first_customer_date, e.g. '2024Q1'."""
    first = base.first_customer_date
    label = first.year().cast("string") + "Q" + first.quarter().cast("string")
    return base.mutate(cohort=label)
