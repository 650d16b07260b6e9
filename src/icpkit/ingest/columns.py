"""Typed canonical columns from mapped source columns; bad cells become problems."""

from __future__ import annotations

import html

import pandas as pd

from icpkit.errors import Problem
from icpkit.ingest.booleans import BOOLEAN_EXPECTED, parse_booleans
from icpkit.ingest.context import FileContext
from icpkit.ingest.dates import DATE_EXPECTED, parse_dates
from icpkit.ingest.numbers import (
    COUNT_EXPECTED,
    FLOAT_EXPECTED,
    MONEY_EXPECTED,
    parse_numbers,
)
from icpkit.ingest.presets import DEFAULT_DATE_ORDER

NUMBER_EXPECTED = {
    "money": MONEY_EXPECTED,
    "float": FLOAT_EXPECTED,
    "integer": COUNT_EXPECTED,
}
_ENTITY = r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);"
# Written-out blanks. In text columns they stay values (`NA` is Namibia's code); in
# date, number and boolean columns they can only mean "no value".
MISSING_MARKERS = ("na", "n/a", "nan", "null", "none", "-", "--", "#n/a")


def typed_column(
    values: pd.Series, kind: str, canonical: str, source: str, ctx: FileContext
) -> pd.Series:
    """`values` (text) converted to the canonical type `kind` of `canonical`."""
    if kind != "string":
        values = _without_markers(values, source, ctx)
    if kind == "date":
        return _dates(values, source, ctx)
    if kind in NUMBER_EXPECTED:
        return _numbers(values, kind, canonical, source, ctx)
    if kind == "boolean":
        return _booleans(values, source, ctx)
    return _strings(values, source, ctx)


def _without_markers(values: pd.Series, source: str, ctx: FileContext) -> pd.Series:
    marker = values.str.lower().isin(MISSING_MARKERS).fillna(False).astype(bool)
    ctx.findings.count_mask(
        ctx.table,
        "missing_marker",
        "info",
        marker,
        f"{ctx.file}: column {source!r} writes missing values as text; read as blank",
        values,
    )
    return values.mask(marker)


def _strings(values: pd.Series, source: str, ctx: FileContext) -> pd.Series:
    text = values.astype("string")
    entity = text.str.contains(_ENTITY, regex=True, na=False)
    if entity.any():
        # Fortune 1000 2021 writes `Lowe&#8217;s`: decode, count, show one.
        ctx.findings.count_mask(
            ctx.table,
            "html_entities_decoded",
            "info",
            entity,
            f"{ctx.file}: column {source!r} held HTML entities; decoded",
            text,
        )
        text = text.mask(entity, text[entity].map(html.unescape))
    return text


def _dates(values: pd.Series, source: str, ctx: FileContext) -> pd.Series:
    default = DEFAULT_DATE_ORDER[ctx.spec.preset]
    parsed = parse_dates(values, ctx.spec.date_order, default)
    if parsed.conflict is not None:
        day_first, month_first = parsed.conflict
        expected = (
            f"one day/month order in the column, but {day_first!r} is day-first and "
            f"{month_first!r} is month-first; fix the file or set "
            f"inputs.{ctx.table}.date_order"
        )
        ctx.problems.append(Problem(ctx.file, None, source, None, expected))
        return parsed.values
    if parsed.assumed:
        ctx.findings.add(
            ctx.table,
            "date_order_assumed",
            "warning",
            int(values.notna().sum()),
            f"{ctx.file}: column {source!r} has no value with a day or month above "
            f"12; read as {parsed.order} (set inputs.{ctx.table}.date_order to change)",
            values.dropna().iloc[0],
        )
    expected = DATE_EXPECTED
    if ctx.spec.date_order != "auto":
        expected += f" in the configured order {ctx.spec.date_order}"
    ctx.report_cells(parsed.bad, values, source, expected)
    return parsed.values


def _numbers(
    values: pd.Series, kind: str, canonical: str, source: str, ctx: FileContext
) -> pd.Series:
    parsed = parse_numbers(values, kind)
    ctx.report_cells(parsed.bad, values, source, NUMBER_EXPECTED[kind])
    # A money amount in a count column (Inc. 5000 2019 `$180,000` in employees) is a
    # shifted column, not a headcount: kept null and counted, not a blocking error.
    ctx.findings.count_mask(
        ctx.table,
        "money_in_count_column",
        "warning",
        parsed.money_in_count,
        f"{ctx.file}: column {source!r} holds money amounts where a count is "
        "expected; kept as null",
        values,
    )
    scaled = parsed.values * ctx.spec.scale.get(canonical, 1.0)
    return scaled.round().astype("Int64") if kind == "integer" else scaled


def _booleans(values: pd.Series, source: str, ctx: FileContext) -> pd.Series:
    parsed = parse_booleans(values)
    ctx.report_cells(parsed.bad, values, source, BOOLEAN_EXPECTED)
    ctx.findings.add(
        ctx.table,
        "boolean_blank_as_false",
        "info",
        parsed.blanks_as_false,
        f"{ctx.file}: column {source!r} uses 1-or-blank; blanks read as false",
    )
    return parsed.values
