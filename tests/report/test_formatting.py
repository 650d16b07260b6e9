"""Cell formatting, worked by hand."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from icpkit.report.formatting import (
    MISSING,
    as_text,
    format_number,
    format_value,
    parse_decimal,
)


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (0.4216, "percent", "42.2%"),
        (1.04, "percent", "104.0%"),
        (1_234_567.89, "money", "1,234,568"),
        (np.int64(1204), "integer", "1,204"),
        (61.4, "days", "61"),
        (1.0849, "ratio", "1.08"),
        ("1234.5", "cents", "1,234.50"),
        (Decimal("-0.005"), "cents", "-0.01"),
        (True, "boolean", "yes"),
        (np.bool_(False), "boolean", "no"),
        ("x", "percent", "x"),
        (["win_rate", "clv"], "text", "win_rate; clv"),
        (pd.Timestamp("2024-03-31"), "text", "2024-03-31"),
    ],
)
def test_format_value(value: object, kind: str, expected: str) -> None:
    assert format_value(value, kind) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, pd.NaT, np.nan])
def test_missing_values_are_a_dash(value: object) -> None:
    assert format_value(value, "percent") == MISSING
    assert format_value(value, "text") == MISSING


def test_free_numbers_keep_three_significant_digits() -> None:
    assert format_number(0.8123) == "0.812"
    assert format_number(12.345) == "12.3"
    assert format_number(1204.0) == "1,204"
    assert format_number(123.4) == "123"


def test_mappings_and_nested_lists_read_as_text() -> None:
    assert as_text({"auc": 0.8123, "features": ["industry", "size"]}) == (
        "auc: 0.812; features: industry; size"
    )


def test_parse_decimal_rejects_what_is_not_a_finite_number() -> None:
    assert parse_decimal(" 10.10 ") == Decimal("10.10")
    assert parse_decimal("abc") is None
    assert parse_decimal("NaN") is None
    assert parse_decimal(None) is None
