"""Booleans of every spelling found in CRM exports: True/False, TRUE/FALSE, 1/0,
yes/no, Y/N, t/f, and Salesforce's `1` or blank."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

TRUE_WORDS = ("true", "t", "yes", "y", "1", "1.0")
FALSE_WORDS = ("false", "f", "no", "n", "0", "0.0")
BOOLEAN_EXPECTED = "true/false (also TRUE, 1/0, yes/no, Y/N, t/f)"


@dataclass(frozen=True)
class BooleanColumn:
    values: pd.Series
    bad: pd.Series
    blanks_as_false: int  # blanks read as False under the `1`-or-blank convention


def parse_booleans(values: pd.Series) -> BooleanColumn:
    """Parse one column. Where the column holds true values, no false spelling at
    all and some blanks (Salesforce's `1`/blank export), the blanks are False and
    their count is returned for the data-quality report."""
    words = values.str.lower()
    table = {word: True for word in TRUE_WORDS} | {word: False for word in FALSE_WORDS}
    parsed = words.map(table).astype("boolean")
    bad = values.notna() & parsed.isna()
    blanks = values.isna()
    one_or_blank = parsed.eq(True).any() and not parsed.eq(False).any()
    if one_or_blank and blanks.any() and not bad.any():
        return BooleanColumn(parsed.fillna(False), bad, int(blanks.sum()))
    return BooleanColumn(parsed, bad, 0)
