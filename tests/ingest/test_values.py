"""Dates, numbers and booleans as CRM exports write them."""

from __future__ import annotations

from datetime import date

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from icpkit.ingest.booleans import parse_booleans
from icpkit.ingest.dates import parse_dates
from icpkit.ingest.numbers import parse_numbers


def _text(*values: str | None) -> pd.Series:
    return pd.Series(list(values), dtype="string")


def test_iso_dates_with_times_and_offsets() -> None:
    parsed = parse_dates(_text("2024-01-22T16:14:25.000+0000", "2017-03-01", None))
    assert parsed.values.tolist()[:2] == [
        pd.Timestamp("2024-01-22"),
        pd.Timestamp("2017-03-01"),
    ]
    assert not parsed.bad.any() and parsed.order is None


def test_salesforce_short_dates_with_am_pm() -> None:
    parsed = parse_dates(_text("02/23/26 10:15 AM", "02/03/24", "02/23/26 08:55 PM"))
    assert parsed.values.tolist() == [
        pd.Timestamp("2026-02-23"),
        pd.Timestamp("2024-02-03"),
        pd.Timestamp("2026-02-23"),
    ]
    assert parsed.order == "mdy" and not parsed.assumed


def test_order_is_decided_per_column_not_per_row() -> None:
    # 01-03-17 alone is ambiguous; 20-10-16 in the same column makes it 1 March 2017.
    parsed = parse_dates(_text("01-03-17", "20-10-16"))
    assert parsed.values.tolist() == [
        pd.Timestamp("2017-03-01"),
        pd.Timestamp("2016-10-20"),
    ]
    assert parsed.order == "dmy"


def test_undecided_order_uses_default_and_says_so() -> None:
    parsed = parse_dates(_text("01/03/2017", "02/04/2017"), default="mdy")
    assert parsed.values.iloc[0] == pd.Timestamp("2017-01-03")
    assert parsed.assumed
    configured = parse_dates(_text("01/03/2017"), order="dmy")
    assert configured.values.iloc[0] == pd.Timestamp("2017-03-01")
    assert not configured.assumed


def test_both_orders_in_one_column_is_a_conflict() -> None:
    parsed = parse_dates(_text("13/02/2024", "02/23/2024"))
    assert parsed.conflict == ("13/02/2024", "02/23/2024")


def test_impossible_dates_are_bad() -> None:
    parsed = parse_dates(
        _text("31/02/2024", "1201-11-03", "3201-10-21", "soon", "2024-13-01")
    )
    assert parsed.bad.tolist() == [True, True, True, True, True]


def test_month_names() -> None:
    assert parse_dates(_text("Jan 5, 2024")).values.iloc[0] == pd.Timestamp(
        "2024-01-05"
    )


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=date(1971, 1, 1), max_value=date(2068, 12, 31)))
def test_every_written_form_reads_back(day: date) -> None:
    forms = [
        day.isoformat(),
        day.strftime("%m/%d/%Y"),
        day.strftime("%m/%d/%y %I:%M %p"),
    ]
    parsed = parse_dates(_text(*forms), order="mdy")
    assert (parsed.values == pd.Timestamp(day)).all()
    dmy = parse_dates(_text(day.strftime("%d-%m-%y")), order="dmy")
    assert dmy.values.iloc[0] == pd.Timestamp(day)


def test_money_strings() -> None:
    parsed = parse_numbers(
        _text("$1,200", "36.9 M", "1.2 B", "(1,200)", "$0", "1.2E+07", None)
    )
    assert parsed.values.tolist()[:6] == [1200.0, 36.9e6, 1.2e9, -1200.0, 0.0, 1.2e7]
    assert not parsed.bad.any()


def test_bad_money_strings() -> None:
    parsed = parse_numbers(_text("abc", "12%", "1,2", "(5"))
    assert parsed.bad.all()


def test_counts_with_separators_and_money_in_a_count_column() -> None:
    parsed = parse_numbers(
        _text("1,200", "$180,000", "$1.82 million", "12.5", "-3"), "integer"
    )
    assert parsed.values.iloc[0] == 1200.0
    assert parsed.money_in_count.tolist() == [False, True, True, False, False]
    assert parsed.bad.tolist() == [False, False, False, True, True]


def test_boolean_spellings() -> None:
    parsed = parse_booleans(
        _text("True", "FALSE", "1", "0", "yes", "N", "t", "f", None)
    )
    assert parsed.values.tolist()[:8] == [
        True,
        False,
        True,
        False,
        True,
        False,
        True,
        False,
    ]
    assert pd.isna(parsed.values.iloc[8]) and parsed.blanks_as_false == 0


def test_salesforce_one_or_blank() -> None:
    parsed = parse_booleans(_text("1", None, None))
    assert (
        parsed.values.tolist() == [True, False, False] and parsed.blanks_as_false == 2
    )


def test_unknown_boolean_is_bad() -> None:
    assert parse_booleans(_text("maybe", "true")).bad.tolist() == [True, False]
