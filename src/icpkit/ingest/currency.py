"""Conversion of opportunity amounts to the reporting currency (DEFINITIONS 1)."""

from __future__ import annotations

import pandas as pd

from icpkit.errors import Problem

HEADER_ROWS = 1


def convert_amounts(
    opportunities: pd.DataFrame,
    file: str,
    reporting: str,
    rates: dict[str, float],
) -> tuple[pd.DataFrame, list[Problem]]:
    """Amounts in another currency times its rate; a currency without a rate is an
    error for each row holding it, never a silent pass.

    `rates` gives units of the reporting currency per unit of each currency.
    """
    currency = opportunities["currency"].str.strip().str.upper()
    foreign = currency.notna() & (currency != reporting)
    if not foreign.any():
        return opportunities, []
    known = {code.upper(): rate for code, rate in rates.items()}
    rate = currency[foreign].map(known)
    expected = (
        f"{reporting} or a currency with a rate in [currency_rates] "
        f"(rates given: {', '.join(sorted(known)) or 'none'})"
    )
    missing = currency[foreign][rate.isna()]
    problems = _missing_rates(opportunities, missing, file, expected)
    if problems:
        return opportunities, problems
    converted = opportunities.copy()
    converted.loc[foreign, "amount"] = converted.loc[foreign, "amount"] * rate
    converted.loc[foreign, "currency"] = reporting
    return converted, []


def _missing_rates(
    opportunities: pd.DataFrame, missing: pd.Series, file: str, expected: str
) -> list[Problem]:
    """One problem per currency without a rate, at its first row, with its row count
    (a file of 10,000 EUR rows is one fix, not 10,000)."""
    problems = []
    for code, labels in missing.groupby(missing, sort=True).groups.items():
        first = min(_positions(opportunities, pd.Index(labels)))
        count = len(labels)
        problems.append(
            Problem(
                file,
                first + HEADER_ROWS + 1,
                "currency",
                str(code),
                f"{expected}; {_rows_hold(count)} {code}, this is the first",
            )
        )
    return problems


def _positions(frame: pd.DataFrame, labels: pd.Index) -> list[int]:
    lookup = pd.Series(range(len(frame)), index=frame.index)
    return [int(lookup[label]) for label in labels]


def _rows_hold(count: int) -> str:
    return "1 row holds" if count == 1 else f"{count:,} rows hold"
