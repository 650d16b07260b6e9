"""Numbers as CRM exports write them: `$1,200`, `36.9 M`, `1.2 B`, `(1,200)`, `$0`,
`1.2E+07`; counts with thousands separators (`1,200`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icpkit.ingest.distinct import expand, factorize

# TODO: decimal commas (`1.200,50`) and currency codes (`USD 1200`) are reported as
# unreadable, not parsed; converting currencies is DEFINITIONS 1's rate table's job.
NUMBER = (
    r"^(?P<open>\()?\s*(?P<sign>[-+])?\s*(?P<currency>[$€£¥])?\s*(?P<sign2>[-+])?\s*"
    r"(?P<digits>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)"
    r"(?:[eE](?P<exponent>[-+]?\d+))?\s*"
    r"(?P<suffix>(?i:million|billion|thousand|mm|mn|bn|[kmb]))?\s*(?P<close>\))?$"
)
SUFFIX_SCALE = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
MONEY_EXPECTED = "an amount such as 1200, $1,200, 36.9 M or (1,200)"
COUNT_EXPECTED = "a whole number >= 0 such as 1200 or 1,200"
FLOAT_EXPECTED = "a number such as 12.5"


@dataclass(frozen=True)
class NumberColumn:
    """Parsed numbers; `bad` cells could not be read; `money_in_count` marks
    currency amounts found in a count column (a shifted column, e.g. Inc. 5000)."""

    values: pd.Series
    bad: pd.Series
    money_in_count: pd.Series


def parse_numbers(values: pd.Series, kind: str = "money") -> NumberColumn:
    """Parse `values` as money, float or integer (a count: whole and >= 0)."""
    codes, distinct = factorize(values)
    parsed = _parse_distinct(distinct, kind)
    return NumberColumn(
        expand(parsed.values, codes, values.index).astype("float64"),
        expand(parsed.bad, codes, values.index).fillna(False).astype(bool),
        expand(parsed.money_in_count, codes, values.index).fillna(False).astype(bool),
    )


def _parse_distinct(values: pd.Series, kind: str) -> NumberColumn:
    parts = values.str.extract(NUMBER)
    number = pd.to_numeric(parts["digits"].str.replace(",", "", regex=False))
    number = number.astype("Float64")
    exponent = pd.to_numeric(parts["exponent"]).astype("Float64").fillna(0.0)
    scale = parts["suffix"].str.lower().map(SUFFIX_SCALE).astype("Float64").fillna(1.0)
    negative = parts["sign"].eq("-") | parts["sign2"].eq("-") | parts["open"].notna()
    number = number * scale * (10.0**exponent)
    number = number.where(~negative.fillna(False), -number)
    bad = parts["open"].notna() != parts["close"].notna()
    money_in_count = pd.Series(False, index=values.index)
    if kind == "integer":
        money_in_count = parts["currency"].notna() & number.notna()
        not_whole = (number % 1 != 0) | (number < 0)
        bad = bad | not_whole.fillna(False)
    bad = (bad | number.isna()) & values.notna() & ~money_in_count
    number = number.mask(bad | money_in_count)
    return NumberColumn(number.astype("float64"), bad.astype(bool), money_in_count)
