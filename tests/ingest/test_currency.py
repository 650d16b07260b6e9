"""Amounts in other currencies (DEFINITIONS 1): converted, or an error per row."""

from __future__ import annotations

import pandas as pd
import pytest

from icpkit.errors import InputError
from icpkit.ingest.currency import convert_amounts


def _opportunities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "amount": [100.0, 200.0, 50.0],
            "currency": pd.array(["USD", "eur", None], dtype="string"),
        }
    )


def test_foreign_amount_is_converted_with_its_rate() -> None:
    converted, problems = convert_amounts(
        _opportunities(), "opps.csv", "USD", {"EUR": 1.1}
    )
    assert problems == []
    assert converted["amount"].tolist() == pytest.approx([100.0, 220.0, 50.0])
    assert converted["currency"].tolist()[:2] == ["USD", "USD"]


def test_currency_without_rate_is_an_error_naming_the_row() -> None:
    _, problems = convert_amounts(_opportunities(), "opps.csv", "USD", {})
    assert len(problems) == 1
    message = str(InputError(problems))
    assert "opps.csv, row 3, column 'currency': value 'EUR'" in message
    assert "rates given: none" in message


def test_many_rows_in_one_currency_without_rate_are_one_problem() -> None:
    opportunities = pd.DataFrame(
        {
            "amount": [1.0] * 5,
            "currency": pd.array(["USD", "EUR", "EUR", "gbp", "EUR"], dtype="string"),
        }
    )
    _, problems = convert_amounts(opportunities, "opps.csv", "USD", {})
    assert [(p.row, p.value) for p in problems] == [(3, "EUR"), (5, "GBP")]
    assert problems[0].expected.endswith("3 rows hold EUR, this is the first")
    assert problems[1].expected.endswith("1 row holds GBP, this is the first")
