"""Segment of each TAL row and its expected value (DEFINITIONS.md section 5)."""

from __future__ import annotations

import pandas as pd

OVERALL = "all"


def combination_segments(
    segments: pd.DataFrame, combination: list[str]
) -> pd.DataFrame:
    """Rows of the segment table fixing exactly the configured combination."""
    rows = segments.loc[segments["dimensions"] == "+".join(combination)]
    # A fixed dimension is never null in these rows; a null would join null keys.
    rows = rows.loc[rows[combination].notna().all(axis=1)]
    return rows[[*combination, "segment", "tier", "mean_won_amount"]]


def overall_mean_won_amount(segments: pd.DataFrame) -> float | None:
    overall = segments.loc[segments["dimensions"] == OVERALL, "mean_won_amount"]
    if overall.empty or pd.isna(overall.iloc[0]):
        return None
    return float(overall.iloc[0])


def expected_value(
    fit_score: pd.Series, mean_won_amount: pd.Series, overall: float | None
) -> pd.Series:
    """fit_score / 100 x the segment's mean_won_amount, the overall one where null.

    DEFINITIONS.md section 5. Null where neither amount is known.
    """
    amount = pd.to_numeric(mean_won_amount, errors="raise").astype("Float64")
    if overall is not None:
        amount = amount.where(amount.notna(), overall)
    return (fit_score.astype("Float64") / 100.0 * amount).round(2)
